/**
 * MiniMax's callback protocol (docs/minimax-api.md §7.4) as the sandbox plays it: right after a task with a
 * `callback_url` is created, POST `{"challenge": "<random>"}` and require the same JSON back within
 * 3 s; only a validated URL then receives one POST per status change. Every attempt is logged.
 */

export interface CallbackLogEntry {
	taskId: string;
	url: string;
	kind: 'challenge' | 'status';
	/** What the sandbox POSTed. */
	body: Record<string, unknown>;
	/** Real epoch ms when the POST started. */
	at: number;
	durationMs?: number;
	/** HTTP status the receiver answered with (undefined: no answer). */
	httpStatus?: number;
	responseBody?: unknown;
	/** Challenge: the receiver echoed the challenge in time. Status post: the receiver answered 2xx. */
	ok: boolean;
	error?: string;
}

export interface CallbackState {
	url: string;
	/** undefined while the handshake runs. */
	validated?: boolean;
	/** Status words already sent, in order. */
	sent: string[];
	/** Posts for one task go out one after the other. */
	chain: Promise<void>;
	done: boolean;
}

export interface CallbackPoster {
	log: CallbackLogEntry[];
	challengeTimeoutMs: number;
	signal: AbortSignal;
	token(): string;
}

export async function postJson(
	url: string,
	body: Record<string, unknown>,
	timeoutMs: number,
	signal: AbortSignal,
): Promise<{ status: number; body: unknown }> {
	const response = await fetch(url, {
		method: 'POST',
		headers: { 'content-type': 'application/json', 'user-agent': 'MiniMax-Callback/sandbox' },
		body: JSON.stringify(body),
		signal: AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]),
	});
	const text = await response.text();
	let parsed: unknown = text;
	try {
		parsed = text ? JSON.parse(text) : undefined;
	} catch {
		// not JSON: keep the text
	}
	return { status: response.status, body: parsed };
}

/** The challenge handshake; resolves to whether the receiver echoed the challenge in time. */
export async function handshake(
	poster: CallbackPoster,
	taskId: string,
	url: string,
): Promise<boolean> {
	const challenge = poster.token();
	const entry: CallbackLogEntry = {
		taskId,
		url,
		kind: 'challenge',
		body: { challenge },
		at: Date.now(),
		ok: false,
	};
	poster.log.push(entry);
	try {
		const answer = await postJson(url, { challenge }, poster.challengeTimeoutMs, poster.signal);
		entry.httpStatus = answer.status;
		entry.responseBody = answer.body;
		const echoed = (answer.body as { challenge?: unknown } | undefined)?.challenge;
		entry.ok = answer.status >= 200 && answer.status < 300 && echoed === challenge;
		if (!entry.ok)
			entry.error = answer.status >= 300 ? `HTTP ${answer.status}` : 'the challenge was not echoed';
	} catch (error) {
		entry.error = describe(error, poster.challengeTimeoutMs);
	}
	entry.durationMs = Date.now() - entry.at;
	return entry.ok;
}

export async function postStatus(
	poster: CallbackPoster,
	taskId: string,
	url: string,
	body: Record<string, unknown>,
): Promise<void> {
	const entry: CallbackLogEntry = { taskId, url, kind: 'status', body, at: Date.now(), ok: false };
	poster.log.push(entry);
	try {
		const answer = await postJson(url, body, 10_000, poster.signal);
		entry.httpStatus = answer.status;
		entry.responseBody = answer.body;
		entry.ok = answer.status >= 200 && answer.status < 300;
	} catch (error) {
		entry.error = describe(error, 10_000);
	}
	entry.durationMs = Date.now() - entry.at;
}

function describe(error: unknown, timeoutMs: number): string {
	const name = (error as Error)?.name;
	if (name === 'TimeoutError') return `no answer within ${timeoutMs} ms`;
	if (name === 'AbortError') return 'aborted (sandbox reset)';
	const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
	return cause?.code ?? cause?.message ?? (error as Error)?.message ?? String(error);
}
