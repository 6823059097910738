import { NodeApiError } from 'n8n-workflow';
import type { INode, JsonObject } from 'n8n-workflow';

import { messageHint } from './messageHints';

/** MiniMax business codes (docs/minimax-api.md §12) with a plain-language hint for each. */
export const ERROR_HINTS: Record<number, string> = {
	1000: 'MiniMax had an unknown error. It is usually temporary: try again in a moment. If it persists, send the trace ID to MiniMax support.',
	1001: 'MiniMax timed out while handling the request. Try again; for long texts use the long-text (async) operation.',
	1002: 'Rate limit reached (requests per minute). Lower the node concurrency or space out the calls.',
	1004: 'Authentication failed. Check the API key, make sure the credential region matches where the key was issued (platform.minimax.io → Global, platform.minimaxi.com → China) and clear the Group ID if one is set.',
	1008: 'Insufficient balance on the MiniMax account. Top up the account, then retry.',
	1013: 'MiniMax internal service error. Try again in a moment.',
	1024: 'MiniMax internal error. Try again in a moment.',
	1026: 'The input was flagged by MiniMax content moderation. Change the text or prompt.',
	1027: 'The generated output was flagged by MiniMax content moderation. Change the text or prompt.',
	1028: 'Quota exhausted for this key (Token Plan). Wait for the quota window to reset.',
	1030: 'Quota exhausted for this key (Token Plan). Wait for the quota window to reset.',
	1033: 'MiniMax system error. Try again in a moment.',
	1039: 'Token rate limit reached (tokens per minute). Lower the concurrency or shorten the inputs.',
	1041: 'Too many concurrent requests for this account. Lower the node concurrency.',
	1042: 'More than 10% of the text is invisible or illegal characters. Clean the text before sending it.',
	1043: 'Voice cloning: the audio does not match the expected transcript closely enough. Lower the accuracy or check the transcript.',
	1044: 'Voice cloning: the prompt audio similarity check failed. Use a cleaner prompt sample.',
	2013: 'MiniMax rejected a parameter. The message names it; check its type and allowed range.',
	20132: 'Invalid samples or voice ID.',
	2037: 'Voice cloning: the source audio is too short or too long (10 s to 5 min).',
	2038: 'This account may not clone voices yet: MiniMax requires real-name verification first.',
	2039: 'That voice ID is already taken. Choose another voice ID (IDs of deleted voices cannot be reused either).',
	2042: 'This key has no access to that voice ID (it belongs to another account).',
	2045: 'Requests grew too fast (rate growth limit). Smooth the traffic: lower the concurrency.',
	2048: 'Voice cloning: the prompt audio is too long (it must be under 8 s).',
	2049: 'Invalid API key. Keys from platform.minimax.io only work with Region "Global", keys from platform.minimaxi.com only with "China". Check the key and the credential region.',
	2054: 'That voice ID does not exist. Pick a voice from the list, or check the ID of your cloned or designed voice (unused cloned voices are deleted after 7 days).',
	2056: 'Usage limit reached for the current 5-hour window. Wait for the next window.',
	2061: 'This model is not available on your Token Plan.',
};

/** Codes that say MiniMax did not do the work and the same request may succeed later. */
export const TRANSIENT_CODES = new Set([1000, 1001, 1002, 1024, 1033, 1039, 1041, 2045]);

/** Codes that prove the request was refused before any job was created (rate limits). */
export const RATE_LIMIT_CODES = new Set([1002, 1039, 1041, 2045]);

export interface MiniMaxErrorDetails {
	code?: number;
	message: string;
	traceId?: string;
	httpStatus?: number;
	itemIndex?: number;
	/** Extra sentence appended to the description, e.g. the task ID to resume with. */
	note?: string;
}

export function describeMiniMaxError(details: MiniMaxErrorDetails): string {
	const parts: string[] = [];
	const specific = messageHint(details.code, details.message);
	if (specific) parts.push(specific);
	else if (details.code !== undefined && ERROR_HINTS[details.code])
		parts.push(ERROR_HINTS[details.code]);
	if (details.note) parts.push(details.note);
	const ids: string[] = [];
	if (details.code !== undefined) ids.push(`MiniMax code ${details.code}`);
	if (details.httpStatus !== undefined && details.httpStatus !== 200)
		ids.push(`HTTP ${details.httpStatus}`);
	if (details.traceId) ids.push(`trace ID ${details.traceId}`);
	if (ids.length) parts.push(`(${ids.join(', ')})`);
	return parts.join(' ');
}

export function miniMaxApiError(node: INode, details: MiniMaxErrorDetails): NodeApiError {
	const body: JsonObject = {
		message: details.message,
		...(details.code !== undefined ? { minimaxCode: details.code } : {}),
		...(details.traceId ? { traceId: details.traceId } : {}),
	};
	const codeSuffix = details.code !== undefined ? ` (${details.code})` : '';
	const error = new NodeApiError(node, body, {
		message: `MiniMax: ${details.message}${codeSuffix}`,
		description: describeMiniMaxError(details),
		httpCode: details.httpStatus !== undefined ? String(details.httpStatus) : undefined,
		itemIndex: details.itemIndex,
	});
	return error;
}
