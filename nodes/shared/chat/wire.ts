import type { IDataObject } from 'n8n-workflow';

/** The chat wire format shared by MiniMax's OpenAI-compatible and native endpoints (docs/minimax-api.md §11). */

export interface WireToolCall {
	id: string;
	type: 'function';
	function: { name: string; arguments: string };
}

export interface ReasoningDetail {
	type?: string;
	text?: string;
	[key: string]: unknown;
}

export interface WireMessage {
	role: 'system' | 'user' | 'assistant' | 'tool';
	content: string | null | Array<{ type: string; text?: string; [key: string]: unknown }>;
	name?: string;
	tool_calls?: WireToolCall[];
	tool_call_id?: string;
	/** Sent back unchanged in multi-turn tool use (docs/minimax-api.md §11.2). */
	reasoning_details?: ReasoningDetail[];
}

export interface WireTool {
	type: 'function';
	function: { name: string; description?: string; parameters?: IDataObject };
}

export interface WireUsage {
	prompt_tokens?: number;
	completion_tokens?: number;
	total_tokens?: number;
	completion_tokens_details?: { reasoning_tokens?: number };
	prompt_tokens_details?: { cached_tokens?: number };
}

export interface WireResponseMessage {
	role?: string;
	content?: string | null;
	reasoning_details?: ReasoningDetail[];
	/** Native endpoint, MiniMax-M1. */
	reasoning_content?: string;
	tool_calls?: WireToolCall[];
}

export interface WireResponse {
	id?: string;
	model?: string;
	choices?: Array<{ index?: number; finish_reason?: string; message?: WireResponseMessage }> | null;
	usage?: WireUsage;
	input_sensitive?: boolean;
	output_sensitive?: boolean;
}

/** Text of a message's content: a string, or the text parts of a content array. */
export function contentText(content: WireMessage['content'] | undefined): string {
	if (typeof content === 'string') return content;
	if (!Array.isArray(content)) return '';
	return content
		.map((part) => (part?.type === 'text' && typeof part.text === 'string' ? part.text : ''))
		.join('');
}

/**
 * MiniMax rejects more than one system message, and a system message that is not first
 * (docs/minimax-api.md §16): every system text is merged, in order, into one leading system message.
 */
export function mergeSystemMessages(messages: WireMessage[], systemPrompt?: string): WireMessage[] {
	const systemTexts = [
		systemPrompt ?? '',
		...messages.filter((m) => m.role === 'system').map((m) => contentText(m.content)),
	]
		.map((text) => text.trim())
		.filter(Boolean);
	const rest = messages.filter((m) => m.role !== 'system');
	return systemTexts.length
		? [{ role: 'system', content: systemTexts.join('\n\n') }, ...rest]
		: rest;
}

export interface Usage {
	promptTokens?: number;
	completionTokens?: number;
	totalTokens?: number;
	reasoningTokens?: number;
}

export function readUsage(usage: WireUsage | undefined): Usage | undefined {
	if (!usage) return undefined;
	const out: Usage = {
		promptTokens: usage.prompt_tokens,
		completionTokens: usage.completion_tokens,
		totalTokens: usage.total_tokens,
		reasoningTokens: usage.completion_tokens_details?.reasoning_tokens,
	};
	for (const key of Object.keys(out) as Array<keyof Usage>)
		if (out[key] === undefined) delete out[key];
	return out;
}
