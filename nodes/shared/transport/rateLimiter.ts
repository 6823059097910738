import type { RetrySettings } from './retry';
import { backoffDelay } from './retry';

/**
 * Request pacing within MiniMax's per-account rate limits (docs/minimax-api.md §13, "Rate limits";
 * https://platform.minimax.io/docs/guides/rate-limits). MiniMax counts requests per minute per
 * account and API family and refuses the excess with `1002 rate limit exceeded(RPM)` (HTTP 200
 * with base_resp) or HTTP 429 (`rate_limit_error`, v2 video and the compatible chat routes).
 *
 * One {@link RequestPacer} per credential and family lives for one workflow execution: the
 * registry is a WeakMap keyed by the execution's cancel signal (one AbortSignal per n8n
 * WorkflowExecute), so nothing survives the execution and nothing is shared between executions
 * (queue mode safe). Contexts without a signal fall back to the node context object.
 */

export type ApiFamily =
	| 'speech'
	| 'speechToText'
	| 'voiceCloning'
	| 'voiceDesign'
	| 'video'
	| 'image'
	| 'music'
	| 'text'
	| 'embeddings'
	| 'other';

export interface FamilyLimits {
	family: ApiFamily;
	/** Human name used in messages, e.g. "Video Generation". */
	label: string;
	/** Published requests per minute on the default (free / global) plan; 0 = not paced. */
	rpm: number;
	/** Published maximum of requests running at once, when MiniMax states one. */
	maxConcurrent?: number;
}

/** Published limits per family (docs/minimax-api.md §13): global page, free plan where plans differ. */
export const FAMILY_LIMITS: Record<ApiFamily, FamilyLimits> = {
	speech: { family: 'speech', label: 'Text to Speech (T2A)', rpm: 60 },
	// MiniMax's rate-limit page has no speech-to-text row yet (docs/minimax-api.md §13, §17.1): the
	// speech (T2A) figure is used, the lowest published limit of the audio families.
	speechToText: { family: 'speechToText', label: 'Speech to Text (ASR)', rpm: 60 },
	voiceCloning: { family: 'voiceCloning', label: 'Voice Cloning', rpm: 60 },
	voiceDesign: { family: 'voiceDesign', label: 'Voice Design', rpm: 20 },
	video: { family: 'video', label: 'Video Generation', rpm: 5 },
	image: { family: 'image', label: 'Image Generation', rpm: 10 },
	music: { family: 'music', label: 'Music Generation', rpm: 6, maxConcurrent: 3 },
	text: { family: 'text', label: 'Text (chat)', rpm: 20 },
	// Not on the published rate-limit page: not paced, refusals still slow the family down.
	embeddings: { family: 'embeddings', label: 'Embeddings', rpm: 0 },
	other: { family: 'other', label: 'status, file and voice-list requests', rpm: 0 },
};

const PATH_FAMILIES: Array<[RegExp, ApiFamily]> = [
	[/^\/v1\/t2a_(v2|async_v2)$/, 'speech'],
	[/^\/v1\/speech_to_text$/, 'speechToText'],
	[/^\/v1\/voice_clone$/, 'voiceCloning'],
	[/^\/v1\/voice_design$/, 'voiceDesign'],
	[/^\/v[12]\/video_(generation|template_generation|regeneration)$/, 'video'],
	[/^\/v1\/image_generation$/, 'image'],
	[/^\/v1\/(music_generation|lyrics_generation|music_cover_preprocess)$/, 'music'],
	[/^\/(v1\/text\/chatcompletion_v2|v1\/chat\/completions|anthropic\/v1\/messages)$/, 'text'],
	[/^\/v1\/embeddings$/, 'embeddings'],
];

/** The rate-limit family of a request path such as `/v1/t2a_v2`; polls, files and voice lists are "other". */
export function familyOfPath(path: string): ApiFamily {
	for (const [pattern, family] of PATH_FAMILIES) if (pattern.test(path)) return family;
	return 'other';
}

