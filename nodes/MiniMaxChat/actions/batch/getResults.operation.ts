import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { retrieveFile } from '../../../shared/files/retrieve';
import { asNodeError, errorItem } from '../../../shared/items';
import { forAllItems } from '../../../shared/router';
import { FILE_CONTENT_TIMEOUT_MS } from '../../../shared/transport/consts';
import { fetchSignedUrlBuffer } from '../../../shared/transport/download';
import { miniMaxApiError } from '../../../shared/transport/errors';
import { miniMaxRequest, readStreamText } from '../../../shared/transport/request';
import { InputValidator } from '../../../shared/validation';
import {
	batchIdProperty,
	fileIdOf,
	FINISHED_STATUSES,
	getBatch,
	MAX_BATCH_REQUESTS,
	readBatchId,
	type BatchObject,
} from '../../helpers/batchApi';
import {
	compareCustomIds,
	parseResultFile,
	resultJson,
	type BatchLineResult,
} from '../../helpers/batchResults';
import { chatOptions } from '../../helpers/chatOptions';
import type { ReasoningMode } from '../../helpers/settings';

const reasoningOption = chatOptions.find((option) => option.name === 'reasoning')!;

const properties: INodeProperties[] = [
	batchIdProperty,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [reasoningOption],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['batch'], operation: ['getResults'] } },
	properties,
);

/**
 * Get Batch Results (docs/minimax-api.md §17.6, §10): for each distinct Batch ID among the input
 * items, `GET /v1/batches/{id}`, then its output and error files through the Files API (signed
 * link fetched without the API key, or files/retrieve_content). One item per request, ordered by
 * custom_id (result files are not in input order) and paired to the input item that Create Batch
 * made for it (its `customId` field), else to the first item with that Batch ID. Requests the
 * batch never ran (cancelled, expired) get an item with an error. A batch that has not finished
 * is an error naming its status and progress; nothing is downloaded then.
 */
export const execute = forAllItems(async function (this: IExecuteFunctions) {
	const items = this.getInputData();
	const continueOnFail = this.continueOnFail();
	const groups = new Map<string, number[]>();
	const output: Array<{ order: number; item: INodeExecutionData }> = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const batchId = readBatchId(this, new InputValidator(this.getNode(), itemIndex), itemIndex);
			groups.set(batchId, [...(groups.get(batchId) ?? []), itemIndex]);
		} catch (error) {
			if (!continueOnFail) throw asNodeError(this, error);
			output.push({ order: itemIndex, item: errorItem(error as Error, itemIndex) });
		}
	}
	for (const [batchId, indexes] of groups) {
		try {
			const produced = await batchResults(this, batchId, indexes);
			output.push(...produced.map((item) => ({ order: indexes[0], item })));
		} catch (error) {
			if (!continueOnFail) throw asNodeError(this, error);
			for (const itemIndex of indexes)
				output.push({ order: itemIndex, item: errorItem(error as Error, itemIndex) });
		}
	}
	// Stable: groups in the order of their first item, results in custom_id order within a group.
	return output.sort((a, b) => a.order - b.order).map(({ item }) => item);
});

async function batchResults(
	ctx: IExecuteFunctions,
	batchId: string,
	indexes: number[],
): Promise<INodeExecutionData[]> {
	const anchor = indexes[0];
	const mode = readReasoning(ctx, anchor);
	const { batch, traceId } = await getBatch(ctx, anchor, batchId);
	const status = String(batch.status ?? '');
	if (!FINISHED_STATUSES.includes(status)) throw notFinished(ctx, batch, anchor, traceId);

	const results: BatchLineResult[] = [];
	for (const [field, what] of [
		['output_file_id', 'output file'],
		['error_file_id', 'error file'],
	] as const) {
		const fileId = fileIdOf(batch[field]);
		if (!fileId) continue;
		const text = await downloadText(ctx, anchor, fileId, `the batch ${what} ${fileId}`);
		const parsed = parseResultFile(text);
		if (parsed.problems.length) {
			throw new NodeOperationError(
				ctx.getNode(),
				`The ${what} of batch ${batchId} (file ${fileId}) has unreadable lines: ${parsed.problems.slice(0, 3).join('; ')}`,
				{ itemIndex: anchor, description: 'Run Get Batch Results again to download it again.' },
			);
		}
		results.push(...parsed.results);
	}
	if (status === 'failed' && !results.length) {
		const reason = firstBatchError(batch);
		throw miniMaxApiError(ctx.getNode(), {
			message: `Batch ${batchId} failed${reason ? `: ${reason}` : ''}`,
			traceId,
			itemIndex: anchor,
			note: `Input file ID ${String(batch.input_file_id ?? '?')}: fix it and create the batch again.`,
		});
	}

	const byCustomId = new Map<string, number>();
	for (const itemIndex of indexes) {
		const customId = ctx.getInputData()[itemIndex]?.json?.customId;
		if (typeof customId === 'string' || typeof customId === 'number')
			byCustomId.set(String(customId), itemIndex);
	}
	const seen = new Set(results.map((result) => result.customId));
	for (const customId of expectedCustomIds(batch, results, byCustomId)) {
		if (seen.has(customId)) continue;
		seen.add(customId);
		const ran = status === 'completed' || status === 'failed';
		results.push({
			customId,
			error: ran
				? {
						code: 'missing',
						message: `No result: batch ${batchId} is "${status}" but neither its output file nor its error file has this request`,
					}
				: {
						code: `batch_${status}`,
						message: `No result: the batch ended as "${status}" before this request ran`,
					},
		});
	}
	results.sort((a, b) => compareCustomIds(a.customId, b.customId));
	return results.map((result) => {
		const json: IDataObject = { batchId, batchStatus: status, ...resultJson(result, mode) };
		return { json, pairedItem: { item: byCustomId.get(result.customId) ?? anchor } };
	});
}

