import { ApiError, CODES, capture, invalidParams } from '../../http/errors';
import { Fields, isObject, type JsonObject } from '../../http/validate';

/** Parsing and strict validation of chat requests (docs/minimax-api.md §11, §16). */

export const OPENAI_CHAT_MODELS = [
	'MiniMax-M3',
	'MiniMax-M3.1-Flash-Preview',
	'MiniMax-M2.7',
	'MiniMax-M2.7-highspeed',
	'MiniMax-M2.5',
	'MiniMax-M2.5-highspeed',
	'MiniMax-M2.1',
	'MiniMax-M2.1-highspeed',
	'MiniMax-M2',
] as const;
export const NATIVE_CHAT_MODELS = ['MiniMax-M2', 'MiniMax-M1', 'MiniMax-Text-01'] as const;
/** `response_format` is only reported as accepted on M3 (docs/minimax-api.md §11.2); the sandbox refuses it elsewhere. */
export const RESPONSE_FORMAT_MODELS = ['MiniMax-M3'];

const ROLES = ['system', 'user', 'assistant', 'tool'];
const TOOL_NAME = /^[A-Za-z0-9_-]{1,64}$/;
const MAX_OUTPUT_TOKENS = 204_800;

export interface ToolCall {
	id: string;
	type: 'function';
	function: { name: string; arguments: string };
}

export interface ChatMessage {
	role: 'system' | 'user' | 'assistant' | 'tool';
	/** Text of the message (text parts joined). */
	text: string;
	name?: string;
	toolCalls?: ToolCall[];
	toolCallId?: string;
}

export interface ToolDefinition {
	name: string;
	description?: string;
	parameters?: JsonObject;
}

export type ToolChoice = 'auto' | 'none' | 'required' | { name: string };

export interface ChatRequest {
	model: string;
	messages: ChatMessage[];
	stream: boolean;
	maxTokens?: number;
	temperature?: number;
	topP?: number;
	tools: ToolDefinition[];
	toolChoice: ToolChoice;
	/** 'json_object' / 'json_schema' when asked through response_format. */
	responseFormat?: { type: 'text' | 'json_object' | 'json_schema'; schema?: JsonObject };
	reasoningSplit: boolean;
}

/** An OpenAI-compatible error answered with a real HTTP status and `{type:'error', error:{…}}` (docs/minimax-api.md §16). */
export class ChatHttpError extends Error {
	constructor(
		readonly status: number,
		readonly type: string,
		message: string,
		readonly code: number,
	) {
		super(message);
	}
}

export function badRequest(message: string): ChatHttpError {
	return new ChatHttpError(
		400,
		'bad_request_error',
		`${message} (${CODES.invalidParams})`,
		CODES.invalidParams,
	);
}

/** Runs a parser that throws the shared ApiError (2013) and turns it into an HTTP 400 error object. */
export function asHttpError<T>(parse: () => T): T {
	const outcome = capture(parse);
	if (outcome.ok) return outcome.value;
	if (outcome.error instanceof ApiError) throw badRequest(outcome.error.message);
	throw outcome.error;
}

export function textOf(content: unknown, path: string): string {
	if (content === undefined || content === null) return '';
	if (typeof content === 'string') return content;
	if (!Array.isArray(content))
		throw invalidParams(path, 'must be a string or an array of content parts');
	return content
		.map((part, index) => {
			if (!isObject(part) || typeof part.type !== 'string')
				throw invalidParams(`${path}[${index}]`, 'must be a content part with a type');
			if (part.type === 'text') {
				if (typeof part.text !== 'string')
					throw invalidParams(`${path}[${index}].text`, 'must be a string');
				return part.text;
			}
			if (part.type === 'image_url') return '';
			throw invalidParams(`${path}[${index}].type`, `unsupported content part type "${part.type}"`);
		})
		.join('');
}

function isJsonObjectText(text: string): boolean {
	try {
		const value: unknown = JSON.parse(text);
		return isObject(value);
	} catch {
		return false;
	}
}

