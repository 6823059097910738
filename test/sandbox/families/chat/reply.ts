import { createHash } from 'crypto';

import type { IdGenerator } from '../../core/random';
import { isObject, type JsonObject } from '../../http/validate';
import { buildJson, countHints, topicOf } from './json';
import type { ChatMessage, ChatRequest, ToolCall, ToolDefinition } from './request';
import { findExampleShape, shapeFromSchema, type Shape } from './shape';

/**
 * Deterministic replies derived from the conversation: the same messages always give the same
 * answer, reasoning, tool calls and token counts.
 */

export const CHAT_MARKER = /\[\[sandbox:([a-z_]+)(?::([\w.-]+))?(?::([\w.-]+))?\]\]/g;

export interface Markers {
	/** `[[sandbox:base_resp:1008]]`: HTTP 200 with that base_resp code. */
	baseResp?: number;
	/** `[[sandbox:http:401]]` or `[[sandbox:http:429:1002]]`: real HTTP status with an error object. */
	http?: { status: number; code?: number };
	/** `[[sandbox:stream_error:1008]]`: a stream that breaks off with a base_resp chunk (non-stream: like base_resp). */
	streamError?: number;
	/** `[[sandbox:bad_json]]`: a JSON answer that is not valid JSON. */
	badJson: boolean;
	/** `[[sandbox:reasoning_cumulative]]`: streamed reasoning_details carry the text so far, not increments. */
	cumulativeReasoning: boolean;
	/**
	 * `[[sandbox:reasoning_form:FORM]]`: reasoning inline in `content` whatever `reasoning_split` says,
	 * as `think` (`<think>…</think>`), `thinking`, `mm_think` (`<mm:think>`) or `close_only` (the text
	 * then `</think>`, the opening tag missing), as public reports show (docs/minimax-api.md §17.4).
	 */
	reasoningForm?: ReasoningForm;
	/** `[[sandbox:tool_markup]]`: tool calls written as `<minimax:tool_call>` markup in `content`, no `tool_calls`. */
	toolMarkup: boolean;
	/** `[[sandbox:tool_no_index]]`: streamed tool-call fragments without `index`; continuations have `id: ""`. */
	toolNoIndex: boolean;
}

export const REASONING_FORMS = ['think', 'thinking', 'mm_think', 'close_only'] as const;
export type ReasoningForm = (typeof REASONING_FORMS)[number];

export function readMarkers(messages: ChatMessage[]): Markers {
	const markers: Markers = {
		badJson: false,
		cumulativeReasoning: false,
		toolMarkup: false,
		toolNoIndex: false,
	};
	for (const message of messages) {
		for (const match of message.text.matchAll(CHAT_MARKER)) {
			const [, name, first, second] = match;
			if (name === 'base_resp') markers.baseResp = Number(first);
			if (name === 'http')
				markers.http = {
					status: Number(first),
					code: second === undefined ? undefined : Number(second),
				};
			if (name === 'stream_error') markers.streamError = Number(first);
			if (name === 'bad_json') markers.badJson = true;
			if (name === 'reasoning_cumulative') markers.cumulativeReasoning = true;
			if (name === 'reasoning_form' && (REASONING_FORMS as readonly string[]).includes(first))
				markers.reasoningForm = first as ReasoningForm;
			if (name === 'tool_markup') markers.toolMarkup = true;
			if (name === 'tool_no_index') markers.toolNoIndex = true;
		}
	}
	return markers;
}

function clean(text: string): string {
	return text.replace(CHAT_MARKER, '').replace(/\s+/g, ' ').trim();
}

export interface ComposedReply {
	answer: string;
	reasoning: string;
	toolCalls?: ToolCall[];
	finishReason: 'stop' | 'length' | 'tool_calls';
	/** Reasoning must be inline in `content` in this form, even when `reasoning_split` asked otherwise. */
	reasoningForm?: ReasoningForm;
	usage: {
		prompt_tokens: number;
		completion_tokens: number;
		total_tokens: number;
		completion_tokens_details: { reasoning_tokens: number };
	};
}

export function tokensOf(text: string): number {
	return Math.ceil([...text].length / 4);
}

