import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { cancelSignalOf } from './cancellation';
import { miniMaxApiError } from './errors';
import type { MiniMaxContext } from './request';

/** A duration in seconds as users typed it: `3 s`, `0.4 s`, `1.25 s`. */
export function formatSeconds(ms: number): string {
	return `${Number((ms / 1000).toFixed(2))} s`;
}

/** A stream that sent nothing for `idleMs`: names what was streamed, the wait and the trace id. */
export function streamIdleError(
	ctx: MiniMaxContext,
	idleMs: number,
	what: string,
	traceId?: string,
	itemIndex?: number,
): NodeApiError {
	return miniMaxApiError(ctx.getNode(), {
		message: `MiniMax stopped sending ${what}: nothing arrived for ${formatSeconds(idleMs)} and the stream was abandoned`,
		traceId,
		itemIndex,
		note: 'The connection stayed open without data. Try again; if it keeps happening, turn streaming off or raise Options › Stream Idle Timeout.',
	});
}

/** A stream or download that ended before MiniMax completed it: never returned as a result. */
export function endedEarlyError(
	ctx: MiniMaxContext,
	message: string,
	traceId?: string,
	itemIndex?: number,
): NodeApiError {
	return miniMaxApiError(ctx.getNode(), {
		message,
		traceId,
		itemIndex,
		note: 'Nothing partial was returned. Try again; this is usually a network or service interruption.',
	});
}

/** When a request was sent (Date.now()) and the timeout it was sent with, in ms. */
export interface RequestTiming {
	startedAt: number;
	timeoutMs: number;
	/** What to do after a timeout; default: try again or raise Options › Timeout. */
	hint?: string;
}

/**
 * Whether a network or read error is the request's own timeout: a timeout code, or the socket
 * closed once (nearly) the whole timeout had passed (n8n's HTTP client then reports a bare
 * "aborted" or "stream has been aborted").
 */
export function timedOut(error: unknown, timing: RequestTiming): boolean {
	const value = error as { code?: string; cause?: { code?: string } } | undefined;
	const code = value?.cause?.code ?? value?.code ?? '';
	if (code === 'ETIMEDOUT' || code === 'ECONNABORTED') return true;
	if (!(timing.timeoutMs > 0)) return false;
	return Date.now() - timing.startedAt >= timing.timeoutMs * 0.9;
}

/** The request or the reading of its body took longer than `timeoutMs`. */
export function requestTimeoutError(
	ctx: MiniMaxContext,
	what: string,
	timeoutMs: number,
	traceId?: string,
	itemIndex?: number,
	hint = 'Try again, or raise Options › Timeout.',
): NodeApiError {
	return miniMaxApiError(ctx.getNode(), {
		message: `${what.charAt(0).toUpperCase()}${what.slice(1)} timed out after ${formatSeconds(timeoutMs)}`,
		traceId,
		itemIndex,
		note: `MiniMax did not finish in time; nothing partial was returned. ${hint}`,
	});
}

export interface BodyRead {
	/** What was being read, for messages: "the reply", "the audio stream", "the download". */
	what: string;
	/** The trace ID known so far (it may arrive inside the stream). */
	traceId: () => string | undefined;
	itemIndex?: number;
	timing?: RequestTiming;
	/** Errors that already say what happened (e.g. n8n's binary storage limit) and pass unchanged. */
	passThrough?: (error: unknown) => boolean;
}

/**
 * Maps an error thrown while reading a response body to a NodeApiError that says what happened
 * (timed out, broke off, execution cancelled) with the trace ID. Node errors pass unchanged.
 */
export function bodyReadError(ctx: MiniMaxContext, error: unknown, read: BodyRead): Error {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	if (error instanceof Error && read.passThrough?.(error)) return error;
	if (cancelSignalOf(ctx)?.aborted) {
		return new NodeOperationError(ctx.getNode(), 'The execution was cancelled', {
			itemIndex: read.itemIndex,
		});
	}
	if (read.timing && timedOut(error, read.timing)) {
		const { timeoutMs, hint } = read.timing;
		return requestTimeoutError(ctx, read.what, timeoutMs, read.traceId(), read.itemIndex, hint);
	}
	const raw = (error as { message?: string } | undefined)?.message || String(error);
	return Object.assign(
		endedEarlyError(
			ctx,
			`The connection broke off while reading ${read.what}: ${raw.split('\n')[0]}`,
			read.traceId(),
			read.itemIndex,
		),
		{ transient: true },
	);
}

/** Yields `source` unchanged; any error while reading it becomes {@link bodyReadError}. */
export async function* withBodyReadErrors<T>(
	ctx: MiniMaxContext,
	source: AsyncIterable<T>,
	read: BodyRead,
): AsyncGenerator<T> {
	try {
		yield* source;
	} catch (error) {
		throw bodyReadError(ctx, error, read);
	}
}
