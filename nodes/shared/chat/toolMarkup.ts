import { partialTagLength } from './tags';

/**
 * MiniMax models sometimes write their tool calls into the reply text instead of `tool_calls`
 * (docs/minimax-api.md §17.4):
 *
 *   <minimax:tool_call>
 *   <invoke name="get_weather">
 *   <parameter name="city">Paris</parameter>
 *   </invoke>
 *   </minimax:tool_call>
 *
 * One block may hold several `<invoke>`s; each becomes one call.
 */

const OPEN = '<minimax:tool_call>';
const CLOSE = '</minimax:tool_call>';

export interface MarkupToolCall {
	name: string;
	/** The parameters as a JSON object text. */
	arguments: string;
}

/** JSON Schema type of a tool parameter, when the tool definition names one. */
export type ParameterType = (tool: string, parameter: string) => string | undefined;

/**
 * Parses the inside of `<minimax:tool_call>` blocks. A parameter value is kept as a string when
 * the tool's schema says `string`; otherwise it is read as JSON when it is valid JSON (numbers,
 * booleans, objects, arrays), else kept as the text.
 */
export function parseInvokes(markup: string, typeOf?: ParameterType): MarkupToolCall[] {
	const calls: MarkupToolCall[] = [];
	for (const invoke of markup.matchAll(
		/<invoke\s+name\s*=\s*["']([^"']+)["']\s*>([\s\S]*?)(?:<\/invoke>|$)/gi,
	)) {
		const name = invoke[1].trim();
		const args: Record<string, unknown> = {};
		for (const parameter of invoke[2].matchAll(
			/<parameter\s+name\s*=\s*["']([^"']+)["']\s*>([\s\S]*?)<\/parameter>/gi,
		)) {
			const key = parameter[1].trim();
			args[key] = parameterValue(
				parameter[2].replace(/^\r?\n/, '').replace(/\r?\n$/, ''),
				typeOf?.(name, key),
			);
		}
		calls.push({ name, arguments: JSON.stringify(args) });
	}
	return calls;
}

function parameterValue(raw: string, type: string | undefined): unknown {
	if (type === 'string') return raw;
	const text = raw.trim();
	if (type === undefined && !/^[[{\d"-]|^(true|false|null)$/.test(text)) return raw;
	try {
		return JSON.parse(text);
	} catch {
		return raw;
	}
}

export interface MarkupSplit {
	/** The text without the tool-call blocks. */
	text: string;
	calls: MarkupToolCall[];
}

/**
 * Separates tool-call markup from text that may arrive in pieces: `push(delta)` returns the text
 * that is settled (a possible start of `<minimax:tool_call>` is held back), `finish()` the rest and
 * every call found. An unclosed block at the end is parsed as far as it goes.
 */
export class ToolMarkupFilter {
	private buffer = '';
	private inside = false;
	private markup = '';
	private found = false;

	constructor(private readonly typeOf?: ParameterType) {}

	push(delta: string): string {
		this.buffer += delta;
		let text = '';
		for (;;) {
			const tag = this.inside ? CLOSE : OPEN;
			const at = this.buffer.toLowerCase().indexOf(tag);
			if (at >= 0) {
				if (this.inside) this.markup += `${this.buffer.slice(0, at)}\n`;
				else text += this.buffer.slice(0, at);
				this.buffer = this.buffer.slice(at + tag.length);
				this.inside = !this.inside;
				this.found = true;
				continue;
			}
			const keep = partialTagLength(this.buffer, [tag]);
			const ready = this.buffer.slice(0, this.buffer.length - keep);
			this.buffer = this.buffer.slice(this.buffer.length - keep);
			if (this.inside) this.markup += ready;
			else text += ready;
			return text;
		}
	}

	finish(): MarkupSplit {
		const rest = this.buffer;
		this.buffer = '';
		if (this.inside) this.markup += rest;
		const calls = this.found ? parseInvokes(this.markup, this.typeOf) : [];
		return { text: this.inside ? '' : rest, calls };
	}
}

/** Tool-call markup taken out of a whole reply text; the text is trimmed when markup was found. */
export function splitToolMarkup(content: string, typeOf?: ParameterType): MarkupSplit {
	const filter = new ToolMarkupFilter(typeOf);
	const text = filter.push(content);
	const end = filter.finish();
	const whole = text + end.text;
	return { text: end.calls.length ? whole.trim() : whole, calls: end.calls };
}

/** Looks up parameter types in OpenAI-style tool definitions. */
export function parameterTypes(
	tools: Array<{ function: { name: string; parameters?: unknown } }> | undefined,
): ParameterType {
	return (tool, parameter) => {
		const definition = tools?.find((entry) => entry.function.name === tool);
		const properties = (
			definition?.function.parameters as
				| { properties?: Record<string, { type?: unknown }> }
				| undefined
		)?.properties;
		const type = properties?.[parameter]?.type;
		return typeof type === 'string' ? type : undefined;
	};
}
