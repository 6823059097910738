import type { IDataObject } from 'n8n-workflow';

/** Instruction added to the system message when JSON output is asked (needed where response_format is not sent). */
export function jsonInstruction(schema?: IDataObject): string {
	const base =
		'Reply with one valid JSON value only: no text before or after it and no Markdown code fence.';
	return schema ? `${base} It must match this JSON Schema:\n${JSON.stringify(schema)}` : base;
}

export function responseFormatFor(schema?: IDataObject): IDataObject {
	return schema
		? { type: 'json_schema', json_schema: { name: 'reply', schema } }
		: { type: 'json_object' };
}

export type JsonParse = { ok: true; value: unknown } | { ok: false; error: string };

/** Parses a reply as JSON, tolerating a Markdown code fence or text around one JSON object or array. */
export function parseJsonReply(text: string): JsonParse {
	const trimmed = text.trim();
	const fenced = /^```[a-zA-Z]*\s*\n?([\s\S]*?)\n?```$/.exec(trimmed)?.[1];
	const candidates = [trimmed, fenced, embeddedJson(trimmed)].filter(
		(c): c is string => typeof c === 'string' && c.trim() !== '',
	);
	let firstError = trimmed ? 'it is not valid JSON' : 'the reply is empty';
	for (const candidate of candidates) {
		try {
			return { ok: true, value: JSON.parse(candidate) };
		} catch (error) {
			if (candidate === trimmed) firstError = (error as Error).message;
		}
	}
	return { ok: false, error: firstError };
}

/** The first balanced {…} or […] in a text, strings respected. */
function embeddedJson(text: string): string | undefined {
	const start = text.search(/[{[]/);
	if (start < 0) return undefined;
	const stack: string[] = [];
	let inString = false;
	for (let i = start; i < text.length; i++) {
		const char = text[i];
		if (inString) {
			if (char === '\\') i++;
			else if (char === '"') inString = false;
			continue;
		}
		if (char === '"') inString = true;
		else if (char === '{' || char === '[') stack.push(char === '{' ? '}' : ']');
		else if (char === '}' || char === ']') {
			if (stack.pop() !== char) return undefined;
			if (stack.length === 0) return text.slice(start, i + 1);
		}
	}
	return undefined;
}

const typeOf = (value: unknown): string => {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'array';
	if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
	return typeof value;
};

/**
 * Checks the parts of a JSON Schema that matter for model replies: type, required, properties,
 * items, enum, minItems/maxItems. Returns the problems found (at most 5), as "$.path: problem".
 */
export function schemaProblems(
	value: unknown,
	schema: unknown,
	path = '$',
	problems: string[] = [],
): string[] {
	if (problems.length >= 5 || typeof schema !== 'object' || schema === null) return problems;
	const rules = schema as IDataObject;
	const actual = typeOf(value);
	if (rules.type !== undefined) {
		const allowed = (Array.isArray(rules.type) ? rules.type : [rules.type]).map(String);
		const matches =
			allowed.includes(actual) || (actual === 'integer' && allowed.includes('number'));
		if (!matches) {
			problems.push(`${path}: expected ${allowed.join(' or ')}, got ${actual}`);
			return problems;
		}
	}
	if (
		Array.isArray(rules.enum) &&
		!rules.enum.some((option) => JSON.stringify(option) === JSON.stringify(value))
	) {
		problems.push(`${path}: ${JSON.stringify(value)} is not one of ${JSON.stringify(rules.enum)}`);
	}
	if (actual === 'object') {
		const object = value as IDataObject;
		for (const key of Array.isArray(rules.required) ? rules.required.map(String) : []) {
			if (!(key in object)) problems.push(`${path}: missing required key "${key}"`);
		}
		const properties = (rules.properties ?? {}) as IDataObject;
		for (const [key, child] of Object.entries(properties)) {
			if (key in object) schemaProblems(object[key], child, `${path}.${key}`, problems);
		}
	}
	if (actual === 'array') {
		const list = value as unknown[];
		if (typeof rules.minItems === 'number' && list.length < rules.minItems)
			problems.push(`${path}: has ${list.length} items, at least ${rules.minItems} required`);
		if (typeof rules.maxItems === 'number' && list.length > rules.maxItems)
			problems.push(`${path}: has ${list.length} items, at most ${rules.maxItems} allowed`);
		if (rules.items !== undefined)
			list.forEach((entry, index) =>
				schemaProblems(entry, rules.items, `${path}[${index}]`, problems),
			);
	}
	return problems.slice(0, 5);
}
