import type { IDataObject } from 'n8n-workflow';

import { reasoningText, splitThinking } from '../../shared/chat/reasoning';
import {
	readUsage,
	type Usage,
	type WireResponse,
	type WireToolCall,
} from '../../shared/chat/wire';
import type { ReasoningMode } from './settings';

export interface ChatReply {
	/** The answer as the user wants it (reasoning removed, kept inline or split out). */
	text: string;
	/** The answer without any reasoning, whatever the mode (what JSON output is parsed from). */
	answer: string;
	reasoning?: string;
	toolCalls: WireToolCall[];
	finishReason?: string;
	usage?: Usage;
	id?: string;
	model?: string;
	/** The assistant message as MiniMax returned it, to append to the conversation for the next turn. */
	message: IDataObject;
	outputSensitive?: boolean;
	/** The content opened a reasoning tag and never closed it (everything after it is reasoning). */
	unclosedReasoning: boolean;
}

export function readReply(response: WireResponse, mode: ReasoningMode): ChatReply {
	const choice = response.choices?.[0] ?? {};
	const message = choice.message ?? {};
	const content = typeof message.content === 'string' ? message.content : '';
	const explicit =
		reasoningText(message.reasoning_details) || (message.reasoning_content ?? '').trim();
	const inline = splitThinking(content, explicit !== '');
	const reasoning = [explicit, inline.reasoning].filter(Boolean).join('\n\n');
	let text: string;
	if (mode === 'keep') text = explicit ? `<think>\n${explicit}\n</think>\n\n${content}` : content;
	else text = inline.answer;
	const toolCalls = Array.isArray(message.tool_calls) ? message.tool_calls : [];
	return {
		text,
		answer: inline.answer,
		reasoning: mode === 'separate' ? reasoning : undefined,
		toolCalls,
		finishReason: choice.finish_reason,
		usage: readUsage(response.usage),
		id: response.id,
		model: response.model,
		message: {
			role: 'assistant',
			content,
			...(message.reasoning_details
				? { reasoning_details: message.reasoning_details as unknown as IDataObject[] }
				: {}),
			...(toolCalls.length ? { tool_calls: toolCalls as unknown as IDataObject[] } : {}),
		},
		outputSensitive: response.output_sensitive === true ? true : undefined,
		unclosedReasoning: inline.unclosed,
	};
}

/** Tool calls with their arguments parsed (kept as text when the model wrote invalid JSON). */
export function toolCallsJson(calls: WireToolCall[]): IDataObject[] {
	return calls.map((call) => {
		let args: unknown = call.function.arguments;
		try {
			args = call.function.arguments.trim() ? JSON.parse(call.function.arguments) : {};
		} catch {
			// keep the raw text so nothing is lost
		}
		return { id: call.id, name: call.function.name, arguments: args as IDataObject };
	});
}
