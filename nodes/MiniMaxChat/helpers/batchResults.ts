import type { IDataObject } from 'n8n-workflow';

import { normalizeReply } from '../../shared/chat/normalize';
import type { WireResponse } from '../../shared/chat/wire';
import { readReply, toolCallsJson } from './reply';
import type { ReasoningMode } from './settings';

/** One request's outcome from a batch output or error file (docs/minimax-api.md §17.6). */
export interface BatchLineResult {
	customId: string;
	/** The completion when the request succeeded. */
	response?: WireResponse;
	/** Why the request failed: MiniMax's code (number or text such as "batch_expired"), message, HTTP status. */
	error?: { code?: number | string; message: string; httpStatus?: number };
}

/**
 * Parses a JSONL result file: lines `{custom_id, response: {status_code, body}}` or
 * `{custom_id, error: {code, message}}` (OpenAI-style; both may appear in either file). A response
 * with HTTP ≥ 400, a non-zero `base_resp` or no choices is a failure. Lines that cannot be read are
 * returned in `problems` ("line 3: not valid JSON").
 */
export function parseResultFile(text: string): { results: BatchLineResult[]; problems: string[] } {
	const results: BatchLineResult[] = [];
	const problems: string[] = [];
	text.split('\n').forEach((raw, index) => {
		const row = raw.trim();
		if (!row) return;
		let line: IDataObject;
		try {
			line = JSON.parse(row) as IDataObject;
		} catch {
			problems.push(`line ${index + 1}: not valid JSON`);
			return;
		}
		const customId = line?.custom_id;
		if (typeof customId !== 'string' && typeof customId !== 'number') {
			problems.push(`line ${index + 1}: no custom_id`);
			return;
		}
		results.push({ customId: String(customId), ...lineOutcome(line) });
	});
	return { results, problems };
}

function lineOutcome(line: IDataObject): Omit<BatchLineResult, 'customId'> {
	const error = line.error;
	if (error !== undefined && error !== null && error !== '') {
		if (typeof error === 'string') return { error: { message: error } };
		const typed = error as IDataObject;
		return {
			error: {
				code:
					typeof typed.code === 'number' || typeof typed.code === 'string' ? typed.code : undefined,
				message: String(typed.message ?? 'MiniMax reported an error for this request'),
			},
		};
	}
	const response = (line.response ?? undefined) as IDataObject | undefined;
	if (!response)
		return { error: { message: 'The result line has neither a response nor an error' } };
	const status = Number(response.status_code ?? 200);
	const body = (response.body ?? {}) as IDataObject;
	const baseResp = (body.base_resp ?? {}) as IDataObject;
	const code = Number(baseResp.status_code ?? 0);
	const bodyError = (typeof body.error === 'object' ? body.error : {}) as IDataObject;
	const message =
		(baseResp.status_msg as string | undefined) ||
		(bodyError.message as string | undefined) ||
		(typeof body.error === 'string' ? body.error : undefined) ||
		(body.message as string | undefined);
	if (status >= 400 || code !== 0) {
		return {
			error: {
				code: code || (bodyError.code as number | string | undefined),
				message: message || `HTTP ${status}`,
				httpStatus: status,
			},
		};
	}
	const choices = (body as WireResponse).choices;
	if (!Array.isArray(choices) || !choices[0]?.message)
		return { error: { message: 'MiniMax returned no reply (the response has no choices)' } };
	return { response: body as WireResponse };
}

/** Result order: numeric custom_ids (the item indexes Create Batch used) by number, others by text. */
export function compareCustomIds(a: string, b: string): number {
	const numeric = /^\d+$/;
	if (numeric.test(a) && numeric.test(b)) return Number(a) - Number(b);
	return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The JSON of one request's result: like Message a Model's output (text, reasoning handled by
 * `mode`, tool calls, finish reason, usage, message) or `error`, with `customId` and `succeeded`.
 */
export function resultJson(result: BatchLineResult, mode: ReasoningMode): IDataObject {
	if (!result.response) {
		const json: IDataObject = { customId: result.customId, succeeded: false };
		const error: IDataObject = { message: result.error?.message ?? 'No result' };
		if (result.error?.code !== undefined) error.code = result.error.code;
		if (result.error?.httpStatus !== undefined) error.httpStatus = result.error.httpStatus;
		json.error = error;
		return json;
	}
	const reply = readReply(normalizeReply(result.response), mode);
	const json: IDataObject = { customId: result.customId, succeeded: true, text: reply.text };
	if (reply.reasoning) json.reasoning = reply.reasoning;
	if (reply.toolCalls.length) json.toolCalls = toolCallsJson(reply.toolCalls);
	json.finishReason = reply.finishReason;
	if (reply.finishReason === 'length') json.truncated = true;
	if (reply.unclosedReasoning && !reply.answer && !reply.toolCalls.length)
		json.noAnswer = 'The reply opened a reasoning block and never closed it, so it has no answer';
	if (reply.usage) json.usage = reply.usage as IDataObject;
	json.model = reply.model;
	json.id = reply.id;
	json.message = reply.message;
	if (reply.outputSensitive) json.outputSensitive = true;
	for (const key of Object.keys(json)) if (json[key] === undefined) delete json[key];
	return json;
}