/**
 * The custom_ids a batch must answer: those of the Create Batch items given as input, and, when
 * the batch's custom_ids are Create Batch's ("0", "1", … item indexes), "0" to
 * request_counts.total - 1, so requests a cancelled or expired batch never ran come back even
 * when only the Batch ID was given.
 */
function expectedCustomIds(
	batch: BatchObject,
	results: BatchLineResult[],
	byCustomId: Map<string, number>,
): string[] {
	const expected = [...byCustomId.keys()];
	const total = Number(batch.request_counts?.total);
	if (!Number.isSafeInteger(total) || total <= 0 || total > MAX_BATCH_REQUESTS) return expected;
	const indexLike = (id: string) => /^(0|[1-9]\d*)$/.test(id) && Number(id) < total;
	const ids = [...results.map((result) => result.customId), ...expected];
	if (!ids.every(indexLike)) return expected;
	for (let index = 0; index < total; index++) expected.push(String(index));
	return expected;
}

function readReasoning(ctx: IExecuteFunctions, itemIndex: number): ReasoningMode {
	const options = ctx.getNodeParameter('options', itemIndex, {}) as IDataObject;
	return new InputValidator(ctx.getNode(), itemIndex).oneOf(
		'Reasoning',
		options.reasoning ?? 'separate',
		['separate', 'strip', 'keep'],
	);
}

function notFinished(
	ctx: IExecuteFunctions,
	batch: BatchObject,
	itemIndex: number,
	traceId?: string,
): NodeOperationError {
	const counts = batch.request_counts ?? {};
	const done = Number(counts.completed ?? 0) + Number(counts.failed ?? 0);
	const progress =
		counts.total !== undefined
			? ` (${done} of ${counts.total} request${Number(counts.total) === 1 ? '' : 's'} done)`
			: '';
	return new NodeOperationError(
		ctx.getNode(),
		`Batch ${String(batch.id)} has not finished: its status is "${String(batch.status)}"${progress}`,
		{
			itemIndex,
			description: `Results can be fetched once the status is completed, expired or cancelled (batches finish within 24 hours). Check with Get Batch, or wait (e.g. a Wait node) and run Get Batch Results again.${traceId ? ` Trace ID ${traceId}.` : ''}`,
		},
	);
}

function firstBatchError(batch: BatchObject): string | undefined {
	const data = (batch.errors as { data?: Array<{ message?: string; line?: number }> } | null)?.data;
	const first = Array.isArray(data) ? data[0] : undefined;
	if (!first?.message) return undefined;
	return first.line !== undefined ? `line ${first.line}: ${first.message}` : first.message;
}

/**
 * A result file's text: files/retrieve, then its signed link fetched without the API key (size
 * checked, retried, renewed when lapsed); files/retrieve_content when the file has no link.
 */
async function downloadText(
	ctx: IExecuteFunctions,
	itemIndex: number,
	fileId: string,
	what: string,
): Promise<string> {
	const { file } = await retrieveFile(ctx, itemIndex, fileId);
	if (file.download_url) {
		const buffer = await fetchSignedUrlBuffer(ctx, {
			url: file.download_url,
			itemIndex,
			what,
			refreshUrl: async () => (await retrieveFile(ctx, itemIndex, fileId)).file.download_url ?? '',
		});
		return buffer.toString('utf8');
	}
	const { body } = await miniMaxRequest.call(ctx, {
		method: 'GET',
		path: '/v1/files/retrieve_content',
		qs: { file_id: fileId },
		response: 'stream',
		itemIndex,
		timeoutMs: FILE_CONTENT_TIMEOUT_MS,
	});
	return await readStreamText(body);
}
