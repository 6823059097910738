import { updateDisplayOptions } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { uploadFile } from '../../shared/transport/upload';
import { InputValidator } from '../../shared/validation';
import { fileJson, UPLOAD_PURPOSES } from '../helpers/fileObject';
import { fileOptions } from '../helpers/fileProperties';
import { checkedUpload } from '../helpers/uploadChecks';

const properties: INodeProperties[] = [
	{
		displayName: 'Purpose',
		name: 'purpose',
		type: 'options',
		default: 'voice_clone',
		options: UPLOAD_PURPOSES,
		description: 'What the file is for; MiniMax accepts different files for each purpose',
	},
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		hint: 'The name of the input field containing the binary file data to upload',
		description: 'The file to upload to MiniMax storage for the chosen purpose',
	},
	fileOptions(),
];

export const description = updateDisplayOptions({ show: { operation: ['upload'] } }, properties);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const check = new InputValidator(this.getNode(), itemIndex);
	const purpose = check.oneOf(
		'Purpose',
		this.getNodeParameter('purpose', itemIndex),
		UPLOAD_PURPOSES.map((option) => String(option.value)),
	);
	const property = check.text(
		'Input Binary Field',
		String(this.getNodeParameter('binaryPropertyName', itemIndex, 'data')).trim(),
		{ min: 1 },
	);
	const file = await checkedUpload(this, itemIndex, check, purpose, property);
	const uploaded = await uploadFile(this, {
		purpose,
		data: file.data,
		fileName: file.fileName,
		mimeType: file.mimeType,
		itemIndex,
	});
	const json: IDataObject = {
		...fileJson({
			file_id: uploaded.fileId,
			bytes: uploaded.bytes,
			created_at: uploaded.createdAt,
			filename: uploaded.fileName ?? file.fileName,
			purpose: uploaded.purpose ?? purpose,
		}),
		mimeType: file.mimeType,
	};
	if (file.durationSeconds !== undefined)
		json.durationSeconds = Math.round(file.durationSeconds * 10) / 10;
	return [{ json, pairedItem: { item: itemIndex } }];
}
