import type { IDataObject } from 'n8n-workflow';

import { reasoningText, splitThinking } from '../../shared/chat/reasoning';
import { repairToolArguments } from '../../shared/chat/toolArguments';
import {
	mergeSystemMessages,
	type ReasoningDetail,
	type WireMessage,
	type WireResponse,
	type WireTool,
	type WireToolCall,
} from '../../shared/chat/wire';
import type {
	FinishReason,
	GenerateResult,
	Message,
	MessageContent,
	Tool,
	TokenUsage,
} from './sdkTypes';

/** Conversions between the AI node SDK's message model and MiniMax's chat wire format. */

type ToolCallContent = Extract<MessageContent, { type: 'tool-call' }>;

function textOf(content: MessageContent[]): string {
	return content.map((part) => (part.type === 'text' ? part.text : '')).join('');
}

function resultText(result: unknown): string {
	if (typeof result === 'string') return result;
	if (
		Array.isArray(result) &&
		result.every(
			(part) =>
				typeof part === 'object' &&
				part !== null &&
				typeof (part as { text?: unknown }).text === 'string',
		)
	) {
		return result.map((part) => (part as { text: string }).text).join('');
	}
	return JSON.stringify(result ?? null);
}

/** MiniMax wants reasoning_details sent back unchanged in multi-turn tool use (docs/minimax-api.md §11.2). */
function reasoningDetailsOf(content: MessageContent[]): ReasoningDetail[] | undefined {
	for (const part of content) {
		const details = part.providerMetadata?.reasoning_details;
		if (Array.isArray(details) && details.length) return details as ReasoningDetail[];
	}
	const reasoning = content
		.filter((part) => part.type === 'reasoning')
		.map((part) => (part as { text: string }).text)
		.join('');
	return reasoning ? [{ type: 'reasoning.text', text: reasoning }] : undefined;
}

export function toWireMessages(messages: Message[]): WireMessage[] {
	const wire: WireMessage[] = [];
	for (const message of messages) {
		const content = Array.isArray(message.content) ? message.content : [];
		if (message.role === 'tool') {
			for (const part of content) {
				if (part.type === 'tool-result')
					wire.push({
						role: 'tool',
						tool_call_id: part.toolCallId,
						content: resultText(part.result),
					});
			}
			continue;
		}
		if (message.role === 'assistant') {
			const calls = content.filter((part): part is ToolCallContent => part.type === 'tool-call');
			const toolCalls: WireToolCall[] = calls.map((call, index) => {
				const id = call.toolCallId || `call_${index + 1}`;
				const repair = repairToolArguments(call.input || '{}');
				if (!repair.ok) {
					throw new Error(
						`Message ${wire.length + 1} has a tool call (id "${id}") whose arguments MiniMax would refuse: ${repair.problem}`,
					);
				}
				return { id, type: 'function', function: { name: call.toolName, arguments: repair.json } };
			});
			const details = reasoningDetailsOf(content);
			wire.push({
				role: 'assistant',
				content: textOf(content),
				...(toolCalls.length ? { tool_calls: toolCalls } : {}),
				...(details && toolCalls.length ? { reasoning_details: details } : {}),
			});
			continue;
		}
		wire.push({ role: message.role === 'system' ? 'system' : 'user', content: textOf(content) });
	}
	return mergeSystemMessages(wire);
}

/** SDK tools as OpenAI function tools; `toJsonSchema` turns Zod schemas into JSON Schema. */
export function toWireTools(tools: Tool[], toJsonSchema?: (tool: Tool) => unknown): WireTool[] {
	return tools.flatMap((tool) => {
		if (tool.type !== 'function') return [];
		const schema = (toJsonSchema ? toJsonSchema(tool) : tool.inputSchema) as
			| Record<string, unknown>
			| undefined;
		const parameters: IDataObject =
			schema && typeof schema === 'object' && !('_def' in schema)
				? { ...(schema as IDataObject) }
				: { type: 'object', properties: {} };
		delete parameters.$schema;
		return [
			{
				type: 'function' as const,
				function: {
					name: tool.name,
					...(tool.description ? { description: tool.description } : {}),
					parameters,
				},
			},
		];
	});
}

export function finishReasonOf(reason: string | undefined, hasToolCalls: boolean): FinishReason {
	if (hasToolCalls || reason === 'tool_calls') return 'tool-calls';
	if (reason === 'stop' || reason === undefined) return 'stop';
	if (reason === 'length') return 'length';
	if (reason === 'content_filter') return 'content-filter';
	return 'other';
}

export function usageOf(usage: WireResponse['usage']): TokenUsage | undefined {
	if (!usage) return undefined;
	const prompt = usage.prompt_tokens ?? 0;
	const completion = usage.completion_tokens ?? 0;
	return {
		promptTokens: prompt,
		completionTokens: completion,
		totalTokens: usage.total_tokens ?? prompt + completion,
		...(usage.completion_tokens_details?.reasoning_tokens !== undefined
			? { outputTokenDetails: { reasoning: usage.completion_tokens_details.reasoning_tokens } }
			: {}),
	};
}

/** The answer as text; reasoning (split out or inline) only in providerMetadata, for the next turn. */
export function toGenerateResult(response: WireResponse, traceId?: string): GenerateResult {
	const choice = response.choices?.[0] ?? {};
	const message = choice.message ?? {};
	const explicit =
		reasoningText(message.reasoning_details) || (message.reasoning_content ?? '').trim();
	const inline = splitThinking(
		typeof message.content === 'string' ? message.content : '',
		explicit !== '',
	);
	const reasoning = [explicit, inline.reasoning].filter(Boolean).join('\n\n');
	const toolCalls = Array.isArray(message.tool_calls) ? message.tool_calls : [];
	const content: MessageContent[] = [];
	if (inline.answer) content.push({ type: 'text', text: inline.answer });
	for (const call of toolCalls)
		content.push({
			type: 'tool-call',
			toolCallId: call.id,
			toolName: call.function.name,
			input: call.function.arguments || '{}',
		});
	return {
		id: response.id,
		finishReason: finishReasonOf(choice.finish_reason, toolCalls.length > 0),
		usage: usageOf(response.usage),
		message: { role: 'assistant', content, id: response.id },
		providerMetadata: {
			...(message.reasoning_details ? { reasoning_details: message.reasoning_details } : {}),
			...(reasoning ? { reasoning } : {}),
			...(traceId ? { traceId } : {}),
		},
	};
}
