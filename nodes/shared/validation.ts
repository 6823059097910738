import { NodeOperationError } from 'n8n-workflow';
import type { INode } from 'n8n-workflow';

/**
 * Input checks that run before any paid call. Every message names the parameter as the user
 * sees it in the node panel, and the item.
 */
export class InputValidator {
	constructor(
		private readonly node: INode,
		private readonly itemIndex: number,
	) {}

	fail(parameter: string, problem: string, description?: string): never {
		throw new NodeOperationError(
			this.node,
			`Invalid "${parameter}" for item ${this.itemIndex}: ${problem}`,
			{ itemIndex: this.itemIndex, description },
		);
	}

	text(parameter: string, value: unknown, limits: { min?: number; max?: number }): string {
		if (typeof value !== 'string') this.fail(parameter, `expected text, got ${typeName(value)}`);
		const length = [...value].length;
		const min = limits.min ?? 0;
		if (length < min || (min > 0 && value.trim() === '')) {
			this.fail(
				parameter,
				min <= 1 ? 'it is empty' : `it must have at least ${min} characters (got ${length})`,
			);
		}
		if (limits.max !== undefined && length > limits.max) {
			this.fail(
				parameter,
				`it has ${length.toLocaleString('en-US')} characters, the maximum is ${limits.max.toLocaleString('en-US')}`,
			);
		}
		return value;
	}

	/**
	 * An ID parameter (task, file, batch, voice… IDs), trimmed. Text or a whole number (a JSON
	 * number from an expression) is accepted; an expression that gave undefined, null, a list or an
	 * object is refused here instead of reaching MiniMax as "undefined", "null" or "a,b".
	 */
	id(parameter: string, value: unknown, limits: { max?: number } = {}): string {
		if (value === undefined || value === null)
			this.fail(parameter, `it is empty (the expression gave ${String(value)})`);
		if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0)
			return this.text(parameter, String(value), { min: 1, max: limits.max });
		if (typeof value !== 'string') this.fail(parameter, `expected an ID, got ${typeName(value)}`);
		return this.text(parameter, value.trim(), { min: 1, max: limits.max });
	}

	/**
	 * A text parameter that may come from an expression: numbers and booleans become their text,
	 * undefined and null become "", objects and lists are refused ("expected text, got an object").
	 */
	textFrom(parameter: string, value: unknown): string {
		if (value === undefined || value === null) return '';
		if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
			return String(value);
		if (typeof value !== 'string') this.fail(parameter, `expected text, got ${typeName(value)}`);
		return value;
	}

	number(
		parameter: string,
		value: unknown,
		limits: { min?: number; max?: number; minExclusive?: boolean; integer?: boolean },
	): number {
		const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
		if (typeof number !== 'number' || Number.isNaN(number)) {
			this.fail(parameter, `expected a number, got ${typeName(value)}`);
		}
		if (limits.integer && !Number.isInteger(number))
			this.fail(parameter, `it must be a whole number (got ${number})`);
		const belowMin =
			limits.min !== undefined &&
			(limits.minExclusive ? number <= limits.min : number < limits.min);
		const aboveMax = limits.max !== undefined && number > limits.max;
		if (belowMin || aboveMax) {
			const lower =
				limits.min === undefined
					? ''
					: limits.minExclusive
						? `greater than ${limits.min}`
						: `at least ${limits.min}`;
			const upper = limits.max === undefined ? '' : `at most ${limits.max}`;
			this.fail(
				parameter,
				`it must be ${[lower, upper].filter(Boolean).join(' and ')} (got ${number})`,
			);
		}
		return number;
	}

	/**
	 * A yes/no option, also when an expression gives text: true/false, "true"/"false" (any case,
	 * spaces trimmed); empty, null or undefined = `fallback`. Anything else fails, naming the value,
	 * instead of silently reading as off.
	 */
	boolean(parameter: string, value: unknown, fallback = false): boolean {
		if (typeof value === 'boolean') return value;
		if (value === undefined || value === null) return fallback;
		if (typeof value === 'string') {
			const text = value.trim().toLowerCase();
			if (text === '') return fallback;
			if (text === 'true') return true;
			if (text === 'false') return false;
		}
		return this.fail(parameter, `expected true or false, got ${typeName(value)}`);
	}

	/**
	 * An http(s) URL the user gives (trimmed). An expression that resolves to nothing (null,
	 * undefined, empty text) is reported as an empty URL, not as the text "null".
	 */
	httpUrl(parameter: string, value: unknown): string {
		if (value === undefined || value === null || String(value).trim() === '') {
			const got = value === undefined || value === null ? ` (the value is ${String(value)})` : '';
			this.fail(parameter, `it is empty${got}; give an http(s) URL`);
		}
		const url = String(value).trim();
		if (!/^https?:\/\/\S+$/i.test(url)) this.fail(parameter, `"${url}" is not an http(s) URL`);
		return url;
	}

	oneOf<T extends string | number>(
		parameter: string,
		value: unknown,
		allowed: readonly T[],
		why?: string,
	): T {
		if (!allowed.includes(value as T)) {
			this.fail(
				parameter,
				`"${String(value)}" is not allowed${why ? ` ${why}` : ''}. Allowed: ${allowed.join(', ')}`,
			);
		}
		return value as T;
	}

	/** Rules MiniMax applies to voice IDs the user chooses (clone, design). */
	customVoiceId(parameter: string, value: unknown): string {
		const id = this.text(parameter, value, { min: 8, max: 256 });
		if (!/^[A-Za-z]/.test(id)) this.fail(parameter, `"${id}" must start with a letter`);
		if (!/^[A-Za-z0-9_-]+$/.test(id))
			this.fail(parameter, `"${id}" may only contain letters, digits, "-" and "_"`);
		if (/[-_]$/.test(id)) this.fail(parameter, `"${id}" must not end with "-" or "_"`);
		return id;
	}

	json(parameter: string, value: unknown): unknown {
		if (typeof value !== 'string') return value;
		try {
			return JSON.parse(value);
		} catch (error) {
			return this.fail(parameter, `it is not valid JSON (${(error as Error).message})`);
		}
	}
}

function typeName(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'a list';
	return typeof value === 'object' ? 'an object' : `${typeof value} "${String(value)}"`;
}
