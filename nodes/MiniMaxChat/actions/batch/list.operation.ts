import { updateDisplayOptions } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { InputValidator } from '../../../shared/validation';
import { batchJson, batchRequest, type BatchObject } from '../../helpers/batchApi';
import { returnAllAndLimit } from '../../../shared/descriptions/options';

const properties: INodeProperties[] = [...returnAllAndLimit()];

export const description = updateDisplayOptions(
	{ show: { resource: ['batch'], operation: ['list'] } },
	properties,
);

/** MiniMax pages hold 1 to 100 batches. */
const PAGE_SIZE = 100;

/**
 * List Batches: `GET /v1/batches?limit&after` (docs/minimax-api.md §17.6), newest first, one item
 * per batch. Pages follow `after` = the last batch ID until `has_more` is false (or, without
 * `has_more`, a short page).
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const check = new InputValidator(this.getNode(), itemIndex);
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) === true;
	const limit = returnAll
		? Infinity
		: check.number('Limit', this.getNodeParameter('limit', itemIndex, 50), {
				min: 1,
				integer: true,
			});
	const batches: Array<{ batch: BatchObject; traceId?: string }> = [];
	const seen = new Set<string>();
	let after: string | undefined;
	while (batches.length < limit) {
		const pageSize = Math.min(PAGE_SIZE, limit - batches.length);
		const qs: IDataObject = { limit: pageSize };
		if (after) qs.after = after;
		const { body, traceId } = await batchRequest(this, {
			method: 'GET',
			path: '/v1/batches',
			qs,
			itemIndex,
		});
		const page = (Array.isArray(body.data) ? body.data : []) as BatchObject[];
		const fresh = page.filter((batch) => batch.id && !seen.has(batch.id));
		for (const batch of fresh) {
			seen.add(batch.id!);
			if (batches.length < limit) batches.push({ batch, traceId });
		}
		const more = typeof body.has_more === 'boolean' ? body.has_more : page.length >= pageSize;
		if (!more || !fresh.length) break;
		after = String(body.last_id ?? fresh[fresh.length - 1].id);
	}
	return batches.map(({ batch, traceId }) => ({
		json: batchJson(batch, traceId),
		pairedItem: { item: itemIndex },
	}));
}
