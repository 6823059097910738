import { updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { InputValidator } from '../../../shared/validation';
import { batchIdProperty, batchJson, getBatch, readBatchId } from '../../helpers/batchApi';

const properties: INodeProperties[] = [batchIdProperty];

export const description = updateDisplayOptions(
	{ show: { resource: ['batch'], operation: ['get'] } },
	properties,
);

/** Get Batch: `GET /v1/batches/{id}` (docs/minimax-api.md §17.6), the batch object with `finished`. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const batchId = readBatchId(this, new InputValidator(this.getNode(), itemIndex), itemIndex);
	const { batch, traceId } = await getBatch(this, itemIndex, batchId);
	return [{ json: batchJson(batch, traceId), pairedItem: { item: itemIndex } }];
}
