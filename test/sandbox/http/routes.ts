import type { Reply } from './reply';
import type { DownloadStore } from './downloads';
import type { VirtualClock } from '../core/clock';
import type { IdGenerator } from '../core/random';
import type { MultipartForm } from './multipart';
import type { SandboxState } from '../core/state';
import type { Region, RequestLogEntry } from '../core/types';
import type { JsonObject } from './validate';

/** What every family handler can reach. */
export interface SandboxEnv {
	state: SandboxState;
	clock: VirtualClock;
	downloads: DownloadStore;
	ids: IdGenerator;
}

export interface RouteContext {
	region: Region;
	method: string;
	path: string;
	query: Record<string, string>;
	headers: Record<string, string>;
	/** Origin the client used, for building download URLs. */
	baseUrl: string;
	traceId: string;
	/** The request's log entry; handlers set billable / jobId on it. */
	entry: RequestLogEntry;
	env: SandboxEnv;
	/** Parsed body for body: 'json' routes (always an object). */
	json: JsonObject;
	/** Parsed body for body: 'multipart' routes. */
	form?: MultipartForm;
}

export interface Route {
	method: 'GET' | 'POST' | 'DELETE';
	/** Exact path; each `*` segment matches one segment such as a task id (read it from ctx.path). */
	path: string;
	body: 'json' | 'multipart' | 'none';
	handle(ctx: RouteContext): Reply | Promise<Reply>;
}
