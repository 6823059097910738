import { defaultMessage } from '../http/errors';
import { baseResp, jsonReply, rawReply, type Reply } from '../http/reply';

/**
 * Per-account request limits per route, like MiniMax's RPM limits (docs/minimax-api.md §13): at most `limit`
 * accepted requests in any sliding `windowMs` per API key and route. The excess is refused before
 * any work (never billed) with `1002 rate limit exceeded(RPM)`: HTTP 200 + base_resp on the native
 * routes, HTTP 429 `rate_limit_error` on the v2 video and the compatible chat routes (docs/minimax-api.md §17.2).
 * Refused requests do not use up the window. Real time (not the virtual clock), so benchmarks and
 * pacing tests measure what a client really sends.
 */
export interface RateLimitSpec {
	/** Exact path (without /china) or a RegExp; every matching route has its own counter. */
	path: string | RegExp;
	/** Accepted requests per window. */
	limit: number;
	/** Sliding window length in real ms; default 60,000 (requests per minute). */
	windowMs?: number;
	/** status_msg of the refusal; default "rate limit exceeded(RPM)". */
	message?: string;
	/** Seconds sent as Retry-After on refusals (MiniMax's own use of it is UNCERTAIN). */
	retryAfter?: number;
}

export interface RateLimitStats {
	accepted: number;
	refused: number;
}

interface Rule {
	spec: RateLimitSpec;
	windowMs: number;
	/** Arrival times of accepted requests per "account route" key. */
	accepted: Map<string, number[]>;
	stats: RateLimitStats;
}

const ERROR_OBJECT_ROUTES = /^\/(v2\/|v1\/chat\/completions$|anthropic\/)/;

export class RateLimiter {
	private rules: Rule[] = [];

	/** Adds a limit; returns its live counters. */
	set(spec: RateLimitSpec): RateLimitStats {
		if (!(spec.limit >= 1)) throw new RangeError(`rate limit must be >= 1, got ${spec.limit}`);
		const windowMs = spec.windowMs ?? 60_000;
		if (!(windowMs > 0)) throw new RangeError(`rate limit window must be > 0 ms, got ${windowMs}`);
		const rule: Rule = {
			spec: { ...spec },
			windowMs,
			accepted: new Map(),
			stats: { accepted: 0, refused: 0 },
		};
		this.rules.push(rule);
		return rule.stats;
	}

	/**
	 * Counts the request against every matching rule; returns the refusal reply when one is full.
	 * `account` is the API key (accounts are per key and region in the sandbox).
	 */
	take(account: string, path: string, traceId: string, now = Date.now()): Reply | undefined {
		const matching = this.rules.filter((rule) => matches(rule.spec.path, path));
		const key = `${account} ${path}`;
		for (const rule of matching) {
			const times = (rule.accepted.get(key) ?? []).filter((time) => time > now - rule.windowMs);
			rule.accepted.set(key, times);
			if (times.length >= rule.spec.limit) {
				rule.stats.refused++;
				return refusal(rule.spec, path, traceId);
			}
		}
		for (const rule of matching) {
			rule.accepted.get(key)?.push(now);
			rule.stats.accepted++;
		}
		return undefined;
	}

	reset(): void {
		this.rules = [];
	}
}

function matches(pattern: string | RegExp, path: string): boolean {
	return typeof pattern === 'string' ? pattern === path : pattern.test(path);
}

function refusal(spec: RateLimitSpec, path: string, traceId: string): Reply {
	const message = spec.message ?? defaultMessage(1002);
	let reply: Reply;
	if (ERROR_OBJECT_ROUTES.test(path)) {
		const body = {
			type: 'error',
			error: { type: 'rate_limit_error', message: `${message} (1002)`, http_code: '429' },
			request_id: traceId,
		};
		reply = rawReply(429, 'application/json; charset=utf-8', Buffer.from(JSON.stringify(body)), {
			'trace-id': traceId,
		});
		reply.baseRespCode = 1002;
	} else {
		reply = jsonReply(traceId, { base_resp: baseResp(1002, message) });
	}
	if (spec.retryAfter !== undefined) reply.headers['retry-after'] = String(spec.retryAfter);
	return reply;
}