/** Extra spacing over 60 s / RPM so that timer jitter never puts RPM + 1 requests in one window. */
export const PACING_MARGIN = 1.05;
/** Slow-down per refusal, and recovery per accepted request. */
const SLOW_DOWN = 1.5;
const RECOVER = 0.9;
/** With pacing off, the slow-down after a refusal starts here and fades out below the floor. */
const ADAPTIVE_START_MS = 200;
const ADAPTIVE_FLOOR_MS = 50;
const MAX_INTERVAL_MS = 60_000;
const MAX_REFUSAL_PAUSE_MS = 60_000;

export interface PacerSettings {
	/** Requests per minute to space to; 0 = no spacing (a refusal still slows down). */
	rpm: number;
	/** Requests at once; undefined = unlimited. */
	maxConcurrent?: number;
	/** Longest total time the family may wait after refusals before requests give up. */
	maxRefusalWaitMs: number;
	/** Whether `rpm` came from the node's Requests per Minute option (else the published limit). */
	configured?: boolean;
}

export type Sleeper = (ms: number) => Promise<void>;

/**
 * Spaces request starts of one family to `60 s / RPM × 1.05`, caps concurrent requests where
 * MiniMax publishes a cap, and reacts to refusals: the family pauses (Retry-After, else the
 * request's backoff), the spacing grows ×1.5 and recovers ×0.9 per accepted request.
 * Time is injected (`now`) so the decisions are unit-testable.
 */
export class RequestPacer {
	private baseIntervalMs: number;
	private intervalMs: number;
	private nextStart = 0;
	private pausedUntil = 0;
	private refusals = 0;
	private consecutiveRefusals = 0;
	private refusalWaitMs = 0;
	private active = 0;
	private readonly concurrencyWaiters: Array<() => void> = [];

	constructor(
		private settings: PacerSettings,
		private readonly now: () => number = Date.now,
	) {
		this.baseIntervalMs = intervalFor(settings.rpm);
		this.intervalMs = this.baseIntervalMs;
	}

	/** Later nodes of the same execution may set another RPM; the newest setting wins. */
	configure(settings: PacerSettings): void {
		if (settings.rpm !== this.settings.rpm) {
			this.baseIntervalMs = intervalFor(settings.rpm);
			this.intervalMs = Math.max(this.baseIntervalMs, this.intervalMs);
		}
		this.settings = settings;
	}

	/**
	 * Waits for this request's turn (spacing, refusal pause, concurrency cap) and returns the
	 * release function to call once the response has arrived. `sleep` must be cancel-aware.
	 */
	async acquire(sleep: Sleeper): Promise<() => void> {
		await this.acquireSlot(sleep);
		let released = false;
		const release = () => {
			if (released) return;
			released = true;
			this.active--;
			this.concurrencyWaiters.shift()?.();
		};
		let started = false;
		try {
			for (;;) {
				const wait = this.delayUntilStart();
				if (wait <= 0) break;
				await sleep(wait);
			}
			started = true;
		} finally {
			if (!started) release(); // cancelled while waiting: give the slot back
		}
		return release;
	}

	/** Records an accepted request: the spacing recovers toward the configured one. */
	accepted(): void {
		this.consecutiveRefusals = 0;
		if (this.intervalMs > this.baseIntervalMs) {
			const next = this.intervalMs * RECOVER;
			this.intervalMs =
				next < Math.max(this.baseIntervalMs, ADAPTIVE_FLOOR_MS) ? this.baseIntervalMs : next;
		}
	}

	/**
	 * Records a refusal (1002, HTTP 429, …) and pauses the whole family. Returns false when the
	 * total refusal wait of this family would exceed the configured maximum: the caller gives up.
	 */
	refused(retryAfterMs: number | undefined, retry: RetrySettings): boolean {
		this.refusals++;
		this.consecutiveRefusals++;
		const floor = this.baseIntervalMs > 0 ? this.baseIntervalMs * SLOW_DOWN : ADAPTIVE_START_MS;
		this.intervalMs = Math.min(MAX_INTERVAL_MS, Math.max(this.intervalMs * SLOW_DOWN, floor));
		const pause = Math.min(
			MAX_REFUSAL_PAUSE_MS,
			Math.max(retryAfterMs ?? backoffDelay(retry, this.consecutiveRefusals - 1), this.intervalMs),
		);
		const now = this.now();
		const from = Math.max(now, this.pausedUntil);
		const until = Math.max(this.pausedUntil, now + pause);
		if (this.refusalWaitMs + (until - from) > this.settings.maxRefusalWaitMs) return false;
		this.refusalWaitMs += until - from;
		this.pausedUntil = until;
		return true;
	}

