import type { Readable } from '../media/binary';
import { readSseJson } from '../transport/sse';
import type { ReasoningDetail, WireResponse, WireToolCall, WireUsage } from './wire';

export type ChatStreamEvent =
	| { type: 'text'; delta: string }
	| { type: 'reasoning'; delta: string };

interface ChunkChoice {
	index?: number;
	finish_reason?: string | null;
	delta?: {
		role?: string;
		content?: string | null;
		reasoning_content?: string | null;
		reasoning_details?: ReasoningDetail[];
		tool_calls?: Array<{
			index?: number;
			id?: string;
			type?: string;
			function?: { name?: string; arguments?: string };
		}>;
	};
	message?: { content?: string | null; reasoning_content?: string | null };
}

interface Chunk {
	id?: string;
	model?: string;
	choices?: ChunkChoice[] | null;
	usage?: WireUsage | null;
	base_resp?: { status_code?: number; status_msg?: string };
	unparsable?: string;
}

/** Reports an in-stream failure: a non-zero base_resp (code) or a chunk that is not JSON. */
export type StreamFailure = (message: string, code?: number) => never;

/**
 * Collects a MiniMax chat SSE stream. Handles the quirks of docs/minimax-api.md §11.2: `"role": ""` deltas,
 * `reasoning_details` that are incremental or cumulative (whichever the service sends), native
 * `reasoning_content` deltas, tool-call argument fragments, usage in the last chunk, and a
 * non-zero `base_resp` in any chunk.
 */
export class ChatStreamAccumulator {
	private content = '';
	private reasoning = '';
	private readonly details = new Map<
		string,
		{ text: string; cumulative?: boolean; detail: ReasoningDetail }
	>();
	private readonly toolCalls = new Map<number, WireToolCall>();
	private finishReason?: string;
	private lastToolIndex?: number;
	private usage?: WireUsage;
	private id?: string;
	private model?: string;

	constructor(private readonly fail: StreamFailure) {}

	add(raw: unknown): ChatStreamEvent[] {
		const chunk = (raw ?? {}) as Chunk;
		if (chunk.unparsable !== undefined)
			this.fail(`MiniMax sent a stream chunk that is not JSON: ${chunk.unparsable}`);
		const code = Number(chunk.base_resp?.status_code ?? 0);
		if (code !== 0)
			this.fail(chunk.base_resp?.status_msg || 'MiniMax reported an error in the stream', code);
		this.id ??= chunk.id;
		this.model ??= chunk.model;
		if (chunk.usage) this.usage = chunk.usage;
		const events: ChatStreamEvent[] = [];
		for (const choice of chunk.choices ?? []) {
			if ((choice.index ?? 0) !== 0) continue;
			if (choice.finish_reason) this.finishReason = choice.finish_reason;
			const delta = choice.delta;
			if (delta) {
				for (const detail of delta.reasoning_details ?? [])
					this.pushEvent(events, 'reasoning', this.reasoningDelta(detail));
				this.pushEvent(events, 'reasoning', delta.reasoning_content ?? '');
				this.pushEvent(events, 'text', delta.content ?? '');
				for (const call of delta.tool_calls ?? []) this.addToolCall(call);
			} else if (choice.message && !this.content && !this.reasoning) {
				// Some native streams repeat the whole message in the final chunk instead of a delta.
				this.pushEvent(events, 'reasoning', choice.message.reasoning_content ?? '');
				this.pushEvent(events, 'text', choice.message.content ?? '');
			}
		}
		return events;
	}

	private pushEvent(events: ChatStreamEvent[], type: ChatStreamEvent['type'], delta: string): void {
		if (!delta) return;
		if (type === 'text') this.content += delta;
		else this.reasoning += delta;
		events.push({ type, delta });
	}

	/** Whether the service repeats the text so far is decided on a detail's second chunk. */
	private reasoningDelta(detail: ReasoningDetail): string {
		const text = typeof detail?.text === 'string' ? detail.text : '';
		const key = String(detail?.id ?? detail?.index ?? 0);
		const known = this.details.get(key);
		if (!known) {
			this.details.set(key, { text, detail: { ...detail } });
			return text;
		}
		known.cumulative ??= known.text.length > 0 && text.startsWith(known.text);
		const delta = known.cumulative ? text.slice(known.text.length) : text;
		known.text = known.cumulative ? text : known.text + text;
		return delta;
	}

	/**
	 * Tool-call fragments are merged by `index`. Native-API streams may leave `index` out (docs/minimax-api.md
	 * §17.4): then a fragment with a new non-empty `id` starts a call, and one with an empty or the
	 * same `id` continues the previous call.
	 */
	private addToolCall(
		call: NonNullable<NonNullable<ChunkChoice['delta']>['tool_calls']>[number],
	): void {
		const index = typeof call.index === 'number' ? call.index : this.indexWithoutIndex(call.id);
		const known = this.toolCalls.get(index) ?? {
			id: '',
			type: 'function' as const,
			function: { name: '', arguments: '' },
		};
		if (call.id) known.id = call.id;
		if (call.function?.name) known.function.name = call.function.name;
		if (call.function?.arguments) known.function.arguments += call.function.arguments;
		this.toolCalls.set(index, known);
		this.lastToolIndex = index;
	}

	private indexWithoutIndex(id: string | undefined): number {
		const last =
			this.lastToolIndex === undefined ? undefined : this.toolCalls.get(this.lastToolIndex);
		if (last && (!id || id === last.id)) return this.lastToolIndex as number;
		return this.toolCalls.size ? Math.max(...this.toolCalls.keys()) + 1 : 0;
	}

	/**
	 * Called when the body has ended: a stream without a finish reason was cut off before MiniMax
	 * completed the answer (docs/minimax-api.md §17.4), which is an error, not a shorter answer.
	 */
	end(): void {
		if (!this.finishReason) {
			this.fail(
				'The reply stream ended before MiniMax finished the answer (no finish reason was sent); the answer would be incomplete',
			);
		}
	}

	/** The stream as the non-streamed response it stands for. */
	response(): WireResponse {
		const toolCalls = [...this.toolCalls.entries()]
			.sort(([a], [b]) => a - b)
			.map(([, call]) => call);
		const details = [...this.details.values()].map(({ text, detail }) => ({ ...detail, text }));
		return {
			id: this.id,
			model: this.model,
			choices: [
				{
					index: 0,
					finish_reason: this.finishReason,
					message: {
						role: 'assistant',
						content: this.content,
						...(details.length ? { reasoning_details: details } : {}),
						...(!details.length && this.reasoning ? { reasoning_content: this.reasoning } : {}),
						...(toolCalls.length ? { tool_calls: toolCalls } : {}),
					},
				},
			],
			usage: this.usage,
		};
	}
}

/** Reads a chat SSE body, yielding text and reasoning deltas; the accumulator holds the whole reply. */
export async function* readChatStream(
	body: Readable | AsyncIterable<Buffer | string>,
	accumulator: ChatStreamAccumulator,
): AsyncGenerator<ChatStreamEvent> {
	for await (const chunk of readSseJson(body)) yield* accumulator.add(chunk);
	accumulator.end();
}
