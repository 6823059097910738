import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { DEFAULT_BATCH_CHAT_MODEL, isOpenAiOnlyModel } from '../../../shared/chat/models';
import { maxTokensOption, temperatureOption, topPOption } from '../../../shared/chat/options';
import { maxRetriesOption, retryDelayOption } from '../../../shared/descriptions/options';
import { asNodeError, errorItem } from '../../../shared/items';
import { forAllItems } from '../../../shared/router';
import { uploadFile, type UploadedFile } from '../../../shared/transport/upload';
import { InputValidator } from '../../../shared/validation';
import {
	BATCH_ENDPOINT,
	batchRequest,
	MAX_BATCH_FILE_BYTES,
	MAX_BATCH_REQUESTS,
} from '../../helpers/batchApi';
import { chatOptions } from '../../helpers/chatOptions';
import { conversationProperties, readConversation } from '../../helpers/conversation';
import { chatRequestBody } from '../../helpers/requestBody';
import { readChatSettings } from '../../helpers/settings';

const byName = (name: string) => chatOptions.find((option) => option.name === name)!;

const properties: INodeProperties[] = [
	...conversationProperties(
		{
			description:
				'The MiniMax chat model. Batches run on the native API (/v1/text/chatcompletion_v2), which serves MiniMax-M2, MiniMax-M1 and MiniMax-Text-01; models only the OpenAI-compatible API serves (M3, M2.7, M2.5, M2.1) are refused before anything is sent.',
		},
		{ defaultModel: DEFAULT_BATCH_CHAT_MODEL, searchListMethod: 'searchBatchChatModels' },
	),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Callback URL',
				name: 'callbackUrl',
				type: 'string',
				default: '',
				placeholder: 'e.g. https://example.com/webhook/minimax-batch',
				description: 'Optional URL MiniMax calls when the batch ends',
			},
			maxRetriesOption,
			maxTokensOption(
				2048,
				'Upper limit for each reply, reasoning included. A reply that hits it is cut off (finishReason "length").',
			),
			retryDelayOption,
			temperatureOption,
			byName('toolChoice'),
			byName('tools'),
			topPOption,
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['batch'], operation: ['create'] } },
	properties,
);

interface BatchLine {
	itemIndex: number;
	text: string;
}

/**
 * Create Batch (docs/minimax-api.md §17.6, §10): one chat request per input item (`custom_id` =
 * the item index, body = what Message a Model sends with the native API, not streamed), written
 * as JSONL, uploaded with purpose=batch, then `POST /v1/batches`. Every item is checked before
 * any request. Each batched item gets the batch ID and the input file ID; when the create fails
 * after the upload, the error names the file ID.
 */
export const execute = forAllItems(async function (this: IExecuteFunctions) {
	const items = this.getInputData();
	const continueOnFail = this.continueOnFail();
	const lines: BatchLine[] = [];
	const failed = new Map<number, INodeExecutionData>();
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			lines.push({ itemIndex, text: batchLine(this, itemIndex) });
		} catch (error) {
			if (!continueOnFail) throw asNodeError(this, error);
			failed.set(itemIndex, errorItem(error as Error, itemIndex));
		}
	}
	if (!lines.length) return [...failed.values()];
	const anchor = lines[0].itemIndex;
	const data = Buffer.from(lines.map((line) => line.text).join('\n') + '\n', 'utf8');
	checkSize(this, lines.length, data.length, anchor);

	const file = await uploadFile(this, {
		purpose: 'batch',
		data,
		fileName: `minimax-chat-batch-${lines.length}-requests.jsonl`,
		mimeType: 'application/jsonl',
		itemIndex: anchor,
	});
	const options = this.getNodeParameter('options', anchor, {}) as IDataObject;
	const created = await createBatch(this, file, anchor, options, lines.length).then(
		(value) => ({ value }),
		(error: Error) => ({ error }),
	);
	if ('error' in created) {
		if (!continueOnFail) throw asNodeError(this, created.error);
		for (const line of lines) failed.set(line.itemIndex, errorItem(created.error, line.itemIndex));
		return [...failed.entries()].sort(([a], [b]) => a - b).map(([, item]) => item);
	}
	const { batch, traceId } = created.value;
	const output = new Map(failed);
	for (const line of lines) {
		const json: IDataObject = {
			batchId: batch.id,
			customId: String(line.itemIndex),
			status: batch.status,
			inputFileId: String(file.fileId),
			requestCount: lines.length,
			endpoint: batch.endpoint ?? BATCH_ENDPOINT,
			completionWindow: batch.completion_window ?? '24h',
			createdAt: batch.created_at,
			traceId,
		};
		for (const key of Object.keys(json)) if (json[key] === undefined) delete json[key];
		output.set(line.itemIndex, { json, pairedItem: { item: line.itemIndex } });
	}
	return [...output.entries()].sort(([a], [b]) => a - b).map(([, item]) => item);
});

