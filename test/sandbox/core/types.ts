export type Region = 'global' | 'china';

export interface SandboxOptions {
	/** 0 = random free port. */
	port?: number;
	/** Only loopback is allowed; default 127.0.0.1. */
	host?: string;
	/** Virtual time speed-up (async task duration, URL expiry); default 1. */
	timeScale?: number;
	/** Real milliseconds added before every API response. */
	latencyMs?: number;
	/** Seeds ids, trace ids and probabilistic faults. */
	seed?: number;
}

export interface MultipartFileSummary {
	field: string;
	filename: string;
	contentType: string;
	bytes: number;
}

export interface MultipartLogBody {
	fields: Record<string, string>;
	files: MultipartFileSummary[];
}

export interface RequestLogEntry {
	seq: number;
	/** Real epoch ms when the request arrived. */
	time: number;
	region: Region | null;
	kind: 'api' | 'download';
	method: string;
	/** Without the /china prefix and without the query string. */
	path: string;
	query: Record<string, string>;
	/** Lower-cased names; includes authorization when sent. */
	headers: Record<string, string>;
	/** Parsed JSON, the raw text when it is not JSON, or a multipart summary. */
	body?: unknown;
	/** HTTP status sent; 0 when the connection was reset before any response. */
	status: number;
	baseRespCode?: number;
	fault?: string;
	/** Refused with 1002 by a per-account route limit (sandbox.limits). */
	rateLimited?: boolean;
	/** True when a paid generation really happened (sync TTS success, async TTS task created). */
	billable?: boolean;
	jobId?: string;
	/** Real ms between arrival and the end of the response. */
	durationMs?: number;
}
