import { parameterTypes, splitToolMarkup } from './toolMarkup';
import type { WireResponse, WireTool, WireToolCall } from './wire';

/**
 * The reply as the OpenAI-compatible reference page describes it, whatever form MiniMax used:
 * tool calls written as `<minimax:tool_call>` markup in `content` (docs/minimax-api.md §17.4) become
 * `tool_calls` (after any native ones), the markup leaves the text, and the finish reason becomes
 * `tool_calls`. Call ids are `call_<reply id>_<n>`. Other replies are returned unchanged.
 */
export function normalizeReply(response: WireResponse, tools?: WireTool[]): WireResponse {
	const choice = response.choices?.[0];
	const message = choice?.message;
	if (
		!choice ||
		!message ||
		typeof message.content !== 'string' ||
		!/<minimax:tool_call>/i.test(message.content)
	)
		return response;
	const split = splitToolMarkup(message.content, parameterTypes(tools));
	if (!split.calls.length) return response;
	const existing = Array.isArray(message.tool_calls) ? message.tool_calls : [];
	const added: WireToolCall[] = split.calls.map((call, index) => ({
		id: `call_${response.id ?? 'minimax'}_${existing.length + index + 1}`,
		type: 'function',
		function: { name: call.name, arguments: call.arguments },
	}));
	return {
		...response,
		choices: [
			{
				...choice,
				finish_reason: 'tool_calls',
				message: { ...message, content: split.text, tool_calls: [...existing, ...added] },
			},
			...(response.choices ?? []).slice(1),
		],
	};
}
