import type { Readable } from 'stream';

import { type ApiError, defaultMessage } from './errors';

/** A body too large to hold in memory (e.g. a 200 MB video): `open` streams bytes start..end (inclusive). */
export interface StreamedBody {
	size: number;
	open(start?: number, end?: number): Readable;
}

/** A response ready to be written: headers plus one or more body chunks (SSE events are chunks). */
export interface Reply {
	status: number;
	headers: Record<string, string>;
	chunks: Buffer[];
	/** Server-sent events: no Content-Length, chunks written one by one. */
	streaming?: boolean;
	baseRespCode?: number;
	/** Written from this stream with backpressure instead of `chunks` (which stay empty). */
	stream?: StreamedBody;
}

export interface BaseResp {
	status_code: number;
	status_msg: string;
}

export function baseResp(code = 0, message?: string): BaseResp {
	return { status_code: code, status_msg: message ?? defaultMessage(code) };
}

function codeOf(payload: Record<string, unknown>): number | undefined {
	const resp = payload.base_resp as Partial<BaseResp> | undefined;
	return typeof resp?.status_code === 'number' ? resp.status_code : undefined;
}

/** Native MiniMax JSON: always carries trace_id and base_resp; Trace-Id header too. */
export function jsonReply(traceId: string, payload: Record<string, unknown>, status = 200): Reply {
	const body = { ...payload };
	if (body.trace_id === undefined) body.trace_id = traceId;
	if (body.base_resp === undefined) body.base_resp = baseResp();
	const bytes = Buffer.from(JSON.stringify(body));
	return {
		status,
		headers: { 'content-type': 'application/json; charset=utf-8', 'trace-id': traceId },
		chunks: [bytes],
		baseRespCode: codeOf(body),
	};
}

export function errorReply(traceId: string, error: ApiError): Reply {
	return jsonReply(traceId, { base_resp: baseResp(error.code, error.message) });
}

export function rawReply(
	status: number,
	contentType: string,
	data: Buffer,
	headers: Record<string, string> = {},
): Reply {
	return { status, headers: { 'content-type': contentType, ...headers }, chunks: [data] };
}

export function textReply(status: number, text: string): Reply {
	return rawReply(status, 'text/plain; charset=utf-8', Buffer.from(text));
}

export function sseReply(traceId: string, events: Array<Record<string, unknown>>): Reply {
	const last = events[events.length - 1];
	return {
		status: 200,
		headers: {
			'content-type': 'text/event-stream',
			'cache-control': 'no-cache',
			'trace-id': traceId,
		},
		chunks: events.map((event) => Buffer.from(`data: ${JSON.stringify(event)}\n\n`)),
		streaming: true,
		baseRespCode: last ? codeOf(last) : undefined,
	};
}
