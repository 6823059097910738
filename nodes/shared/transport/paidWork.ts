import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, INode, INodeExecutionData } from 'n8n-workflow';

/**
 * The paid work of one node run (task IDs, file IDs, voice IDs), per input item, so that a node
 * that fails on one item can still name everything the other items already paid for, with the
 * operation that fetches each later. Lives in a WeakMap keyed by the node's execute context:
 * gone with the node run, never shared between executions.
 */

export type PaidWorkKind = 'task' | 'file' | 'voice';

export interface PaidWork {
	itemIndex: number;
	kind: PaidWorkKind;
	id: string;
	/** What it is, e.g. "video task", "long speech task", "uploaded file". */
	what: string;
	/** How to get it later, e.g. 'Video › Get Task Status or Download Video with this task ID'. */
	fetchWith: string;
}

export interface PaidWorkReport extends IDataObject {
	itemIndex: number;
	/** finished: the item completed; stopped: it was running when the node stopped. */
	state: 'finished' | 'stopped';
	kind: PaidWorkKind;
	id: string;
	what: string;
	fetchWith: string;
}

interface Ledger {
	entries: PaidWork[];
	/** Item whose failure stops the node; other items stop before their next request. */
	stoppedBy?: number;
}

const ledgers = new WeakMap<object, Ledger>();

function ledgerOf(ctx: object): Ledger {
	let ledger = ledgers.get(ctx);
	if (!ledger) {
		ledger = { entries: [] };
		ledgers.set(ctx, ledger);
	}
	return ledger;
}

/** Notes paid work of an item (no-op for duplicates). */
export function recordPaidWork(ctx: object, work: PaidWork): void {
	const ledger = ledgerOf(ctx);
	if (
		ledger.entries.some(
			(e) => e.itemIndex === work.itemIndex && e.kind === work.kind && e.id === work.id,
		)
	)
		return;
	ledger.entries.push(work);
}

/** Marks the node run as stopping because `itemIndex` failed; returns false if already stopping. */
export function stopNodeRun(ctx: object, itemIndex: number): boolean {
	const ledger = ledgerOf(ctx);
	if (ledger.stoppedBy !== undefined) return false;
	ledger.stoppedBy = itemIndex;
	return true;
}

/** The failed item that stops this node run, if any. */
export function stoppingBecauseOf(ctx: object): number | undefined {
	return ledgers.get(ctx)?.stoppedBy;
}

const stopErrors = new WeakSet<Error>();

/** Another item failed with Continue On Fail off: this item sends nothing more (nothing new is paid). */
export function throwIfStopped(ctx: object & { getNode(): INode }, itemIndex?: number): void {
	const stoppedBy = stoppingBecauseOf(ctx);
	if (stoppedBy === undefined || stoppedBy === itemIndex) return;
	const error = new NodeOperationError(ctx.getNode(), `Stopped because item ${stoppedBy} failed`, {
		itemIndex,
		description:
			'The node stops at the first failing item when Continue On Fail is off; this request was not sent.',
	});
	stopErrors.add(error);
	throw error;
}

/** True for the errors throwIfStopped() raises (they are consequences, not causes). */
export function isStopError(error: unknown): boolean {
	return error instanceof Error && stopErrors.has(error);
}

interface PathWork {
	what: string;
	fetchWith: string;
	ids: (body: IDataObject, request: IDataObject | undefined) => Array<[PaidWorkKind, string]>;
}

const idText = (value: unknown): string | undefined =>
	value === undefined || value === null || value === '' || value === 0 ? undefined : String(value);
const one = (kind: PaidWorkKind, value: unknown): Array<[PaidWorkKind, string]> => {
	const id = idText(value);
	return id ? [[kind, id]] : [];
};

const VIDEO_FETCH = 'Video › Get Task Status or Download Video with this task ID';
const firstId = (...values: unknown[]) => values.map(idText).find((id) => id !== undefined);
const PATH_WORK: Record<string, PathWork> = {
	'/v1/video_generation': {
		what: 'video task',
		fetchWith: VIDEO_FETCH,
		ids: (body) => one('task', body.task_id),
	},
	'/v1/video_template_generation': {
		what: 'video template task',
		fetchWith:
			'Video Template › Get Template Task Status or Download Template Video with this task ID',
		ids: (body) => one('task', body.task_id),
	},
	'/v2/video_generation': {
		what: 'MiniMax-H3 task',
		fetchWith:
			'MiniMax-H3 Video › Get MiniMax-H3 Task Status or Download MiniMax-H3 Video with this task ID',
		ids: (body) => {
			const task = body.task as IDataObject | undefined;
			const data = body.data as IDataObject | undefined;
			return one('task', firstId(body.task_id, body.id, task?.id, data?.task_id));
		},
	},
	'/v2/video_regeneration': {
		what: 'MiniMax-H3 2K regeneration task',
		fetchWith:
			'MiniMax-H3 Video › Get MiniMax-H3 Task Status or Download MiniMax-H3 Video with this task ID',
		ids: (body) => one('task', firstId(body.task_id, body.id)),
	},
	'/v1/t2a_async_v2': {
		what: 'long speech task',
		fetchWith: 'Text to Speech › Get Long Speech Task with this task ID',
		ids: (body) => one('task', body.task_id),
	},
	'/v1/voice_clone': {
		what: 'cloned voice',
		fetchWith: 'Text to Speech › Voice ID (use it within 7 days or MiniMax deletes it)',
		ids: (_body, request) => one('voice', request?.voice_id),
	},
	'/v1/voice_design': {
		what: 'designed voice',
		fetchWith: 'Text to Speech › Voice ID',
		ids: (body, request) => one('voice', firstId(body.voice_id, request?.voice_id)),
	},
	'/v1/batches': {
		what: 'chat batch',
		fetchWith: 'Chat › Batch › Get Batch or Get Batch Results with this batch ID',
		ids: (body) => one('task', body.id),
	},
	'/v1/files/upload': {
		what: 'uploaded file',
		fetchWith: 'Files › Download or Get with this file ID',
		ids: (body) => one('file', (body.file as IDataObject | undefined)?.file_id),
	},
};

