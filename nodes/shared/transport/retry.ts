import { MAX_BACKOFF_DELAY_MS, MAX_RETRY_AFTER_MS } from './consts';

export interface RetrySettings {
	/** Retries after the first attempt. */
	maxRetries: number;
	/** First backoff delay; doubles on each retry, with jitter. */
	baseDelayMs: number;
	maxDelayMs: number;
}

export const DEFAULT_RETRY: RetrySettings = {
	maxRetries: 3,
	baseDelayMs: 1000,
	maxDelayMs: MAX_BACKOFF_DELAY_MS,
};

/** Exponential backoff with "equal jitter": half fixed, half random, so retries spread out. */
export function backoffDelay(settings: RetrySettings, attempt: number): number {
	const exponential = Math.min(settings.maxDelayMs, settings.baseDelayMs * 2 ** attempt);
	return Math.round(exponential / 2 + (Math.random() * exponential) / 2);
}

/** Retry-After is either delay-seconds or an HTTP date. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
	if (value === undefined || value === null || String(value).trim() === '') return undefined;
	const text = String(value).trim();
	if (/^\d+(\.\d+)?$/.test(text)) {
		return Math.min(MAX_RETRY_AFTER_MS, Math.round(Number(text) * 1000));
	}
	const date = Date.parse(text);
	if (Number.isNaN(date)) return undefined;
	return Math.min(MAX_RETRY_AFTER_MS, Math.max(0, date - now));
}

/** What one attempt produced: the value, or a failure for the caller's classification. */
export type AttemptOutcome<T, F> = { value: T } | { failure: F };

/**
 * The classification of one failure:
 * - `retry`: try again after `delayMs` (default: the exponential backoff), using up one retry;
 * - `again`: try again at once without using up a retry (a rate-limit wait the pacer already
 *   served, a freshly signed URL);
 * - `fail`: stop; `error` replaces the default error for this failure.
 */
export type RetryVerdict =
	| { action: 'retry'; delayMs?: number }
	| { action: 'again' }
	| { action: 'fail'; error?: Error };

export interface RetryOptions<F> {
	settings: RetrySettings;
	/** Waits between attempts (cancellable). */
	sleep: (ms: number) => Promise<void>;
	/** Runs before every attempt; throws to stop (cancelled execution, stopped node). */
	beforeAttempt?: () => void;
	/** The caller's failure classification; `retriesUsed` counts the retries made so far. */
	classify: (failure: F, retriesUsed: number) => RetryVerdict | Promise<RetryVerdict>;
	/** The error thrown for a failure that is not retried, or once the retries are used up. */
	toError: (failure: F, retriesUsed: number) => Error;
}

/**
 * The one retry loop of the package (the shape of Apify's retryWithExponentialBackoff), used by
 * API requests, signed-URL downloads and stream restarts; each supplies only its classification.
 * Throws `toError(failure)` when a failure is not retried or `settings.maxRetries` are used up.
 */
export async function retryWithExponentialBackoff<T, F>(
	attempt: () => Promise<AttemptOutcome<T, F>>,
	options: RetryOptions<F>,
): Promise<T> {
	let retriesUsed = 0;
	for (;;) {
		options.beforeAttempt?.();
		const outcome = await attempt();
		if ('value' in outcome) return outcome.value;
		const verdict = await options.classify(outcome.failure, retriesUsed);
		if (verdict.action === 'again') continue;
		if (verdict.action === 'fail') {
			throw verdict.error ?? options.toError(outcome.failure, retriesUsed);
		}
		if (retriesUsed >= options.settings.maxRetries) {
			throw options.toError(outcome.failure, retriesUsed);
		}
		const delay = verdict.delayMs ?? backoffDelay(options.settings, retriesUsed);
		retriesUsed++;
		await options.sleep(delay);
	}
}
