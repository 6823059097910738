import type { NodeApiError } from 'n8n-workflow';

import { miniMaxApiError } from './errors';
import type { MiniMaxContext } from './request';

/** A stream that sent nothing for `idleMs`: names what was streamed, the wait and the trace id. */
export function streamIdleError(
	ctx: MiniMaxContext,
	idleMs: number,
	what: string,
	traceId?: string,
	itemIndex?: number,
): NodeApiError {
	return miniMaxApiError(ctx.getNode(), {
		message: `MiniMax stopped sending ${what}: nothing arrived for ${Math.round(idleMs / 1000)} s and the stream was abandoned`,
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
