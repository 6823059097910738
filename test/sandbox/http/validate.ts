import { invalidParams } from './errors';

/** A parsed JSON object. */
export type JsonObject = Record<string, unknown>;

export function typeName(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'array';
	return typeof value;
}

export function isObject(value: unknown): value is JsonObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function mismatch(path: string, expected: string, value: unknown): Error {
	return invalidParams(path, `Mismatch type, expected ${expected}, got ${typeName(value)}`);
}

function join(prefix: string, key: string): string {
	return prefix ? `${prefix}.${key}` : key;
}

/**
 * Strict field readers over one JSON object. Absent and null mean "not given";
 * anything else must have exactly the declared type.
 */
export class Fields {
	constructor(
		readonly source: JsonObject,
		readonly prefix = '',
	) {}

	path(key: string): string {
		return join(this.prefix, key);
	}

	has(key: string): boolean {
		return this.source[key] !== undefined && this.source[key] !== null;
	}

	object(key: string, expected = 'object'): Fields | undefined {
		if (!this.has(key)) return undefined;
		const value = this.source[key];
		if (!isObject(value)) throw mismatch(this.path(key), expected, value);
		return new Fields(value, this.path(key));
	}

	string(
		key: string,
		opts: {
			required?: boolean;
			oneOf?: readonly string[];
			maxChars?: number;
			nonEmpty?: boolean;
		} = {},
	): string | undefined {
		if (!this.has(key)) {
			if (opts.required) throw invalidParams(this.path(key), 'is required');
			return undefined;
		}
		const value = this.source[key];
		if (typeof value !== 'string') throw mismatch(this.path(key), 'string', value);
		if (opts.nonEmpty && value.length === 0)
			throw invalidParams(this.path(key), 'must not be empty');
		if (opts.oneOf && !opts.oneOf.includes(value)) {
			throw invalidParams(
				this.path(key),
				`must be one of ${opts.oneOf.join(', ')}, got "${value}"`,
			);
		}
		if (opts.maxChars !== undefined && countChars(value) > opts.maxChars) {
			throw invalidParams(this.path(key), `must be at most ${opts.maxChars} characters`);
		}
		return value;
	}

	number(
		key: string,
		opts: {
			required?: boolean;
			min?: number;
			max?: number;
			minExclusive?: boolean;
			integer?: boolean;
			oneOf?: readonly number[];
		} = {},
	): number | undefined {
		if (!this.has(key)) {
			if (opts.required) throw invalidParams(this.path(key), 'is required');
			return undefined;
		}
		const value = this.source[key];
		if (typeof value !== 'number' || !Number.isFinite(value))
			throw mismatch(this.path(key), opts.integer ? 'integer' : 'number', value);
		if (opts.integer && !Number.isInteger(value))
			throw invalidParams(this.path(key), `must be an integer, got ${value}`);
		if (opts.oneOf && !opts.oneOf.includes(value)) {
			throw invalidParams(this.path(key), `must be one of ${opts.oneOf.join(', ')}, got ${value}`);
		}
		const { min, max } = opts;
		const belowMin = min !== undefined && (opts.minExclusive ? value <= min : value < min);
		if (belowMin || (max !== undefined && value > max)) {
			throw invalidParams(
				this.path(key),
				`${describeRange(min, max, opts.minExclusive)}, got ${value}`,
			);
		}
		return value;
	}

	boolean(key: string): boolean | undefined {
		if (!this.has(key)) return undefined;
		const value = this.source[key];
		if (typeof value !== 'boolean') throw mismatch(this.path(key), 'boolean', value);
		return value;
	}

	array(key: string, opts: { minItems?: number; maxItems?: number } = {}): unknown[] | undefined {
		if (!this.has(key)) return undefined;
		const value = this.source[key];
		if (!Array.isArray(value)) throw mismatch(this.path(key), 'array', value);
		if (opts.minItems !== undefined && value.length < opts.minItems) {
			throw invalidParams(this.path(key), `must contain at least ${opts.minItems} item(s)`);
		}
		if (opts.maxItems !== undefined && value.length > opts.maxItems) {
			throw invalidParams(this.path(key), `must contain at most ${opts.maxItems} items`);
		}
		return value;
	}
}

/** Characters as MiniMax counts them: Unicode code points. */
export function countChars(text: string): number {
	let n = 0;
	for (let i = 0; i < text.length; i++) {
		const code = text.charCodeAt(i);
		if (code < 0xdc00 || code > 0xdfff) n++;
	}
	return n;
}

function describeRange(
	min: number | undefined,
	max: number | undefined,
	minExclusive?: boolean,
): string {
	if (min !== undefined && max !== undefined)
		return `must be in range ${minExclusive ? '(' : '['}${min}, ${max}]`;
	if (min !== undefined) return `must be ${minExclusive ? 'greater than' : 'at least'} ${min}`;
	return `must be at most ${max}`;
}
