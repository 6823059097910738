/**
 * Tool-call `arguments` sent back in the history must be a JSON object text: MiniMax refuses
 * anything else with 2013 "invalid function arguments json string" (docs/minimax-api.md §17.4). Models and
 * other tools sometimes produce JavaScript-style objects instead. This repairs the unambiguous
 * cases and reports the rest.
 */

export type ArgumentsRepair =
	| { ok: true; json: string; repaired: boolean }
	| { ok: false; problem: string };

/**
 * Returns `arguments` as compact JSON of an object. Repaired: empty text (→ `{}`), unquoted keys
 * (`{path: "foo.txt"}`), single-quoted strings, trailing commas, and a JSON object encoded twice
 * as a string. Anything else (not an object, unbalanced, unquoted values) is not guessed at.
 */
export function repairToolArguments(text: string): ArgumentsRepair {
	const trimmed = text.trim();
	if (!trimmed) return { ok: true, json: '{}', repaired: text !== '{}' };
	const direct = parseObject(trimmed);
	if (direct.kind === 'object') return { ok: true, json: trimmed, repaired: false };
	if (direct.kind === 'string') {
		const inner = parseObject(direct.value.trim());
		if (inner.kind === 'object')
			return { ok: true, json: JSON.stringify(inner.value), repaired: true };
	}
	if (direct.kind === 'other') return { ok: false, problem: 'it is JSON but not an object' };
	const converted = relaxedToJson(trimmed);
	if (converted !== undefined) {
		const parsed = parseObject(converted);
		if (parsed.kind === 'object')
			return { ok: true, json: JSON.stringify(parsed.value), repaired: true };
	}
	return { ok: false, problem: `it is not valid JSON (${excerpt(trimmed)})` };
}

type Parsed =
	| { kind: 'object'; value: object }
	| { kind: 'string'; value: string }
	| { kind: 'other' }
	| { kind: 'invalid' };

function parseObject(text: string): Parsed {
	try {
		const value: unknown = JSON.parse(text);
		if (typeof value === 'string') return { kind: 'string', value };
		if (typeof value === 'object' && value !== null && !Array.isArray(value))
			return { kind: 'object', value };
		return { kind: 'other' };
	} catch {
		return { kind: 'invalid' };
	}
}

/**
 * Rewrites a JavaScript-style object literal as JSON: identifier keys get quotes, single-quoted
 * strings become double-quoted, commas before `}`/`]` go. Returns undefined for anything it does not
 * understand (comments, unquoted values, functions), so the caller reports instead of guessing.
 */
function relaxedToJson(text: string): string | undefined {
	let out = '';
	let i = 0;
	const expectKey: boolean[] = [];
	while (i < text.length) {
		const char = text[i];
		if (char === '"' || char === "'") {
			const end = stringEnd(text, i, char);
			if (end < 0) return undefined;
			const body = text.slice(i + 1, end);
			const value = char === '"' ? body : body.replace(/\\'/g, "'").replace(/"/g, '\\"');
			out += `"${value}"`;
			i = end + 1;
			continue;
		}
		if (char === '{' || char === '[') {
			expectKey.push(char === '{');
			out += char;
			i++;
			continue;
		}
		if (char === '}' || char === ']') {
			expectKey.pop();
			out = out.replace(/,\s*$/, '');
			out += char;
			i++;
			continue;
		}
		if (/[A-Za-z_$]/.test(char)) {
			const word = /^[A-Za-z_$][\w$]*/.exec(text.slice(i))![0];
			const after = text.slice(i + word.length).trimStart();
			if (expectKey[expectKey.length - 1] && after.startsWith(':')) out += `"${word}"`;
			else if (['true', 'false', 'null'].includes(word)) out += word;
			else return undefined;
			i += word.length;
			continue;
		}
		if (char === '/') return undefined;
		out += char;
		i++;
	}
	return out;
}

function stringEnd(text: string, start: number, quote: string): number {
	for (let i = start + 1; i < text.length; i++) {
		if (text[i] === '\\') i++;
		else if (text[i] === quote) return i;
	}
	return -1;
}

function excerpt(text: string): string {
	return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}
