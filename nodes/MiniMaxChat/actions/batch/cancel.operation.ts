import { updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { InputValidator } from '../../../shared/validation';
import { batchIdProperty, batchJson, batchRequest, readBatchId } from '../../helpers/batchApi';

const properties: INodeProperties[] = [batchIdProperty];

export const description = updateDisplayOptions(
	{ show: { resource: ['batch'], operation: ['cancel'] } },
	properties,
);

/**
 * Cancel Batch: `POST /v1/batches/{id}/cancel` (docs/minimax-api.md §17.6). The batch goes to
 * "cancelling", then "cancelled"; requests already run stay in its output file (Get Batch Results).
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const batchId = readBatchId(this, new InputValidator(this.getNode(), itemIndex), itemIndex);
	const { body, traceId } = await batchRequest(this, {
		method: 'POST',
		path: `/v1/batches/${encodeURIComponent(batchId)}/cancel`,
		itemIndex,
	});
	return [{ json: batchJson(body, traceId), pairedItem: { item: itemIndex } }];
}
