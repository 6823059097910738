import type { IDataObject } from 'n8n-workflow';

import { miniMaxApiError } from '../transport/errors';
import { destroyStream, withIdleTimeout } from '../transport/idleTimeout';
import { streamIdleError, withBodyReadErrors } from '../transport/streamErrors';
import { miniMaxRequest, type MiniMaxContext, type MiniMaxResponse } from '../transport/request';
import { CHAT_PATHS, type ChatApi } from './models';
import { ChatStreamAccumulator, readChatStream, type ChatStreamEvent } from './stream';
import type { WireMessage, WireResponse, WireTool } from './wire';
import { REQUEST_TIMEOUT_MS, STREAM_IDLE_TIMEOUT_MS } from '../transport/consts';

export interface ChatBodyInput {
	model: string;
	messages: WireMessage[];
	temperature?: number;
	topP?: number;
	maxTokens?: number;
	tools?: WireTool[];
	toolChoice?: string | IDataObject;
	/** OpenAI-compatible only: reasoning in `reasoning_details` instead of inline `<think>`. */
	reasoningSplit?: boolean;
	/** OpenAI-compatible only (reported on M3). */
	responseFormat?: IDataObject;
}

/**
 * The request body for either endpoint. The native one names the output limit
 * `max_completion_tokens` and knows neither `reasoning_split` nor `response_format`.
 */
export function chatBody(input: ChatBodyInput, api: ChatApi, stream: boolean): IDataObject {
	const native = api === 'native';
	const messages = native ? input.messages.map(withoutReasoningDetails) : input.messages;
	const body: IDataObject = {
		model: input.model,
		messages: messages as unknown as IDataObject[],
		stream,
	};
	if (input.temperature !== undefined) body.temperature = input.temperature;
	if (input.topP !== undefined) body.top_p = input.topP;
	if (input.maxTokens !== undefined)
		body[native ? 'max_completion_tokens' : 'max_tokens'] = input.maxTokens;
	if (input.tools?.length) {
		body.tools = input.tools as unknown as IDataObject[];
		if (input.toolChoice !== undefined) body.tool_choice = input.toolChoice;
	}
	if (!native && input.reasoningSplit) body.reasoning_split = true;
	if (!native && input.responseFormat) body.response_format = input.responseFormat;
	if (!native && stream) body.stream_options = { include_usage: true };
	return body;
}

function withoutReasoningDetails(message: WireMessage): WireMessage {
	const copy = { ...message };
	delete copy.reasoning_details;
	return copy;
}

export interface ChatCall {
	api: ChatApi;
	body: IDataObject;
	itemIndex?: number;
	timeoutMs?: number;
	/** Streams only: fail when no chunk arrives for this long (default 120 s; 0 = off). */
	idleTimeoutMs?: number;
}

export const DEFAULT_IDLE_TIMEOUT_MS = STREAM_IDLE_TIMEOUT_MS;

/** One non-streamed completion; the transport checks base_resp and HTTP error objects. */
export async function sendChat(
	ctx: MiniMaxContext,
	call: ChatCall,
): Promise<{ response: WireResponse; traceId?: string }> {
	const { body, traceId } = (await miniMaxRequest.call(ctx, {
		method: 'POST',
		path: CHAT_PATHS[call.api],
		body: { ...call.body, stream: false },
		itemIndex: call.itemIndex,
		timeoutMs: call.timeoutMs,
	})) as MiniMaxResponse<WireResponse>;
	if (!Array.isArray(body.choices) || !body.choices.length || !body.choices[0]?.message) {
		throw miniMaxApiError(ctx.getNode(), {
			message: 'MiniMax returned no reply (the response has no choices)',
			traceId,
			itemIndex: call.itemIndex,
		});
	}
	return { response: body, traceId };
}

export interface ChatStream {
	events: AsyncGenerator<ChatStreamEvent>;
	/** Holds the whole reply once `events` is exhausted. */
	accumulator: ChatStreamAccumulator;
	traceId?: string;
}

/** A streamed completion; every chunk's base_resp is checked while reading. */
export async function openChatStream(ctx: MiniMaxContext, call: ChatCall): Promise<ChatStream> {
	const { body, traceId, startedAt } = (await miniMaxRequest.call(ctx, {
		method: 'POST',
		path: CHAT_PATHS[call.api],
		body: { ...call.body, stream: true },
		response: 'stream',
		itemIndex: call.itemIndex,
		timeoutMs: call.timeoutMs,
	})) as MiniMaxResponse<AsyncIterable<Buffer>>;
	const accumulator = new ChatStreamAccumulator((message, code) => {
		throw miniMaxApiError(ctx.getNode(), { message, code, traceId, itemIndex: call.itemIndex });
	});
	const idleMs = call.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS;
	// Read errors (the Timeout option closing the socket, a reset) become errors with the trace ID.
	const read = withBodyReadErrors(ctx, body, {
		what: 'the reply',
		traceId: () => traceId,
		itemIndex: call.itemIndex,
		timing: { startedAt: startedAt ?? Date.now(), timeoutMs: call.timeoutMs ?? REQUEST_TIMEOUT_MS },
	});
	const guarded = withIdleTimeout(
		read,
		idleMs,
		() => streamIdleError(ctx, idleMs, 'the reply', traceId, call.itemIndex),
		() => destroyStream(body),
	);
	return { events: readChatStream(guarded, accumulator), accumulator, traceId };
}

/** Reads a whole stream and returns it as the response it stands for. */
export async function collectChatStream(stream: ChatStream): Promise<WireResponse> {
	let next = await stream.events.next();
	while (!next.done) next = await stream.events.next();
	return stream.accumulator.response();
}