/** The item's JSONL line; throws a NodeOperationError naming the parameter and item. */
function batchLine(ctx: IExecuteFunctions, itemIndex: number): string {
	const check = new InputValidator(ctx.getNode(), itemIndex);
	const options = ctx.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const settings = readChatSettings(
		check,
		ctx.getNodeParameter('model', itemIndex, '', { extractValue: true }),
		{ ...options, api: 'native' },
	);
	if (isOpenAiOnlyModel(settings.model))
		check.fail(
			'Model',
			`${settings.model} is served only by the OpenAI-compatible API; batches run on the native API (/v1/text/chatcompletion_v2), which serves MiniMax-M2, MiniMax-M1 and MiniMax-Text-01`,
			'Choose MiniMax-M2 (or M1, Text-01) for the batch, or use Message a Model for this model.',
		);
	if (options.callbackUrl) check.httpUrl('Callback URL', options.callbackUrl);
	const messages = readConversation(ctx, itemIndex, check, settings);
	const body = chatRequestBody(settings, messages, false);
	return JSON.stringify({
		custom_id: String(itemIndex),
		method: 'POST',
		url: BATCH_ENDPOINT,
		body,
	});
}

function checkSize(ctx: IExecuteFunctions, count: number, bytes: number, itemIndex: number): void {
	if (count > MAX_BATCH_REQUESTS || bytes > MAX_BATCH_FILE_BYTES) {
		throw new NodeOperationError(
			ctx.getNode(),
			`The batch is too large: ${requestCount(count)}, ${(bytes / 1024 / 1024).toFixed(1)} MB (MiniMax accepts at most ${MAX_BATCH_REQUESTS} requests and 100 MB per batch)`,
			{ itemIndex, description: 'Split the input items (e.g. with a Loop Over Items node).' },
		);
	}
}

async function createBatch(
	ctx: IExecuteFunctions,
	file: UploadedFile,
	itemIndex: number,
	options: IDataObject,
	count: number,
) {
	const body: IDataObject = {
		input_file_id: file.fileId,
		endpoint: BATCH_ENDPOINT,
		completion_window: '24h',
	};
	if (options.callbackUrl) body.callback_url = String(options.callbackUrl);
	const { body: batch, traceId } = await batchRequest(
		ctx,
		{ method: 'POST', path: '/v1/batches', body, createsJob: true, itemIndex },
		`The input file was uploaded (file ID ${file.fileId}, purpose batch, ${requestCount(count)}): create the batch again with it, or delete it with Files › Delete.`,
	);
	if (!batch.id) {
		throw new NodeOperationError(ctx.getNode(), 'MiniMax returned no batch ID', {
			itemIndex,
			description: `Input file ID ${file.fileId}. Check List Batches before creating it again.`,
		});
	}
	return { batch, traceId };
}

/** "1 request", "12 requests". */
function requestCount(count: number): string {
	return `${count} request${count === 1 ? '' : 's'}`;
}