/** The message reported by public clients (earendil-works/pi#5468). */
function invalidArgumentsJson(toolCallId: string): ApiError {
	return new ApiError(
		CODES.invalidParams,
		`invalid params, invalid function arguments json string, tool_call_id: ${toolCallId}`,
	);
}

function readToolCalls(value: unknown, path: string): ToolCall[] | undefined {
	if (value === undefined || value === null) return undefined;
	if (!Array.isArray(value)) throw invalidParams(path, 'must be an array');
	return value.map((raw, index) => {
		const call = new Fields(isObject(raw) ? raw : {}, `${path}[${index}]`);
		const id = call.string('id', { required: true, nonEmpty: true }) as string;
		const fn = call.object('function');
		if (!fn) throw invalidParams(call.path('function'), 'is required');
		const name = fn.string('name', { required: true, nonEmpty: true }) as string;
		const args = fn.string('arguments') ?? '';
		// The live service refuses history whose arguments are not a JSON object text (docs/minimax-api.md §17.4).
		if (!isJsonObjectText(args)) throw invalidArgumentsJson(id);
		return { id, type: 'function' as const, function: { name, arguments: args } };
	});
}

export function readMessages(json: Fields, opts: { singleLeadingSystem: boolean }): ChatMessage[] {
	const raw = json.array('messages', { minItems: 1 });
	if (!raw) throw invalidParams('messages', 'is required');
	const messages = raw.map((value, index): ChatMessage => {
		const path = `messages[${index}]`;
		if (!isObject(value)) throw invalidParams(path, 'must be an object');
		const fields = new Fields(value, path);
		const role = fields.string('role', { required: true, oneOf: ROLES }) as ChatMessage['role'];
		const name = fields.string('name');
		const toolCalls =
			role === 'assistant' ? readToolCalls(value.tool_calls, `${path}.tool_calls`) : undefined;
		const text = textOf(value.content, `${path}.content`);
		if (value.content === undefined && !toolCalls)
			throw invalidParams(`${path}.content`, 'is required');
		const toolCallId =
			role === 'tool'
				? (fields.string('tool_call_id', { required: true, nonEmpty: true }) as string)
				: undefined;
		return { role, text, name, toolCalls, toolCallId };
	});
	if (opts.singleLeadingSystem) {
		const systems = messages.filter((message) => message.role === 'system').length;
		if (systems > 1 || (systems === 1 && messages[0].role !== 'system')) {
			throw badRequest('invalid params, invalid chat setting');
		}
	}
	checkToolResults(messages);
	return messages;
}

/** A tool message must answer a tool call of an earlier assistant message. */
function checkToolResults(messages: ChatMessage[]): void {
	const known = new Set<string>();
	messages.forEach((message, index) => {
		for (const call of message.toolCalls ?? []) known.add(call.id);
		if (message.role === 'tool' && !known.has(message.toolCallId ?? '')) {
			throw invalidParams(
				`messages[${index}].tool_call_id`,
				`"${message.toolCallId}" does not match any previous tool call`,
			);
		}
	});
}

export function readTools(json: Fields): ToolDefinition[] {
	const raw = json.array('tools', { maxItems: 128 }) ?? [];
	return raw.map((value, index) => {
		const tool = new Fields(isObject(value) ? value : {}, `tools[${index}]`);
		tool.string('type', { required: true, oneOf: ['function'] });
		const fn = tool.object('function');
		if (!fn) throw invalidParams(tool.path('function'), 'is required');
		const name = fn.string('name', { required: true }) as string;
		if (!TOOL_NAME.test(name))
			throw invalidParams(fn.path('name'), 'must match ^[A-Za-z0-9_-]{1,64}$');
		if (fn.has('strict')) throw invalidParams(fn.path('strict'), 'is not supported');
		const parameters = fn.object('parameters')?.source;
		return { name, description: fn.string('description'), parameters };
	});
}

