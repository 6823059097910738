import type { Reply } from '../../http/reply';
import { type ComposedReply, inlineContent } from './reply';

/**
 * Chat SSE in MiniMax's OpenAI-compatible shape: `data: {chunk}` events with `delta`s, some
 * carrying `"role": ""` (a real quirk), reasoning as `delta.reasoning_details` when split, usage in
 * the last chunk, then `data: [DONE]`.
 */

const PIECE_CHARS = 14;

export function pieces(text: string, size = PIECE_CHARS): string[] {
	const chars = [...text];
	const out: string[] = [];
	for (let i = 0; i < chars.length; i += size) out.push(chars.slice(i, i + size).join(''));
	return out;
}

export interface StreamOptions {
	id: string;
	created: number;
	model: string;
	traceId: string;
	reasoningSplit: boolean;
	cumulativeReasoning: boolean;
	/** Tool-call fragments without `index`; continuations carry `id: ""` (native-API streams, docs/minimax-api.md §17.4). */
	toolNoIndex?: boolean;
	/** Break off after two content chunks with this base_resp code. */
	errorCode?: number;
	errorMessage?: string;
	/** Native endpoint: reasoning as delta.reasoning_content, no [DONE]. */
	native?: { reasoningField: boolean };
}

export function chatStreamReply(reply: ComposedReply, options: StreamOptions): Reply {
	const head = {
		id: options.id,
		object: 'chat.completion.chunk',
		created: options.created,
		model: options.model,
	};
	const chunk = (delta: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
		...head,
		choices: [{ index: 0, delta }],
		...extra,
	});
	const events: Array<Record<string, unknown>> = [];
	const split =
		!reply.reasoningForm &&
		(options.native ? options.native.reasoningField : options.reasoningSplit);

	if (split && reply.reasoning) {
		let soFar = '';
		for (const piece of pieces(reply.reasoning)) {
			soFar += piece;
			if (options.native) {
				events.push(chunk({ role: 'assistant', reasoning_content: piece }));
			} else {
				const text = options.cumulativeReasoning ? soFar : piece;
				events.push(
					chunk({
						role: events.length === 0 ? 'assistant' : '',
						reasoning_details: [
							{
								type: 'reasoning.text',
								id: 'reasoning-text-1',
								format: 'MiniMax-response-v1',
								index: 0,
								text,
							},
						],
					}),
				);
			}
		}
	}
	const content =
		split || (options.native && !reply.reasoningForm) ? reply.answer : inlineContent(reply);
	let contentChunks = 0;
	for (const piece of pieces(content)) {
		if (options.errorCode !== undefined && contentChunks === 2) break;
		const role = events.length === 0 ? 'assistant' : contentChunks % 2 === 1 ? '' : undefined;
		events.push(chunk({ ...(role !== undefined ? { role } : {}), content: piece }));
		contentChunks++;
	}
	if (options.errorCode !== undefined) {
		events.push({
			...head,
			choices: [],
			base_resp: { status_code: options.errorCode, status_msg: options.errorMessage ?? 'error' },
		});
		return sse(options.traceId, events, false);
	}
	reply.toolCalls?.forEach((call, index) => {
		if (options.toolNoIndex) {
			const [first, ...rest] = pieces(call.function.arguments, 10);
			events.push(
				chunk({
					role: events.length === 0 ? 'assistant' : '',
					tool_calls: [
						{ id: call.id, type: 'function', function: { name: call.function.name } },
						{ id: '', type: 'function', function: { arguments: first ?? '' } },
					],
				}),
			);
			for (const piece of rest)
				events.push(
					chunk({ tool_calls: [{ id: '', type: 'function', function: { arguments: piece } }] }),
				);
			return;
		}
		events.push(
			chunk({
				role: events.length === 0 ? 'assistant' : '',
				tool_calls: [
					{
						index,
						id: call.id,
						type: 'function',
						function: { name: call.function.name, arguments: '' },
					},
				],
			}),
		);
		for (const piece of pieces(call.function.arguments, 10))
			events.push(chunk({ tool_calls: [{ index, function: { arguments: piece } }] }));
	});
	events.push({
		...head,
		choices: [{ index: 0, delta: {}, finish_reason: reply.finishReason }],
		usage: reply.usage,
		input_sensitive: false,
		output_sensitive: false,
		base_resp: { status_code: 0, status_msg: '' },
	});
	return sse(options.traceId, events, !options.native);
}

function sse(traceId: string, events: Array<Record<string, unknown>>, done: boolean): Reply {
	const chunks = events.map((event) => Buffer.from(`data: ${JSON.stringify(event)}\n\n`));
	if (done) chunks.push(Buffer.from('data: [DONE]\n\n'));
	const last = events[events.length - 1] as { base_resp?: { status_code?: number } };
	return {
		status: 200,
		headers: {
			'content-type': 'text/event-stream; charset=utf-8',
			'cache-control': 'no-cache',
			'trace-id': traceId,
		},
		chunks,
		streaming: true,
		baseRespCode: last?.base_resp?.status_code,
	};
}
