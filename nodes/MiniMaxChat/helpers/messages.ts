import type { IDataObject } from 'n8n-workflow';

import {
	contentText,
	mergeSystemMessages,
	type WireMessage,
	type WireToolCall,
} from '../../shared/chat/wire';
import { repairToolArguments } from '../../shared/chat/toolArguments';
import type { InputValidator } from '../../shared/validation';

const ROLES = ['system', 'user', 'assistant', 'tool'] as const;

interface MessageEntry {
	role?: string;
	/** Text, or whatever an expression gave (numbers and booleans become text). */
	content?: unknown;
}

/** Messages typed in the node (the "Messages" list). */
export function messagesFromParameters(check: InputValidator, raw: unknown): WireMessage[] {
	const entries = ((raw as { values?: MessageEntry[] } | undefined)?.values ??
		[]) as MessageEntry[];
	return entries.map((entry, index) => {
		const role = check.oneOf(
			'Messages',
			entry.role ?? 'user',
			['user', 'assistant', 'system'],
			`as the role of message ${index + 1}`,
		);
		const content = check.textFrom(`Messages (message ${index + 1} content)`, entry.content);
		if (!content.trim()) check.fail('Messages', `message ${index + 1} (${role}) is empty`);
		return { role, content };
	});
}

/**
 * An OpenAI-style messages array from a field of the input item (or a JSON text of one, or a
 * plain text that becomes one user message). Everything is checked before the request.
 */
export function messagesFromItem(
	check: InputValidator,
	item: IDataObject,
	fieldPath: string,
): WireMessage[] {
	const parameter = 'Messages Field';
	const path = fieldPath.trim();
	if (!path) check.fail(parameter, 'it is empty');
	let value: unknown = item;
	for (const key of path.split('.'))
		value = value && typeof value === 'object' ? (value as IDataObject)[key] : undefined;
	if (value === undefined || value === null) {
		check.fail(
			parameter,
			`the input item has no field "${path}"`,
			`Fields on this item: ${Object.keys(item).join(', ') || 'none'}.`,
		);
	}
	if (typeof value === 'string') {
		const text = value.trim();
		if (!text) check.fail(parameter, `the field "${path}" is empty`);
		value = text.startsWith('[') ? check.json(parameter, text) : [{ role: 'user', content: text }];
	}
	if (!Array.isArray(value))
		check.fail(
			parameter,
			`the field "${path}" must hold a list of messages like [{"role": "user", "content": "Hi"}]`,
		);
	if (value.length === 0) check.fail(parameter, `the field "${path}" holds an empty list`);
	return value.map((raw, index) => toWireMessage(check, raw, index));
}

function toWireMessage(check: InputValidator, raw: unknown, index: number): WireMessage {
	const fail = (problem: string): never =>
		check.fail('Messages Field', `message ${index + 1} ${problem}`);
	if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
		return fail('is not an object with "role" and "content"');
	const source = raw as IDataObject;
	const role = source.role === 'developer' ? 'system' : source.role;
	if (!ROLES.includes(role as (typeof ROLES)[number]))
		return fail(`has the role "${String(source.role)}"; allowed: ${ROLES.join(', ')}`);
	const message: WireMessage = {
		role: role as WireMessage['role'],
		content: readContent(fail, source.content),
	};
	if (typeof source.name === 'string' && source.name) message.name = source.name;
	if (
		message.role === 'assistant' &&
		source.tool_calls !== undefined &&
		source.tool_calls !== null
	) {
		message.tool_calls = readToolCalls(fail, source.tool_calls);
	}
	if (message.role === 'assistant' && Array.isArray(source.reasoning_details)) {
		message.reasoning_details = source.reasoning_details as WireMessage['reasoning_details'];
	}
	if (message.role === 'tool') {
		if (typeof source.tool_call_id !== 'string' || !source.tool_call_id)
			return fail('(role "tool") has no "tool_call_id"');
		message.tool_call_id = source.tool_call_id;
		if (typeof message.content !== 'string') message.content = contentText(message.content);
	}
	const hasText = contentText(message.content).trim() !== '';
	if (!hasText && !message.tool_calls?.length && message.role !== 'tool')
		return fail('has no content');
	return message;
}

function readContent(fail: (problem: string) => never, content: unknown): WireMessage['content'] {
	if (content === undefined || content === null) return '';
	if (typeof content === 'string') return content;
	if (typeof content === 'number' || typeof content === 'boolean') return String(content);
	if (!Array.isArray(content))
		return fail('has a "content" that is neither text nor a list of text parts');
	return content.map((part, partIndex) => {
		const typed = (part ?? {}) as IDataObject;
		if (typed.type !== 'text' || typeof typed.text !== 'string') {
			return fail(
				`has a content part ${partIndex + 1} of type "${String(typed.type)}"; only {"type": "text", "text": "…"} parts are supported`,
			);
		}
		return { type: 'text', text: typed.text };
	});
}

function readToolCalls(fail: (problem: string) => never, raw: unknown): WireToolCall[] {
	if (!Array.isArray(raw)) return fail('has "tool_calls" that is not a list');
	return raw.map((call, callIndex) => {
		const typed = (call ?? {}) as IDataObject;
		const fn = (typed.function ?? {}) as IDataObject;
		if (typeof typed.id !== 'string' || typeof fn.name !== 'string')
			return fail(`has a tool call ${callIndex + 1} without "id" and "function.name"`);
		const args =
			typeof fn.arguments === 'string' ? fn.arguments : JSON.stringify(fn.arguments ?? {});
		const repair = repairToolArguments(args);
		if (!repair.ok) {
			return fail(
				`has a tool call ${callIndex + 1} (id "${typed.id}") whose "function.arguments" MiniMax would refuse: ${repair.problem}. Arguments must be a JSON object text such as {"path": "foo.txt"}`,
			);
		}
		return { id: typed.id, type: 'function', function: { name: fn.name, arguments: repair.json } };
	});
}

/** One leading system message (MiniMax rejects more) and at least one message to answer. */
export function finalMessages(
	check: InputValidator,
	messages: WireMessage[],
	systemPrompt: string,
	jsonHint?: string,
): WireMessage[] {
	const withHint: WireMessage[] = jsonHint
		? [...messages, { role: 'system', content: jsonHint }]
		: messages;
	const merged = mergeSystemMessages(withHint, systemPrompt);
	// The same rule for every source and operation: a conversation of only system or only
	// assistant messages has nothing to answer.
	if (!merged.some((message) => message.role === 'user' || message.role === 'tool')) {
		check.fail(
			'Messages',
			'there is no user message to answer',
			'Add a message with the role "User".',
		);
	}
	return merged;
}
