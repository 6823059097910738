import { updateDisplayOptions } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { miniMaxRequest, type MiniMaxResponse } from '../../shared/transport/request';
import { InputValidator } from '../../shared/validation';
import { ALL_PURPOSES, PURPOSE_IDS, readFileId } from '../helpers/fileObject';
import { fileIdProperty, fileOptions } from '../helpers/fileProperties';

const properties: INodeProperties[] = [
	fileIdProperty,
	{
		displayName: 'Purpose',
		name: 'purpose',
		type: 'options',
		default: 'voice_clone',
		options: ALL_PURPOSES,
		description: 'The purpose the file was uploaded or made with; MiniMax requires it to delete',
	},
	fileOptions(),
];

export const description = updateDisplayOptions({ show: { operation: ['delete'] } }, properties);

/** POST /v1/files/delete with {file_id: <number>, purpose}. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const check = new InputValidator(this.getNode(), itemIndex);
	const fileId = readFileId(check, this.getNodeParameter('fileId', itemIndex));
	const purpose = check.oneOf('Purpose', this.getNodeParameter('purpose', itemIndex), PURPOSE_IDS);
	const { traceId } = (await miniMaxRequest.call(this, {
		method: 'POST',
		path: '/v1/files/delete',
		body: { file_id: fileId.number, purpose },
		itemIndex,
	})) as MiniMaxResponse<{ file_id?: number | string }>;
	const json: IDataObject = { fileId: fileId.text, purpose, deleted: true };
	if (traceId) json.traceId = traceId;
	return [{ json, pairedItem: { item: itemIndex } }];
}