	stats(): {
		refusals: number;
		refusalWaitMs: number;
		intervalMs: number;
		settings: PacerSettings;
	} {
		return {
			refusals: this.refusals,
			refusalWaitMs: this.refusalWaitMs,
			intervalMs: this.intervalMs,
			settings: this.settings,
		};
	}

	/** Reserves the next start time; ms to wait before it (0 = go now). */
	private delayUntilStart(): number {
		const now = this.now();
		const start = Math.max(now, this.nextStart, this.pausedUntil);
		if (start > now) return start - now;
		this.nextStart = now + this.intervalMs;
		return 0;
	}

	private async acquireSlot(sleep: Sleeper): Promise<void> {
		const cap = this.settings.maxConcurrent;
		while (cap !== undefined && this.active >= cap) {
			let wake: () => void = () => undefined;
			const woken = new Promise<void>((resolve) => (wake = resolve));
			this.concurrencyWaiters.push(wake);
			// Re-check every few seconds too, so a cancelled execution is noticed by the sleeper.
			const timer = sleep(2_000);
			timer.catch(() => undefined); // when `woken` wins, a later rejection must not go unhandled
			await Promise.race([woken, timer]);
			const index = this.concurrencyWaiters.indexOf(wake);
			if (index >= 0) this.concurrencyWaiters.splice(index, 1);
		}
		this.active++;
	}
}

function intervalFor(rpm: number): number {
	return rpm > 0 ? Math.round((60_000 / rpm) * PACING_MARGIN) : 0;
}

/** What a node run asked for through its options (see options.ts). */
export interface RateLimitOptions {
	/** The account's RPM for every family this node calls; undefined = the published defaults. */
	rpm?: number;
	maxRefusalWaitMs: number;
}

export const DEFAULT_MAX_REFUSAL_WAIT_MS = 5 * 60_000;

const nodeRunOptions = new WeakMap<object, RateLimitOptions>();
const executionPacers = new WeakMap<object, Map<string, RequestPacer>>();

/** Called once per node run (runOperation) with the node's options; contexts not configured get no proactive spacing. */
export function configureRateLimits(ctx: object, options: RateLimitOptions): void {
	nodeRunOptions.set(ctx, options);
}

/** The settings a request from this node context gets for a family. */
export function pacerSettingsFor(ctx: object, family: ApiFamily): PacerSettings {
	const options = nodeRunOptions.get(ctx);
	const limits = FAMILY_LIMITS[family];
	if (!options) return { rpm: 0, maxRefusalWaitMs: DEFAULT_MAX_REFUSAL_WAIT_MS };
	if (options.rpm !== undefined && family !== 'other') {
		// The published cap on requests at once stays while pacing is on (the option only sets RPM).
		const settings: PacerSettings = {
			rpm: options.rpm,
			maxRefusalWaitMs: options.maxRefusalWaitMs,
			configured: true,
		};
		if (options.rpm > 0 && limits.maxConcurrent) settings.maxConcurrent = limits.maxConcurrent;
		return settings;
	}
	return {
		rpm: limits.rpm,
		maxConcurrent: limits.maxConcurrent,
		maxRefusalWaitMs: options.maxRefusalWaitMs,
	};
}

/**
 * The pacer for one execution (`executionKey`: the cancel signal, or the node context), one
 * credential (`credentialKey`: credential ID and base URL) and one family.
 */
export function pacerFor(
	executionKey: object,
	credentialKey: string,
	family: ApiFamily,
	settings: PacerSettings,
): RequestPacer {
	let pacers = executionPacers.get(executionKey);
	if (!pacers) {
		pacers = new Map();
		executionPacers.set(executionKey, pacers);
	}
	const key = `${credentialKey}\u0000${family}`;
	let pacer = pacers.get(key);
	if (!pacer) {
		pacer = new RequestPacer(settings);
		pacers.set(key, pacer);
	} else {
		pacer.configure(settings);
	}
	return pacer;
}
