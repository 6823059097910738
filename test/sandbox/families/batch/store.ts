import type { VirtualClock } from '../../core/clock';
import type { IdGenerator } from '../../core/random';
import type { FamilyState, SandboxState } from '../../core/state';
import type { Region } from '../../core/types';

/** Batch statuses (docs/minimax-api.md §17.6). */
export type BatchStatus =
	| 'validating'
	| 'in_progress'
	| 'finalizing'
	| 'completed'
	| 'failed'
	| 'expired'
	| 'cancelling'
	| 'cancelled';

export const TERMINAL: readonly BatchStatus[] = ['completed', 'failed', 'expired', 'cancelled'];

/** One request's result line, computed when the batch is created; shown once its turn has come. */
export interface LineResult {
	customId: string;
	ok: boolean;
	line: Record<string, unknown>;
}

export interface BatchRecord {
	id: string;
	region: Region;
	inputFileId: number;
	endpoint: string;
	completionWindow: string;
	callbackUrl?: string;
	metadata?: Record<string, unknown>;
	/** Virtual epoch ms. */
	createdAt: number;
	results: LineResult[];
	cancelAt?: number;
	forced?: BatchStatus;
	/** Requests processed when the status was forced (expired / failed / cancelled by control). */
	forcedProcessed?: number;
	finalized?: BatchView & { endedAt: number };
}

/**
 * Virtual timing: `validatingMs`, then `perRequestMs` per request (in input order), then
 * `finalizingMs`; a cancel spends `cancellingMs` in "cancelling". Results are written in an order
 * different from the input (odd custom_ids first), as batch APIs do not keep the input order.
 */
export interface BatchTiming {
	validatingMs: number;
	perRequestMs: number;
	finalizingMs: number;
	cancellingMs: number;
	/** The completion window ("24h"): unfinished batches expire after it. */
	windowMs: number;
}

const DEFAULT_TIMING: BatchTiming = {
	validatingMs: 1000,
	perRequestMs: 500,
	finalizingMs: 1000,
	cancellingMs: 1000,
	windowMs: 24 * 3600_000,
};

/**
 * Whether the host offers batches: `offered`, `http_404` (the route does not exist: plain 404
 * page) or `not_supported` (base_resp 2013 "batch api is not supported for this account").
 */
export type BatchAvailability = 'offered' | 'http_404' | 'not_supported';

export interface BatchView {
	status: BatchStatus;
	/** Requests run so far. */
	processed: number;
	outputFileId: number | null;
	errorFileId: number | null;
	/** Virtual epoch ms when the batch ended. */
	endedAt?: number;
}

export class BatchStore implements FamilyState {
	readonly batches = new Map<string, BatchRecord>();
	timing: BatchTiming = { ...DEFAULT_TIMING };
	availability: BatchAvailability = 'offered';
	/** Most batches one list page holds whatever `limit` asks (tests paging with few batches). */
	pageCap = 100;
	/**
	 * custom_ids a cancel loses: counted as failed but written to neither file (requests in flight
	 * when the batch was cancelled, as llm-d/llm-d-batch-gateway#221 reports).
	 */
	lostOnCancel = new Set<string>();
	private sequence = 0;

	constructor(
		private readonly state: SandboxState,
		private readonly clock: VirtualClock,
		private readonly ids: () => IdGenerator,
	) {}

	reset(): void {
		this.batches.clear();
		this.timing = { ...DEFAULT_TIMING };
		this.availability = 'offered';
		this.pageCap = 100;
		this.lostOnCancel = new Set();
		this.sequence = 0;
	}

	settle(): void {
		for (const batch of this.batches.values()) this.view(batch);
	}

	nextId(): string {
		this.sequence++;
		return `batch_${this.ids().token(8).toLowerCase()}${String(this.sequence).padStart(4, '0')}`;
	}

