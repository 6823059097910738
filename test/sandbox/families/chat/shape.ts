import { isObject } from '../../http/validate';

/**
 * The shape of the JSON a chat request asks for, read from a JSON schema (`response_format`) or
 * from an example object written in the prompt. Example objects are read tolerantly, because
 * prompts often sketch a shape that is not valid JSON: `{"scenes":[{"title","narration"}]}`.
 */
export type Shape =
	| { kind: 'object'; fields: Array<{ key: string; shape: Shape }> }
	| { kind: 'array'; item: Shape; minItems?: number; maxItems?: number }
	| { kind: 'string'; values?: string[] }
	| { kind: 'number'; integer: boolean; minimum?: number; maximum?: number }
	| { kind: 'boolean' }
	| { kind: 'null' };

const STRING: Shape = { kind: 'string' };

export function shapeFromSchema(schema: unknown, depth = 0): Shape {
	if (!isObject(schema) || depth > 12) return STRING;
	const variants = (schema.anyOf ?? schema.oneOf ?? schema.allOf) as unknown;
	if (Array.isArray(variants) && variants.length) {
		const concrete =
			variants.find((variant) => isObject(variant) && variant.type !== 'null') ?? variants[0];
		return shapeFromSchema(concrete, depth + 1);
	}
	const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
	if (Array.isArray(schema.enum) && schema.enum.length) {
		if (schema.enum.every((value) => typeof value === 'number'))
			return {
				kind: 'number',
				integer: true,
				minimum: schema.enum[0] as number,
				maximum: schema.enum[0] as number,
			};
		return { kind: 'string', values: schema.enum.map(String) };
	}
	if (type === 'object' || (type === undefined && isObject(schema.properties))) {
		const properties = isObject(schema.properties) ? schema.properties : {};
		const required = Array.isArray(schema.required) ? schema.required.map(String) : [];
		const keys = [...new Set([...required, ...Object.keys(properties)])];
		return {
			kind: 'object',
			fields: keys.map((key) => ({ key, shape: shapeFromSchema(properties[key], depth + 1) })),
		};
	}
	if (type === 'array') {
		return {
			kind: 'array',
			item: schema.items === undefined ? STRING : shapeFromSchema(schema.items, depth + 1),
			minItems: typeof schema.minItems === 'number' ? schema.minItems : undefined,
			maxItems: typeof schema.maxItems === 'number' ? schema.maxItems : undefined,
		};
	}
	if (type === 'integer' || type === 'number') {
		return {
			kind: 'number',
			integer: type === 'integer',
			minimum: typeof schema.minimum === 'number' ? schema.minimum : undefined,
			maximum: typeof schema.maximum === 'number' ? schema.maximum : undefined,
		};
	}
	if (type === 'boolean') return { kind: 'boolean' };
	if (type === 'null') return { kind: 'null' };
	return STRING;
}

export interface FoundExample {
	shape: Shape;
	start: number;
	end: number;
}

/** The first `{…}` or `[…]` in the text that reads as a shape with at least one field. */
export function findExampleShape(text: string): FoundExample | undefined {
	for (let start = 0; start < text.length; start++) {
		const char = text[start];
		if (char !== '{' && char !== '[') continue;
		const parser = new ShapeParser(text, start);
		const shape = parser.tryValue();
		if (shape && hasFields(shape)) return { shape, start, end: parser.position };
	}
	return undefined;
}

function hasFields(shape: Shape): boolean {
	if (shape.kind === 'object') return shape.fields.length > 0;
	if (shape.kind === 'array') return hasFields(shape.item);
	return false;
}

class ShapeParser {
	constructor(
		private readonly text: string,
		public position: number,
	) {}

	tryValue(): Shape | undefined {
		try {
			return this.value();
		} catch {
			return undefined;
		}
	}

	private value(): Shape {
		this.skipSpace();
		const char = this.text[this.position];
		if (char === '{') return this.object();
		if (char === '[') return this.array();
		if (char === '"' || char === "'") {
			this.string();
			return STRING;
		}
		const number = /^-?\d+(\.\d+)?/.exec(this.text.slice(this.position));
		if (number) {
			this.position += number[0].length;
			return { kind: 'number', integer: number[1] === undefined };
		}
		const word = this.bareword();
		if (word === 'true' || word === 'false') return { kind: 'boolean' };
		if (word === 'null') return { kind: 'null' };
		if (word === 'number' || word === 'integer')
			return { kind: 'number', integer: word === 'integer' };
		if (word === 'boolean') return { kind: 'boolean' };
		return STRING;
	}

	private object(): Shape {
		this.position++;
		const fields: Array<{ key: string; shape: Shape }> = [];
		for (;;) {
			this.skipSpace();
			if (this.take('}')) return { kind: 'object', fields };
			if (this.skipEllipsis()) continue;
			const key = this.key();
			this.skipSpace();
			const shape = this.take(':') ? this.value() : STRING;
			if (!fields.some((field) => field.key === key)) fields.push({ key, shape });
			this.skipSpace();
			if (this.take(',')) continue;
			if (!this.take('}')) throw new Error('unterminated object');
			return { kind: 'object', fields };
		}
	}

	private array(): Shape {
		this.position++;
		let item: Shape | undefined;
		for (;;) {
			this.skipSpace();
			if (this.take(']')) return { kind: 'array', item: item ?? STRING };
			if (this.skipEllipsis()) continue;
			const element = this.value();
			item ??= element;
			this.skipSpace();
			if (this.take(',')) continue;
			if (!this.take(']')) throw new Error('unterminated array');
			return { kind: 'array', item };
		}
	}

	private key(): string {
		const char = this.text[this.position];
		if (char === '"' || char === "'") return this.string();
		const word = this.bareword();
		if (!word) throw new Error('expected a key');
		return word;
	}

	private string(): string {
		const quote = this.text[this.position++];
		let out = '';
		while (this.position < this.text.length) {
			const char = this.text[this.position++];
			if (char === '\\') {
				out += this.text[this.position++] ?? '';
				continue;
			}
			if (char === quote) return out;
			out += char;
		}
		throw new Error('unterminated string');
	}

	private bareword(): string {
		const match = /^[A-Za-z_$][\w$-]*/.exec(this.text.slice(this.position));
		if (!match) throw new Error('unexpected character');
		this.position += match[0].length;
		return match[0];
	}

	private skipEllipsis(): boolean {
		const match = /^(\.\.\.|…)\s*,?/.exec(this.text.slice(this.position));
		if (!match) return false;
		this.position += match[0].length;
		return true;
	}

	private skipSpace(): void {
		while (/\s/.test(this.text[this.position] ?? '')) this.position++;
	}

	private take(char: string): boolean {
		if (this.text[this.position] !== char) return false;
		this.position++;
		return true;
	}
}
