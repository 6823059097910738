import { SeededRandom } from './random';

export const FAULT_KINDS = [
	'base_resp',
	'rate_limit',
	'http_status',
	'reset',
	'reset_mid_body',
	'slow',
	'malformed_json',
	'expired_url',
	'byte_split',
	'truncate_stream',
	'stall_stream',
	'empty_body',
	'html_body',
	'replay',
] as const;

export type FaultKind = (typeof FAULT_KINDS)[number];

export interface FaultSpec {
	/** Exact path (without /china prefix and query) or a RegExp tested against it. Omitted = any path. */
	path?: string | RegExp;
	method?: string;
	kind: FaultKind;
	/** How many matching requests it hits; default 1, Infinity allowed. */
	times?: number;
	/** 0..1, drawn from the seeded RNG; a miss does not use up `times`. */
	probability?: number;
	/** base_resp code (base_resp kind; body code for http_status). */
	code?: number;
	message?: string;
	/** Seconds, sent as Retry-After (http_status). */
	retryAfter?: number;
	/** Delay before the fault acts; for 'slow' the delay before the normal response. */
	delayMs?: number;
	/** HTTP status for http_status; default 500. */
	status?: number;
	/**
	 * `replay`: answer exactly this (a reply copied from a public report), as JSON on HTTP 200
	 * (or `status`); a string is sent as is, as an SSE stream when it starts with `data:`. Never billed.
	 */
	body?: unknown;
}

export interface ActiveFault extends Readonly<FaultSpec> {
	readonly id: number;
	/** Hits left. */
	readonly remaining: number;
	/** Times it has fired. */
	readonly hits: number;
}

interface FaultRecord {
	id: number;
	spec: FaultSpec;
	remaining: number;
	hits: number;
}

export interface FaultTarget {
	kind: 'api' | 'download';
	method: string;
	path: string;
}

/** Kinds that only make sense on one request kind. */
const API_ONLY: ReadonlySet<FaultKind> = new Set([
	'base_resp',
	'rate_limit',
	'malformed_json',
	'replay',
]);
const DOWNLOAD_ONLY: ReadonlySet<FaultKind> = new Set(['expired_url', 'empty_body', 'html_body']);

export class FaultController {
	private records: FaultRecord[] = [];
	private nextId = 1;
	private rng: SeededRandom;

	constructor(private readonly seed: number) {
		this.rng = new SeededRandom(seed);
	}

	add(spec: FaultSpec): ActiveFault {
		if (!FAULT_KINDS.includes(spec.kind))
			throw new TypeError(`unknown fault kind "${String(spec.kind)}"`);
		const times = spec.times ?? 1;
		if (!(times > 0)) throw new RangeError(`fault times must be > 0, got ${times}`);
		if (spec.probability !== undefined && !(spec.probability >= 0 && spec.probability <= 1)) {
			throw new RangeError(`fault probability must be in [0, 1], got ${spec.probability}`);
		}
		const record: FaultRecord = { id: this.nextId++, spec: { ...spec }, remaining: times, hits: 0 };
		this.records.push(record);
		return view(record);
	}

	clear(): void {
		this.records = [];
	}

	/** Faults still armed, oldest first. */
	list(): ActiveFault[] {
		return this.records.map(view);
	}

	/** Resets the RNG too, so a reset sandbox replays probabilistic faults identically. */
	reset(): void {
		this.clear();
		this.nextId = 1;
		this.rng = new SeededRandom(this.seed);
	}

	/** Finds the first armed fault for this request and uses up one hit. */
	take(target: FaultTarget): FaultSpec | undefined {
		for (const record of this.records) {
			if (!matches(record.spec, target)) continue;
			if (record.spec.probability !== undefined && this.rng.next() >= record.spec.probability)
				continue;
			record.remaining -= 1;
			record.hits += 1;
			if (record.remaining <= 0) this.records = this.records.filter((r) => r !== record);
			return record.spec;
		}
		return undefined;
	}
}

function matches(spec: FaultSpec, target: FaultTarget): boolean {
	if (target.kind === 'api' && DOWNLOAD_ONLY.has(spec.kind)) return false;
	if (target.kind === 'download' && API_ONLY.has(spec.kind)) return false;
	if (spec.method && spec.method.toUpperCase() !== target.method.toUpperCase()) return false;
	if (spec.path === undefined) return true;
	if (typeof spec.path === 'string') return spec.path === target.path;
	spec.path.lastIndex = 0;
	return spec.path.test(target.path);
}

function view(record: FaultRecord): ActiveFault {
	return { ...record.spec, id: record.id, remaining: record.remaining, hits: record.hits };
}