export function composeReply(
	request: ChatRequest,
	markers: Markers,
	ids: IdGenerator,
): ComposedReply {
	const { messages } = request;
	const system = clean(
		messages
			.filter((m) => m.role === 'system')
			.map((m) => m.text)
			.join(' '),
	);
	const last = messages[messages.length - 1];
	const lastUser = clean([...messages].reverse().find((m) => m.role === 'user')?.text ?? '');
	const topic = topicOf(lastUser);
	let answer: string;
	let reasoning: string;
	let toolCalls: ToolCall[] | undefined;

	const tool = last.role === 'user' ? chooseTool(request, lastUser) : undefined;
	if (last.role === 'tool') {
		const results = trailingToolResults(messages);
		answer = `Based on the tool results: ${results.map((r) => excerpt(clean(r), 300)).join('; ')}`;
		reasoning = 'The tool returned its result. I will summarise it for the user.';
	} else if (tool) {
		toolCalls = [
			{
				id: `call_function_${ids.token(12)}_1`,
				type: 'function',
				function: { name: tool.name, arguments: JSON.stringify(toolArguments(tool, lastUser)) },
			},
		];
		answer = '';
		reasoning = `The user wants something the ${tool.name} tool can do. I will call it.`;
	} else {
		const shape = requestedShape(request, system, lastUser);
		if (shape) {
			const value = buildJson(shape, {
				topic: topicOf(stripExample(lastUser) || lastUser),
				counts: countHints(`${system} ${lastUser}`),
				seed: seedOf(lastUser),
			});
			const json = request.responseFormat?.type.startsWith('json')
				? JSON.stringify(value)
				: `\`\`\`json\n${JSON.stringify(value, null, 2)}\n\`\`\``;
			answer = markers.badJson ? json.slice(0, Math.max(8, Math.floor(json.length / 2))) : json;
			reasoning = `The user wants JSON about ${topic}. I will return exactly the requested keys.`;
		} else {
			answer = plainAnswer(lastUser, topic);
			reasoning = `The user asks about ${topic}.${system ? ` The system prompt says: "${excerpt(system, 80)}".` : ''} I will answer briefly.`;
		}
	}

	let finishReason: ComposedReply['finishReason'] = toolCalls ? 'tool_calls' : 'stop';
	let reasoningTokens = tokensOf(reasoning);
	let answerTokens = tokensOf(answer) + (toolCalls ? tokensOf(JSON.stringify(toolCalls)) : 0);
	const limit = request.maxTokens;
	if (limit !== undefined && !toolCalls && reasoningTokens + answerTokens > limit) {
		finishReason = 'length';
		if (reasoningTokens >= limit) {
			reasoning = [...reasoning].slice(0, limit * 4).join('');
			answer = '';
		} else {
			answer = [...answer].slice(0, (limit - reasoningTokens) * 4).join('');
		}
		reasoningTokens = tokensOf(reasoning);
		answerTokens = tokensOf(answer);
	}
	const promptTokens =
		messages.reduce(
			(sum, m) =>
				sum + 3 + tokensOf(m.text) + (m.toolCalls ? tokensOf(JSON.stringify(m.toolCalls)) : 0),
			0,
		) + (request.tools.length ? tokensOf(JSON.stringify(request.tools)) : 0);
	const completionTokens = reasoningTokens + answerTokens;
	return {
		answer,
		reasoning,
		toolCalls,
		finishReason,
		usage: {
			prompt_tokens: promptTokens,
			completion_tokens: completionTokens,
			total_tokens: promptTokens + completionTokens,
			completion_tokens_details: { reasoning_tokens: reasoningTokens },
		},
	};
}

function trailingToolResults(messages: ChatMessage[]): string[] {
	const results: string[] = [];
	for (let i = messages.length - 1; i >= 0 && messages[i].role === 'tool'; i--)
		results.unshift(messages[i].text);
	return results;
}

/** "Say: hello" → "hello"; otherwise a few sentences about the topic. */
function plainAnswer(lastUser: string, topic: string): string {
	const say = /^(?:say|repeat|echo)\b[:\s]+([\s\S]+)$/i.exec(lastUser);
	if (say) return say[1].trim();
	return `Meet ${topic}: a quick look at what makes it remarkable. Up close, ${topic} reveals details most people never notice. To close, remember why ${topic} matters to all of us.`;
}

function chooseTool(request: ChatRequest, text: string): ToolDefinition | undefined {
	const { tools, toolChoice } = request;
	if (!tools.length || toolChoice === 'none') return undefined;
	if (typeof toolChoice === 'object') return tools.find((tool) => tool.name === toolChoice.name);
	const lower = text.toLowerCase();
	const mentioned = tools
		.map((tool) => {
			const spellings = [tool.name, tool.name.replace(/[_-]+/g, ' ')].map((s) => s.toLowerCase());
			const at = Math.min(
				...spellings.map((s) => (lower.includes(s) ? lower.indexOf(s) : Infinity)),
			);
			return { tool, at };
		})
		.filter((entry) => entry.at !== Infinity)
		.sort((a, b) => a.at - b.at);
	if (mentioned.length) return mentioned[0].tool;
	return toolChoice === 'required' ? tools[0] : undefined;
}

/** Arguments from `name: value` pairs in the text, else plausible defaults by type. */
function toolArguments(tool: ToolDefinition, text: string): Record<string, unknown> {
	const parameters = tool.parameters ?? {};
	const properties = isObject(parameters.properties) ? parameters.properties : {};
	const required = Array.isArray(parameters.required) ? parameters.required.map(String) : [];
	const args: Record<string, unknown> = {};
	for (const [key, spec] of Object.entries(properties)) {
		const schema = isObject(spec) ? spec : {};
		const explicit = new RegExp(
			`\\b${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*[:=]\\s*(?:"([^"]*)"|'([^']*)'|([^,;\\n]+))`,
			'i',
		).exec(text);
		const raw = explicit ? (explicit[1] ?? explicit[2] ?? explicit[3]).trim() : undefined;
		if (raw === undefined && !required.includes(key)) continue;
		args[key] = valueFor(schema, key, raw, text, tool.name);
	}
	return args;
}