/** Records the IDs a successful request created (transport hook; other paths are ignored). */
export function recordCreated(
	ctx: object,
	itemIndex: number | undefined,
	path: string,
	response: unknown,
	request: unknown,
): void {
	const work = PATH_WORK[path];
	if (itemIndex === undefined || !work || typeof response !== 'object' || response === null) return;
	const requestBody =
		request && typeof request === 'object' && !(request instanceof FormData)
			? (request as IDataObject)
			: undefined;
	for (const [kind, id] of work.ids(response as IDataObject, requestBody)) {
		recordPaidWork(ctx, { itemIndex, kind, id, what: work.what, fetchWith: work.fetchWith });
	}
}

/** IDs in a finished item's JSON (taskId, fileId, voiceId), which the item already returned. */
function idsInOutput(itemIndex: number, json: IDataObject): PaidWork[] {
	const found: PaidWork[] = [];
	const fileId = idText(json.fileId);
	if (fileId) {
		found.push({
			itemIndex,
			kind: 'file',
			id: fileId,
			what: 'result file',
			fetchWith: 'Files › Download with this file ID',
		});
	}
	return found;
}

/**
 * Everything paid for by items other than `failedIndex`: finished items (with what their outputs
 * name) and items that were running when the node stopped.
 */
export function paidWorkReport(
	ctx: object,
	failedIndex: number,
	finished: Array<INodeExecutionData[] | undefined>,
): PaidWorkReport[] {
	const entries = [...(ledgers.get(ctx)?.entries ?? [])];
	finished.forEach((items, itemIndex) => {
		for (const item of items ?? []) entries.push(...idsInOutput(itemIndex, item.json ?? {}));
	});
	const seen = new Set<string>();
	const report: PaidWorkReport[] = [];
	for (const entry of entries.sort((a, b) => a.itemIndex - b.itemIndex)) {
		if (entry.itemIndex === failedIndex) continue;
		const key = `${entry.itemIndex}:${entry.kind}:${entry.id}`;
		if (seen.has(key)) continue;
		seen.add(key);
		report.push({
			itemIndex: entry.itemIndex,
			state: finished[entry.itemIndex] ? 'finished' : 'stopped',
			kind: entry.kind,
			id: entry.id,
			what: entry.what,
			fetchWith: entry.fetchWith,
		});
	}
	return report;
}

/** One line per paid item for the error description. */
export function describePaidWork(
	report: PaidWorkReport[],
	finishedItems: number[],
	notStarted: number[],
): string {
	const lines: string[] = [];
	if (finishedItems.length) {
		lines.push(
			`${finishedItems.length === 1 ? 'Item' : 'Items'} ${rangeText(finishedItems)} finished; ${finishedItems.length === 1 ? 'its' : 'their'} output is dropped with this error (turn on Continue On Fail to keep every item's output).`,
		);
	}
	if (report.length) {
		lines.push(
			'Nothing paid is lost. Paid work of the other items (fetch it later, no need to pay again):',
		);
		for (const work of report) {
			const state = work.state === 'stopped' ? ', stopped while running at MiniMax' : '';
			lines.push(
				`- item ${work.itemIndex}: ${idLabel(work.what, work.kind)} ${work.id}${state} → ${work.fetchWith}`,
			);
		}
	}
	if (notStarted.length) {
		lines.push(
			`Items with nothing paid (not sent, or stopped before a paid job): ${rangeText(notStarted)}.`,
		);
	}
	return lines.join('\n');
}

function rangeText(indexes: number[]): string {
	const parts: string[] = [];
	let start = indexes[0];
	let previous = start;
	for (const index of [...indexes.slice(1), Number.NaN]) {
		if (index === previous + 1) {
			previous = index;
			continue;
		}
		parts.push(start === previous ? `${start}` : `${start}–${previous}`);
		start = previous = index;
	}
	return parts.join(', ');
}

/** "video task" + task → "video task ID"; "designed voice" + voice → "designed voice ID"; else both words. */
function idLabel(what: string, kind: string): string {
	return what.toLowerCase().endsWith(kind.toLowerCase()) ? `${what} ID` : `${what} ${kind} ID`;
}
