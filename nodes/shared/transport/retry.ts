export interface RetrySettings {
	/** Retries after the first attempt. */
	maxRetries: number;
	/** First backoff delay; doubles on each retry, with jitter. */
	baseDelayMs: number;
	maxDelayMs: number;
}

export const DEFAULT_RETRY: RetrySettings = { maxRetries: 3, baseDelayMs: 1000, maxDelayMs: 30_000 };

const MAX_RETRY_AFTER_MS = 120_000;

/** Exponential backoff with "equal jitter": half fixed, half random, so retries spread out. */
export function backoffDelay(settings: RetrySettings, attempt: number): number {
	const exponential = Math.min(settings.maxDelayMs, settings.baseDelayMs * 2 ** attempt);
	return Math.round(exponential / 2 + (Math.random() * exponential) / 2);
}

/** Retry-After is either delay-seconds or an HTTP date. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
	if (value === undefined || value === null || String(value).trim() === '') return undefined;
	const text = String(value).trim();
	if (/^\d+(\.\d+)?$/.test(text)) return Math.min(MAX_RETRY_AFTER_MS, Math.round(Number(text) * 1000));
	const date = Date.parse(text);
	if (Number.isNaN(date)) return undefined;
	return Math.min(MAX_RETRY_AFTER_MS, Math.max(0, date - now));
}
