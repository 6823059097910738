import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { maxRetriesOption, retryDelayOption } from '../../shared/descriptions/options';
import { readRetrySettings } from '../../shared/transport/settings';
import type { RetrySettings } from '../../shared/transport/retry';
import type { InputValidator } from '../../shared/validation';

/** MiniMax's embeddings model (docs/minimax-api.md §17.5): 1536 dimensions. */
export const DEFAULT_EMBEDDING_MODEL = 'embo-01';
/**
 * Texts per request. MiniMax publishes no limit; independent clients send 50 (morphik-core) up to
 * 512 (LangChain's MiniMax client), so 50 is the default and 512 the maximum.
 */
export const DEFAULT_BATCH_SIZE = 50;
export const MAX_BATCH_SIZE = 512;

export const batchSizeOption: INodeProperties = {
	displayName: 'Batch Size',
	name: 'batchSize',
	type: 'number',
	default: DEFAULT_BATCH_SIZE,
	typeOptions: { minValue: 1, maxValue: MAX_BATCH_SIZE, numberPrecision: 0 },
	description: `How many texts to send to MiniMax in one request (at most ${MAX_BATCH_SIZE}); a request also stays under about 3,500 tokens. Larger document sets are split into several requests, sent one after another.`,
};

export const embeddingsOptions: INodeProperties[] = [
	batchSizeOption,
	maxRetriesOption,
	retryDelayOption,
];

export interface EmbeddingsSettings {
	model: string;
	batchSize: number;
	retry: RetrySettings;
}

/** The Model parameter and the Options collection, checked before any request. */
export function readEmbeddingsSettings(
	check: InputValidator,
	rawModel: unknown,
	options: IDataObject,
): EmbeddingsSettings {
	const model = check.text('Model', typeof rawModel === 'string' ? rawModel.trim() : rawModel, {
		min: 1,
		max: 100,
	});
	const batchSize =
		options.batchSize === undefined
			? DEFAULT_BATCH_SIZE
			: check.number('Batch Size', options.batchSize, {
					min: 1,
					max: MAX_BATCH_SIZE,
					integer: true,
				});
	return { model, batchSize, retry: readRetrySettings(options) };
}
