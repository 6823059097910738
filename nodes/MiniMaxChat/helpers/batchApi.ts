import { NodeApiError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { miniMaxApiError } from '../../shared/transport/errors';
import { miniMaxRequest, type MiniMaxRequest } from '../../shared/transport/request';
import type { InputValidator } from '../../shared/validation';

/** The endpoint every batch line calls (docs/minimax-api.md §17.6): the native chat API. */
export const BATCH_ENDPOINT = '/v1/text/chatcompletion_v2';
export const MAX_BATCH_REQUESTS = 50_000;
export const MAX_BATCH_FILE_BYTES = 100 * 1024 * 1024;

/** Statuses after which a batch changes no more. */
export const FINISHED_STATUSES = ['completed', 'failed', 'expired', 'cancelled'];

/** A batch object as MiniMax returns it (§17.6, OpenAI-style). */
export interface BatchObject extends IDataObject {
	id?: string;
	status?: string;
	input_file_id?: number | string;
	output_file_id?: number | string | null;
	error_file_id?: number | string | null;
	request_counts?: { total?: number; completed?: number; failed?: number };
	errors?: IDataObject | null;
}

export const batchIdProperty: INodeProperties = {
	displayName: 'Batch ID',
	name: 'batchId',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. batch_abc123',
	description:
		'The batch ID: the "batchId" field of the items Create Batch returned (use an expression on that field)',
};

/** The Batch ID parameter of an item, checked (no slash or space: it goes into the URL path). */
export function readBatchId(
	ctx: IExecuteFunctions,
	check: InputValidator,
	itemIndex: number,
): string {
	const id = check.id('Batch ID', ctx.getNodeParameter('batchId', itemIndex, ''), { max: 200 });
	if (!/^[A-Za-z0-9_.:-]+$/.test(id))
		check.fail(
			'Batch ID',
			`"${id}" is not a batch ID (letters, digits, "_", "-", "." and ":" only)`,
		);
	return id;
}

/**
 * A request to `/v1/batches…` through the shared transport. An HTTP 404 or a "not supported"
 * answer becomes an error saying that this host or account does not offer batches (the route is
 * not confirmed on current MiniMax hosts); `note` is added to every error (e.g. the uploaded
 * input file's ID).
 */
export async function batchRequest(
	ctx: IExecuteFunctions,
	request: MiniMaxRequest,
	note?: string,
): Promise<{ body: BatchObject & IDataObject; traceId?: string }> {
	try {
		const { body, traceId } = await miniMaxRequest.call(ctx, request);
		return { body: body as BatchObject, traceId };
	} catch (error) {
		throw batchError(ctx, error as Error, request, note);
	}
}

function batchError(
	ctx: IExecuteFunctions,
	error: Error,
	request: MiniMaxRequest,
	note?: string,
): Error {
	const api = error instanceof NodeApiError ? error : undefined;
	const notOffered =
		api !== undefined &&
		(api.httpCode === '404' || /not\s+(be\s+)?(supported|support)|unsupported/i.test(api.message));
	if (notOffered) {
		// MiniMax's own words only: not the generic hint for its code, not a bare "HTTP 404".
		const said = api.message.replace(/^MiniMax:\s*/, '').trim();
		const original = /^HTTP \d+\.?$/.test(said) ? '' : `MiniMax said: "${said}".`;
		const traceId = /trace ID ([^\s),]+)/.exec(api.description ?? '')?.[1];
		return miniMaxApiError(ctx.getNode(), {
			traceId,
			message: `Chat batches are not offered on this host or account (${request.method} ${request.path} answered ${api.httpCode === '404' ? 'HTTP 404' : '"not supported"'})`,
			httpStatus: api.httpCode ? Number(api.httpCode) : undefined,
			itemIndex: request.itemIndex,
			note: [
				"MiniMax's Batch API is not confirmed on every host. Check the credential's region (global or China); otherwise use Message a Model (one request per item).",
				note,
				original,
			]
				.filter(Boolean)
				.join(' '),
		});
	}
	if (note) {
		const described = error as Error & { description?: string | null };
		described.description = [described.description, note].filter(Boolean).join(' ');
	}
	return error;
}

/** GET /v1/batches/{id}. */
export async function getBatch(
	ctx: IExecuteFunctions,
	itemIndex: number,
	batchId: string,
): Promise<{ batch: BatchObject; traceId?: string }> {
	const { body, traceId } = await batchRequest(ctx, {
		method: 'GET',
		path: `/v1/batches/${encodeURIComponent(batchId)}`,
		itemIndex,
	});
	return { batch: body, traceId };
}

/** A file ID field of a batch object, or undefined when it names no file (null, "", 0). */
export function fileIdOf(value: unknown): string | undefined {
	if (value === undefined || value === null || value === '' || value === 0) return undefined;
	return String(value);
}

/** The JSON of a batch item: the batch object (without the envelope) plus batchId and finished. */
export function batchJson(batch: BatchObject, traceId?: string): IDataObject {
	const json: IDataObject = { batchId: batch.id, ...batch };
	// File IDs as text, like the Files node (MiniMax sends them as JSON numbers).
	for (const field of ['input_file_id', 'output_file_id', 'error_file_id'] as const) {
		const id = fileIdOf(batch[field]);
		if (id !== undefined) json[field] = id;
	}
	delete json.base_resp;
	delete json.trace_id;
	json.finished = FINISHED_STATUSES.includes(String(batch.status));
	if (traceId) json.traceId = traceId;
	return json;
}
