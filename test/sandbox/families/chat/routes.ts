import { ApiError, capture, defaultMessage } from '../../http/errors';
import { baseResp, jsonReply, type Reply } from '../../http/reply';
import type { Route, RouteContext } from '../../http/routes';
import { type ChatRequest, ChatHttpError, parseNativeRequest, parseOpenAiRequest } from './request';
import {
	type ComposedReply,
	type Markers,
	applyReplyVariants,
	composeReply,
	inlineContent,
	readMarkers,
} from './reply';
import { chatStreamReply } from './stream';

/**
 * Chat (docs/minimax-api.md §11, §16):
 * - POST /v1/chat/completions, OpenAI-compatible: strict validation answered with real HTTP
 *   status codes and `{type:'error', error:{…}}` bodies; reasoning inline as `<think>` or split out
 *   into `reasoning_details`; SSE streaming; tool calls; JSON mode.
 * - POST /v1/text/chatcompletion_v2, native, for MiniMax-M1 / MiniMax-Text-01 (and M2): base_resp
 *   envelopes on HTTP 200, `max_completion_tokens`, M1 reasoning in `reasoning_content`.
 * Error markers in any message: see chatReply.ts `Markers`.
 */

const HTTP_ERRORS: Record<number, { type: string; code: number }> = {
	400: { type: 'bad_request_error', code: 2013 },
	401: { type: 'authentication_error', code: 2049 },
	403: { type: 'permission_error', code: 1004 },
	429: { type: 'rate_limit_error', code: 1002 },
	500: { type: 'api_error', code: 1000 },
	529: { type: 'overloaded_error', code: 1000 },
};

export function chatErrorReply(traceId: string, error: ChatHttpError): Reply {
	const body = {
		type: 'error',
		error: { type: error.type, message: error.message, http_code: String(error.status) },
		request_id: traceId,
	};
	return {
		status: error.status,
		headers: { 'content-type': 'application/json; charset=utf-8', 'trace-id': traceId },
		chunks: [Buffer.from(JSON.stringify(body))],
	};
}

function markerHttpError(status: number, code?: number): ChatHttpError {
	const known = HTTP_ERRORS[status] ?? { type: 'api_error', code: 1000 };
	const finalCode = code ?? known.code;
	return new ChatHttpError(
		status,
		known.type,
		`${defaultMessage(finalCode)} (${finalCode})`,
		finalCode,
	);
}

function envelope(ctx: RouteContext, request: ChatRequest): Record<string, unknown> {
	return {
		id: ctx.traceId,
		object: 'chat.completion',
		created: ctx.env.clock.nowSeconds(),
		model: request.model,
	};
}

function businessError(ctx: RouteContext, request: ChatRequest, code: number): Reply {
	return jsonReply(ctx.traceId, {
		...envelope(ctx, request),
		choices: null,
		usage: { total_tokens: 0 },
		base_resp: baseResp(code),
	});
}

function completion(
	ctx: RouteContext,
	request: ChatRequest,
	reply: ComposedReply,
	message: Record<string, unknown>,
): Reply {
	ctx.entry.billable = true;
	return jsonReply(ctx.traceId, {
		...envelope(ctx, request),
		choices: [
			{
				index: 0,
				finish_reason: reply.finishReason,
				message: {
					role: 'assistant',
					name: 'MiniMax AI',
					audio_content: '',
					...message,
					...(reply.toolCalls ? { tool_calls: reply.toolCalls } : {}),
				},
			},
		],
		usage: reply.usage,
		input_sensitive: false,
		output_sensitive: false,
		input_sensitive_type: 0,
		output_sensitive_type: 0,
		output_sensitive_int: 0,
		base_resp: baseResp(0, ''),
	});
}