	/** Test control: the batch ends now with this status; `processed` requests (default half) were run. */
	force(id: string, status: BatchStatus, processed?: number): void {
		const batch = this.batches.get(id);
		if (!batch) throw new Error(`no batch ${id}`);
		batch.forced = status;
		batch.forcedProcessed = processed ?? Math.floor(batch.results.length / 2);
	}

	/** How many requests have run by now. */
	private processed(batch: BatchRecord, at: number): number {
		const { validatingMs, perRequestMs } = this.timing;
		const ran = Math.floor((at - batch.createdAt - validatingMs) / Math.max(1, perRequestMs));
		return Math.max(0, Math.min(batch.results.length, ran));
	}

	/** The batch's status now, its request counts, and its files once it has ended. */
	view(batch: BatchRecord): BatchView {
		if (batch.finalized) return batch.finalized;
		const now = this.clock.now();
		const { validatingMs, perRequestMs, finalizingMs, cancellingMs, windowMs } = this.timing;
		const total = batch.results.length;
		if (batch.forced && TERMINAL.includes(batch.forced))
			return this.finalize(batch, batch.forced, batch.forcedProcessed ?? 0, now);
		if (batch.forced)
			return { status: batch.forced, processed: 0, outputFileId: null, errorFileId: null };
		if (batch.cancelAt !== undefined) {
			const processed = this.processed(batch, batch.cancelAt);
			if (now < batch.cancelAt + cancellingMs)
				return { status: 'cancelling', processed, outputFileId: null, errorFileId: null };
			return this.finalize(batch, 'cancelled', processed, batch.cancelAt + cancellingMs);
		}
		const doneAt = batch.createdAt + validatingMs + total * perRequestMs;
		if (now >= batch.createdAt + windowMs && now < doneAt + finalizingMs)
			return this.finalize(batch, 'expired', this.processed(batch, now), now);
		if (now < batch.createdAt + validatingMs)
			return { status: 'validating', processed: 0, outputFileId: null, errorFileId: null };
		if (now < doneAt)
			return {
				status: 'in_progress',
				processed: this.processed(batch, now),
				outputFileId: null,
				errorFileId: null,
			};
		if (now < doneAt + finalizingMs)
			return { status: 'finalizing', processed: total, outputFileId: null, errorFileId: null };
		return this.finalize(batch, 'completed', total, doneAt + finalizingMs);
	}

	/** Writes the output and error files once (odd custom_ids first: not the input order). */
	private finalize(
		batch: BatchRecord,
		status: BatchStatus,
		processed: number,
		at: number,
	): BatchView {
		const ran = batch.results
			.slice(0, processed)
			.filter((result) => status !== 'cancelled' || !this.lostOnCancel.has(result.customId));
		const order = [...ran.filter((_, i) => i % 2 === 1), ...ran.filter((_, i) => i % 2 === 0)];
		const output = order.filter((result) => result.ok).map((result) => result.line);
		const errors = order.filter((result) => !result.ok).map((result) => result.line);
		if (status === 'expired') {
			for (const left of batch.results.slice(processed)) {
				errors.push({
					id: `batch_req_${batch.id}_${left.customId}`,
					custom_id: left.customId,
					response: null,
					error: {
						code: 'batch_expired',
						message: 'This request could not be executed before the completion window expired.',
					},
				});
			}
		}
		const write = (lines: Array<Record<string, unknown>>, kind: string) =>
			lines.length
				? this.state.addFile({
						purpose: 'batch_output',
						filename: `${batch.id}_${kind}.jsonl`,
						data: Buffer.from(lines.map((line) => JSON.stringify(line)).join('\n') + '\n'),
						contentType: 'application/jsonl',
						region: batch.region,
					}).file_id
				: null;
		batch.finalized = {
			status,
			processed,
			outputFileId: write(output, 'output'),
			errorFileId: write(errors, 'error'),
			endedAt: at,
		};
		return batch.finalized;
	}
}

/** The family's state for one sandbox (created on first use, reset with it). */
export function batchStore(state: SandboxState): BatchStore {
	return state.family('batches', (clock, ids) => new BatchStore(state, clock, ids));
}