function readToolChoice(json: Fields, tools: ToolDefinition[]): ToolChoice {
	const value = json.source.tool_choice;
	if (value === undefined || value === null) return 'auto';
	if (typeof value === 'string')
		return json.string('tool_choice', { oneOf: ['auto', 'none', 'required'] }) as ToolChoice;
	const choice = json.object('tool_choice');
	const name = choice?.object('function')?.string('name', { required: true }) as string;
	if (!tools.some((tool) => tool.name === name))
		throw invalidParams('tool_choice.function.name', `"${name}" is not one of the given tools`);
	return { name };
}

function readResponseFormat(json: Fields, model: string): ChatRequest['responseFormat'] {
	const format = json.object('response_format');
	if (!format) return undefined;
	const type = format.string('type', {
		required: true,
		oneOf: ['text', 'json_object', 'json_schema'],
	}) as 'text' | 'json_object' | 'json_schema';
	if (type !== 'text' && !RESPONSE_FORMAT_MODELS.includes(model)) {
		throw invalidParams('response_format', `is not supported by model ${model}`);
	}
	if (type !== 'json_schema') return { type };
	const spec = format.object('json_schema');
	if (!spec) throw invalidParams('response_format.json_schema', 'is required');
	spec.string('name', { required: true, nonEmpty: true });
	const schema = spec.object('schema')?.source;
	if (!schema) throw invalidParams('response_format.json_schema.schema', 'is required');
	return { type, schema };
}

export function readSampling(
	json: Fields,
): Pick<ChatRequest, 'temperature' | 'topP' | 'maxTokens'> {
	const temperature = json.number('temperature', { min: 0, max: 1, minExclusive: true });
	const topP = json.number('top_p', { min: 0, max: 1, minExclusive: true });
	const maxTokens =
		json.number('max_completion_tokens', { min: 1, max: MAX_OUTPUT_TOKENS, integer: true }) ??
		json.number('max_tokens', { min: 1, max: MAX_OUTPUT_TOKENS, integer: true });
	return { temperature, topP, maxTokens };
}

/** POST /v1/chat/completions: every problem is an HTTP 400 error object. */
export function parseOpenAiRequest(body: JsonObject): ChatRequest {
	return asHttpError(() => {
		const json = new Fields(body);
		const model = json.string('model', { required: true }) as string;
		if (!(OPENAI_CHAT_MODELS as readonly string[]).includes(model))
			throw invalidParams('model', `unknown model '${model}'`);
		const n = json.number('n', { integer: true });
		if (n !== undefined && n !== 1) throw invalidParams('n', 'only n=1 is supported');
		const messages = readMessages(json, { singleLeadingSystem: true });
		const tools = readTools(json);
		json.object('stream_options')?.boolean('include_usage');
		json.number('presence_penalty', { min: -2, max: 2 });
		json.number('frequency_penalty', { min: -2, max: 2 });
		return {
			model,
			messages,
			stream: json.boolean('stream') ?? false,
			...readSampling(json),
			tools,
			toolChoice: readToolChoice(json, tools),
			responseFormat: readResponseFormat(json, model),
			reasoningSplit: json.boolean('reasoning_split') ?? false,
		};
	});
}

/** POST /v1/text/chatcompletion_v2: native envelope, errors are base_resp 2013 on HTTP 200. */
export function parseNativeRequest(body: JsonObject): ChatRequest {
	const json = new Fields(body);
	const model = json.string('model', { required: true }) as string;
	if (!(NATIVE_CHAT_MODELS as readonly string[]).includes(model))
		throw new ApiError(CODES.invalidParams, `invalid params, unknown model '${model}'`);
	const messages = readMessages(json, { singleLeadingSystem: false });
	const tools = readTools(json);
	json.boolean('mask_sensitive_info');
	return {
		model,
		messages,
		stream: json.boolean('stream') ?? false,
		...readSampling(json),
		tools,
		toolChoice: readToolChoice(json, tools),
		reasoningSplit: false,
	};
}
