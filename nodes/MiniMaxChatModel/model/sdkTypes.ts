/**
 * The parts of @n8n/ai-node-sdk's public types this node uses, declared locally so the package
 * compiles without the SDK installed (n8n provides it at runtime). They follow @n8n/ai-node-sdk
 * 0.31.1 (re-exported from @n8n/ai-utilities 0.34.1) and are checked structurally by
 * supplyModel, which only needs an object with generate / stream / withTools.
 */

export type MessageRole = 'system' | 'user' | 'assistant' | 'tool';

export interface ContentMetadata {
	providerMetadata?: Record<string, unknown>;
}

export type MessageContent = ContentMetadata &
	(
		| { type: 'text'; text: string }
		| { type: 'reasoning'; text: string }
		| { type: 'tool-call'; toolCallId?: string; toolName: string; input: string }
		| { type: 'tool-result'; toolCallId: string; result: unknown; isError?: boolean }
		| {
				type: 'invalid-tool-call';
				toolCallId?: string;
				error?: string;
				args?: string;
				name?: string;
		  }
		| { type: 'file'; mediaType?: string; data: string | Uint8Array }
		| { type: 'citation'; text?: string }
		| { type: 'provider'; value: Record<string, unknown> }
	);

export interface Message {
	role: MessageRole;
	content: MessageContent[];
	name?: string;
	id?: string;
}

export type FinishReason = 'stop' | 'length' | 'content-filter' | 'tool-calls' | 'error' | 'other';

export interface TokenUsage {
	promptTokens: number;
	completionTokens: number;
	totalTokens: number;
	inputTokenDetails?: { cacheRead?: number };
	outputTokenDetails?: { reasoning?: number };
	additionalMetadata?: Record<string, unknown>;
}

export interface GenerateResult {
	id?: string;
	finishReason?: FinishReason;
	usage?: TokenUsage;
	message: Message;
	providerMetadata?: Record<string, unknown>;
	rawResponse?: unknown;
}

export type StreamChunk = ContentMetadata &
	(
		| { type: 'text-delta'; id?: string; delta: string }
		| { type: 'reasoning-delta'; id?: string; delta: string }
		| { type: 'tool-call-delta'; id?: string; name?: string; argumentsDelta?: string }
		| { type: 'finish'; finishReason: FinishReason; usage?: TokenUsage }
		| { type: 'error'; error: unknown }
	);

export interface FunctionTool {
	type: 'function';
	name: string;
	description?: string;
	/** A JSON Schema, or a Zod schema that the SDK's getParametersJsonSchema converts. */
	inputSchema: unknown;
	strict?: boolean;
	providerOptions?: Record<string, unknown>;
}

export interface ProviderTool {
	type: 'provider';
	name: string;
	args?: Record<string, unknown>;
}

export type Tool = FunctionTool | ProviderTool;

export interface ChatModelConfig {
	maxTokens?: number;
	temperature?: number;
	topP?: number;
	topK?: number;
	presencePenalty?: number;
	frequencyPenalty?: number;
	stopSequences?: string[];
	seed?: number;
	maxRetries?: number;
	timeout?: number;
	abortSignal?: AbortSignal;
	headers?: Record<string, string | undefined>;
}

export interface ChatModel {
	provider: string;
	modelId: string;
	defaultConfig?: ChatModelConfig;
	generate(messages: Message[], config?: ChatModelConfig): Promise<GenerateResult>;
	stream(messages: Message[], config?: ChatModelConfig): AsyncIterable<StreamChunk>;
	withTools(tools: Tool[]): ChatModel;
}
