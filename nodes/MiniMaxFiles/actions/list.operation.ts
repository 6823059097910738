import { updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { miniMaxRequest, type MiniMaxResponse } from '../../shared/transport/request';
import { InputValidator } from '../../shared/validation';
import { ALL_PURPOSES, fileJson, PURPOSE_IDS, type MiniMaxFile } from '../helpers/fileObject';
import { fileOptions } from '../helpers/fileProperties';
import { returnAllAndLimit } from '../../shared/descriptions/options';

const properties: INodeProperties[] = [
	{
		displayName: 'Purpose',
		name: 'purpose',
		type: 'options',
		default: 'voice_clone',
		options: ALL_PURPOSES,
		description: 'MiniMax lists files by purpose (it is required)',
	},
	...returnAllAndLimit(),
	fileOptions(),
];

export const description = updateDisplayOptions({ show: { operation: ['list'] } }, properties);

/** GET /v1/files/list?purpose=…: one item per file (MiniMax answers the whole list at once). */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const check = new InputValidator(this.getNode(), itemIndex);
	const purpose = check.oneOf('Purpose', this.getNodeParameter('purpose', itemIndex), PURPOSE_IDS);
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const limit = returnAll
		? Infinity
		: check.number('Limit', this.getNodeParameter('limit', itemIndex, 50), {
				min: 1,
				integer: true,
			});
	const { body } = (await miniMaxRequest.call(this, {
		method: 'GET',
		path: '/v1/files/list',
		qs: { purpose },
		itemIndex,
	})) as MiniMaxResponse<{ files?: MiniMaxFile[] | null }>;
	return (body.files ?? [])
		.slice(0, limit)
		.map((file) => ({ json: fileJson(file), pairedItem: { item: itemIndex } }));
}
