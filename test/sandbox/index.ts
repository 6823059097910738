import { createServer } from 'http';
import type { AddressInfo } from 'net';

import { VirtualClock } from './core/clock';
import { DownloadStore } from './http/downloads';
import { ALL_ROUTES } from './families';
import { FaultController } from './core/faults';
import { RequestLog } from './core/log';
import { RateLimiter } from './core/rateLimits';
import { IdGenerator, SeededRandom } from './core/random';
import { type Runtime, createHandler } from './http/server';
import { SandboxState } from './core/state';
import type { RequestLogEntry, SandboxOptions } from './core/types';

export { SANDBOX_GROUP_ID, SANDBOX_KEYS } from './http/auth';
export {
	FAULT_KINDS,
	FaultController,
	type ActiveFault,
	type FaultKind,
	type FaultSpec,
} from './core/faults';
export {
	SandboxState,
	type AsyncTask,
	type StoredFile,
	type TaskStatus,
	type VoiceRecord,
} from './core/state';
export { EXPIRE_MARKER, FAIL_MARKER } from './families/tts/async';
export { RateLimiter, type RateLimitSpec, type RateLimitStats } from './core/rateLimits';
export type { MultipartLogBody, Region, RequestLogEntry, SandboxOptions } from './core/types';

export interface Sandbox {
	/** http://127.0.0.1:PORT, the global host (api.minimax.io). */
	url: string;
	/** url + '/china', the mainland-China host (api.minimaxi.com). */
	chinaUrl: string;
	/** Every request, in arrival order (the same array across reset()). */
	log: RequestLogEntry[];
	faults: FaultController;
	/** Per-account request limits per route (`limits.set({ path, limit, windowMs })`), answered with 1002. */
	limits: RateLimiter;
	state: SandboxState;
	setTimeScale(n: number): void;
	setLatency(ms: number): void;
	/** Jumps the virtual clock forward (URL expiry, async task progress). */
	advanceTime(ms: number): void;
	/** Virtual epoch ms. */
	now(): number;
	/** Clears log, faults, state, published downloads; restores timeScale/latency from the options. */
	reset(): void;
	close(): Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
	const host = options.host ?? '127.0.0.1';
	if (!LOOPBACK.has(host)) throw new Error(`the sandbox binds to loopback only, not "${host}"`);
	const seed = options.seed ?? 1;
	const initialScale = options.timeScale ?? 1;
	const initialLatency = checkLatency(options.latencyMs ?? 0);
	const clock = new VirtualClock(initialScale);
	let ids = new IdGenerator(seed);
	const secret = new SeededRandom(seed ^ 0x2545f491).next().toString(36) + String(seed);
	const state = new SandboxState(clock, ids);
	const downloads = new DownloadStore(clock, ids, secret);
	const runtime: Runtime = {
		log: new RequestLog(),
		faults: new FaultController(seed),
		limits: new RateLimiter(),
		env: { state, clock, downloads, ids },
		routes: ALL_ROUTES,
		latencyMs: initialLatency,
	};
	let port = 0;
	const server = createServer(createHandler(runtime, () => `${host}:${port}`));
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 0, host, () => {
			server.off('error', reject);
			resolve();
		});
	});
	port = (server.address() as AddressInfo).port;
	const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
	let closed = false;
	return {
		url,
		chinaUrl: `${url}/china`,
		log: runtime.log.entries,
		faults: runtime.faults,
		limits: runtime.limits,
		state,
		setTimeScale: (n) => clock.setTimeScale(n),
		setLatency: (ms) => {
			runtime.latencyMs = checkLatency(ms);
		},
		advanceTime: (ms) => clock.advance(ms),
		now: () => clock.now(),
		reset: () => {
			ids = new IdGenerator(seed);
			runtime.env.ids = ids;
			runtime.log.clear();
			runtime.faults.reset();
			runtime.limits.reset();
			state.reset(ids);
			downloads.reset(ids);
			clock.setTimeScale(initialScale);
			runtime.latencyMs = initialLatency;
		},
		close: async () => {
			if (closed) return;
			closed = true;
			server.closeAllConnections();
			await new Promise<void>((resolve, reject) =>
				server.close((error) => (error ? reject(error) : resolve())),
			);
		},
	};
}

function checkLatency(ms: number): number {
	if (!Number.isFinite(ms) || ms < 0)
		throw new RangeError(`latencyMs must be a finite number >= 0, got ${ms}`);
	return ms;
}
