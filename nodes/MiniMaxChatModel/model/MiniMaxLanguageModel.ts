import { normalizeReply } from '../../shared/chat/normalize';
import { ReasoningSplitter } from '../../shared/chat/reasoning';
import { parameterTypes, ToolMarkupFilter } from '../../shared/chat/toolMarkup';
import type { ChatBodyInput, ChatStream } from '../../shared/chat/request';
import type { WireResponse } from '../../shared/chat/wire';
import { finishReasonOf, toGenerateResult, toWireMessages, toWireTools, usageOf } from './convert';
import type {
	ChatModel,
	ChatModelConfig,
	GenerateResult,
	Message,
	StreamChunk,
	Tool,
} from './sdkTypes';

/** How the model reaches MiniMax: built in supplyData around the shared transport. */
export interface ChatTransport {
	send(input: ChatBodyInput): Promise<{ response: WireResponse; traceId?: string }>;
	open(input: ChatBodyInput): Promise<ChatStream>;
	toJsonSchema?(tool: Tool): unknown;
}

/** Call-time settings that may override the node's; LangChain passes other call options here too, which are ignored. */
function samplingOf(config: ChatModelConfig | undefined): ChatModelConfig {
	const picked: ChatModelConfig = {};
	if (typeof config?.temperature === 'number') picked.temperature = config.temperature;
	if (typeof config?.topP === 'number') picked.topP = config.topP;
	if (typeof config?.maxTokens === 'number') picked.maxTokens = config.maxTokens;
	return picked;
}

/**
 * A MiniMax chat model for n8n's AI Agent and chains, in the shape of @n8n/ai-node-sdk's
 * ChatModel: supplyModel wraps it for LangChain. Requests go through the package's transport
 * (credential, region, retries, base_resp and HTTP error handling).
 */
export class MiniMaxLanguageModel implements ChatModel {
	readonly provider = 'minimax';

	constructor(
		readonly modelId: string,
		private readonly transport: ChatTransport,
		readonly defaultConfig: ChatModelConfig = {},
		private readonly tools: Tool[] = [],
	) {}

	withTools(tools: Tool[]): ChatModel {
		return new MiniMaxLanguageModel(this.modelId, this.transport, this.defaultConfig, tools);
	}

	async generate(messages: Message[], config?: ChatModelConfig): Promise<GenerateResult> {
		const input = this.input(messages, config);
		const { response, traceId } = await this.transport.send(input);
		return toGenerateResult(normalizeReply(response, input.tools), traceId);
	}

	/**
	 * Text deltas pass two filters: inline reasoning (any tag form, split anywhere) goes out as
	 * reasoning, and `<minimax:tool_call>` markup is held back and becomes tool calls at the end,
	 * so the agent never sees reasoning or markup as text.
	 */
	async *stream(messages: Message[], config?: ChatModelConfig): AsyncIterable<StreamChunk> {
		const input = this.input(messages, config);
		const stream = await this.transport.open(input);
		const thinking = new ReasoningSplitter();
		const markup = new ToolMarkupFilter(parameterTypes(input.tools));
		for await (const event of stream.events) {
			if (event.type === 'reasoning') {
				thinking.reasoningSeparately();
				yield { type: 'reasoning-delta', delta: event.delta };
				continue;
			}
			const { answer, reasoning } = thinking.push(event.delta);
			if (reasoning) yield { type: 'reasoning-delta', delta: reasoning };
			const text = markup.push(answer);
			if (text) yield { type: 'text-delta', delta: text };
		}
		const rest = thinking.flush();
		if (rest.reasoning) yield { type: 'reasoning-delta', delta: rest.reasoning };
		const text = markup.push(rest.answer);
		if (text) yield { type: 'text-delta', delta: text };
		const end = markup.finish();
		if (end.text) yield { type: 'text-delta', delta: end.text };
		const response = stream.accumulator.response();
		const native = response.choices?.[0]?.message?.tool_calls ?? [];
		const fromMarkup = end.calls.map((call, index) => ({
			id: `call_${response.id ?? 'minimax'}_${native.length + index + 1}`,
			function: call,
		}));
		const toolCalls = [...native, ...fromMarkup];
		// Whole calls, one chunk each: LangChain merges streamed tool-call chunks by index and id.
		for (const call of toolCalls)
			yield {
				type: 'tool-call-delta',
				id: call.id,
				name: call.function.name,
				argumentsDelta: call.function.arguments || '{}',
			};
		yield {
			type: 'finish',
			finishReason: finishReasonOf(response.choices?.[0]?.finish_reason, toolCalls.length > 0),
			usage: usageOf(response.usage),
		};
	}

	private input(messages: Message[], config?: ChatModelConfig): ChatBodyInput {
		const settings = { ...this.defaultConfig, ...samplingOf(config) };
		return {
			model: this.modelId,
			messages: toWireMessages(messages),
			// MiniMax rejects 0 (docs/minimax-api.md §11.2); chains that ask for 0 get the lowest accepted value.
			temperature:
				settings.temperature === undefined
					? undefined
					: Math.min(1, Math.max(0.01, settings.temperature)),
			topP: settings.topP === undefined ? undefined : Math.min(1, Math.max(0.01, settings.topP)),
			maxTokens: settings.maxTokens,
			tools: this.tools.length ? toWireTools(this.tools, this.transport.toJsonSchema) : undefined,
			reasoningSplit: true,
		};
	}
}