function valueFor(
	schema: JsonObject,
	key: string,
	raw: string | undefined,
	text: string,
	toolName: string,
): unknown {
	const type = schema.type;
	if (Array.isArray(schema.enum) && schema.enum.length)
		return raw !== undefined && schema.enum.map(String).includes(raw) ? raw : schema.enum[0];
	if (type === 'number' || type === 'integer') {
		const source = raw ?? /-?\d+(\.\d+)?/.exec(text)?.[0] ?? '1';
		const number = Number(source);
		return Number.isFinite(number) ? (type === 'integer' ? Math.round(number) : number) : 1;
	}
	if (type === 'boolean') return raw === undefined ? true : /^(true|yes|1)$/i.test(raw);
	if (type === 'array') return raw === undefined ? [] : raw.split(/\s*\|\s*/);
	if (type === 'object') return {};
	if (raw !== undefined) return raw;
	if (/text|query|prompt|input|message|content|question|description/i.test(key)) {
		const withoutTool = text
			.replace(
				new RegExp(
					`\\b(?:use |call |with )?(?:the )?${toolName.replace(/[_-]+/g, '[ _-]')}(?: tool)?\\b[:,]?`,
					'i',
				),
				'',
			)
			.trim();
		return withoutTool || text;
	}
	return topicOf(text);
}

function requestedShape(request: ChatRequest, system: string, lastUser: string): Shape | undefined {
	const format = request.responseFormat;
	if (format?.type === 'json_schema' && format.schema) return shapeFromSchema(format.schema);
	const mentionsJson = /\bjson\b/i.test(`${system} ${lastUser}`);
	if (format?.type !== 'json_object' && !mentionsJson) return undefined;
	for (const text of [lastUser, system]) {
		const example = findExampleShape(text);
		if (example) return schemaIn(text.slice(example.start, example.end)) ?? example.shape;
	}
	return { kind: 'object', fields: [{ key: 'answer', shape: { kind: 'string' } }] };
}

/** A JSON Schema pasted into a prompt is read as a schema, not as an example object. */
function schemaIn(text: string): Shape | undefined {
	try {
		const parsed: unknown = JSON.parse(text);
		const looksLikeSchema =
			isObject(parsed) &&
			(typeof parsed.$schema === 'string' ||
				(typeof parsed.type === 'string' &&
					(isObject(parsed.properties) || parsed.items !== undefined)));
		return looksLikeSchema ? shapeFromSchema(parsed) : undefined;
	} catch {
		return undefined;
	}
}

function stripExample(text: string): string {
	const found = findExampleShape(text);
	return found ? `${text.slice(0, found.start)} ${text.slice(found.end)}`.trim() : text;
}

function seedOf(text: string): number {
	return createHash('sha1').update(text).digest().readUInt32BE(0);
}

function excerpt(text: string, max: number): string {
	const chars = [...text];
	return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

/** The reasoning block MiniMax puts in front of the answer when reasoning is not split out. */
export function inlineContent(reply: ComposedReply): string {
	switch (reply.reasoningForm ?? 'think') {
		case 'thinking':
			return `<thinking>\n${reply.reasoning}\n</thinking>\n\n${reply.answer}`;
		case 'mm_think':
			return `<mm:think>\n${reply.reasoning}\n</mm:think>\n\n${reply.answer}`;
		case 'close_only':
			return `${reply.reasoning}</think>\n\n${reply.answer}`;
		default:
			return `<think>\n${reply.reasoning}\n</think>\n\n${reply.answer}`;
	}
}

/** `<minimax:tool_call>` markup for the calls, one `<invoke>` each, as the model writes it. */
export function toolCallMarkup(calls: ToolCall[]): string {
	const invokes = calls.map((call) => {
		const args = JSON.parse(call.function.arguments || '{}') as Record<string, unknown>;
		const parameters = Object.entries(args).map(
			([key, value]) =>
				`<parameter name="${key}">${typeof value === 'string' ? value : JSON.stringify(value)}</parameter>\n`,
		);
		return `<invoke name="${call.function.name}">\n${parameters.join('')}</invoke>\n`;
	});
	return `<minimax:tool_call>\n${invokes.join('')}</minimax:tool_call>`;
}

/** Applies the reply-shape markers: reasoning forced inline, tool calls as text markup. */
export function applyReplyVariants(reply: ComposedReply, markers: Markers): void {
	if (markers.reasoningForm) reply.reasoningForm = markers.reasoningForm;
	if (markers.toolMarkup && reply.toolCalls?.length) {
		reply.answer = toolCallMarkup(reply.toolCalls);
		reply.toolCalls = undefined;
		reply.finishReason = 'stop';
	}
}