function stream(
	ctx: RouteContext,
	request: ChatRequest,
	reply: ComposedReply,
	markers: Markers,
	native?: { reasoningField: boolean },
): Reply {
	ctx.entry.billable = markers.streamError === undefined;
	return chatStreamReply(reply, {
		id: ctx.traceId,
		created: ctx.env.clock.nowSeconds(),
		model: request.model,
		traceId: ctx.traceId,
		reasoningSplit: request.reasoningSplit,
		cumulativeReasoning: markers.cumulativeReasoning,
		toolNoIndex: markers.toolNoIndex,
		errorCode: markers.streamError,
		errorMessage:
			markers.streamError === undefined ? undefined : defaultMessage(markers.streamError),
		native,
	});
}

function openAiCompletion(ctx: RouteContext): Reply {
	const request = parseOpenAiRequest(ctx.json);
	const markers = readMarkers(request.messages);
	if (markers.http) throw markerHttpError(markers.http.status, markers.http.code);
	if (markers.baseResp !== undefined) return businessError(ctx, request, markers.baseResp);
	const reply = composeReply(request, markers, ctx.env.ids);
	applyReplyVariants(reply, markers);
	if (request.stream) return stream(ctx, request, reply, markers);
	if (markers.streamError !== undefined) return businessError(ctx, request, markers.streamError);
	const message =
		request.reasoningSplit && !reply.reasoningForm
			? {
					content: reply.answer,
					reasoning_details: [
						{
							type: 'reasoning.text',
							id: 'reasoning-text-1',
							format: 'MiniMax-response-v1',
							index: 0,
							text: reply.reasoning,
						},
					],
				}
			: { content: inlineContent(reply) };
	return completion(ctx, request, reply, message);
}

function handleOpenAi(ctx: RouteContext): Reply {
	const outcome = capture(() => openAiCompletion(ctx));
	if (outcome.ok) return outcome.value;
	if (outcome.error instanceof ChatHttpError) {
		delete ctx.entry.billable;
		return chatErrorReply(ctx.traceId, outcome.error);
	}
	throw outcome.error;
}

/** POST /v1/text/chatcompletion_v2 (also what a batch runs for each of its lines). */
export function handleNative(ctx: RouteContext): Reply {
	const request = parseNativeRequest(ctx.json);
	const markers = readMarkers(request.messages);
	if (markers.http) {
		const error = markerHttpError(markers.http.status, markers.http.code);
		return jsonReply(
			ctx.traceId,
			{ base_resp: baseResp(error.code, defaultMessage(error.code)) },
			error.status,
		);
	}
	if (markers.baseResp !== undefined)
		throw new ApiError(markers.baseResp, defaultMessage(markers.baseResp));
	const reply = composeReply(request, markers, ctx.env.ids);
	applyReplyVariants(reply, markers);
	const reasoningField = request.model === 'MiniMax-M1' && !reply.reasoningForm;
	const withoutReasoning = request.model === 'MiniMax-Text-01';
	if (withoutReasoning) {
		reply.usage.completion_tokens -= reply.usage.completion_tokens_details.reasoning_tokens;
		reply.usage.total_tokens -= reply.usage.completion_tokens_details.reasoning_tokens;
		reply.usage.completion_tokens_details.reasoning_tokens = 0;
		reply.reasoning = '';
	}
	if (request.stream)
		return stream(ctx, request, reply, markers, {
			reasoningField: reasoningField || withoutReasoning,
		});
	if (markers.streamError !== undefined)
		throw new ApiError(markers.streamError, defaultMessage(markers.streamError));
	const message = reasoningField
		? { content: reply.answer, reasoning_content: reply.reasoning }
		: { content: withoutReasoning ? reply.answer : inlineContent(reply) };
	return completion(ctx, request, reply, message);
}

export const chatRoutes: Route[] = [
	{ method: 'POST', path: '/v1/chat/completions', body: 'json', handle: handleOpenAi },
	{ method: 'POST', path: '/v1/text/chatcompletion_v2', body: 'json', handle: handleNative },
];
