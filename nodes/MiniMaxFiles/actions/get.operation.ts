import { updateDisplayOptions } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { InputValidator } from '../../shared/validation';
import { fileJson, readFileId } from '../helpers/fileObject';
import { retrieveFile } from '../../shared/files/retrieve';
import { fileIdProperty, fileOptions } from '../helpers/fileProperties';

const properties: INodeProperties[] = [fileIdProperty, fileOptions()];

export const description = updateDisplayOptions({ show: { operation: ['get'] } }, properties);

/** GET /v1/files/retrieve: the file's metadata and, for generated files, a fresh download link. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const check = new InputValidator(this.getNode(), itemIndex);
	const fileId = readFileId(check, this.getNodeParameter('fileId', itemIndex));
	const { file, traceId } = await retrieveFile(this, itemIndex, fileId.text);
	const json: IDataObject = { ...fileJson(file), fileId: fileId.text };
	if (file.download_url) {
		json.downloadUrl = file.download_url;
		json.downloadUrlValidFor = '9 hours';
	}
	if (traceId) json.traceId = traceId;
	return [{ json, pairedItem: { item: itemIndex } }];
}
