import { updateDisplayOptions } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { getInputBinary, readInputBinaryBuffer } from '../../shared/media/binary';
import { readCommonOptions } from '../../shared/descriptions/options';
import { ASYNC_TEXT_LIMIT } from '../../shared/descriptions/speech';
import { uploadFile } from '../../shared/transport/upload';
import { InputValidator } from '../../shared/validation';
import { voiceLocator } from '../../shared/descriptions/voiceLocator';
import { createLongSpeechTask, waitForLongSpeech } from '../helpers/longSpeech';
import { longSpeechItem } from '../helpers/longSpeechItem';
import { asyncBody, readSpeechSettings } from '../helpers/requestBody';
import { longOptions } from '../helpers/speechOptions';
import { modelProperty } from './generate.operation';

const properties: INodeProperties[] = [
	modelProperty,
	{
		displayName: 'Text Source',
		name: 'textSource',
		type: 'options',
		default: 'text',
		options: [
			{ name: 'Text', value: 'text', description: 'Up to 50,000 characters typed or mapped here' },
			{
				name: 'Text File From Input Binary',
				value: 'binary',
				description: 'A .txt (or MiniMax .zip) file from an earlier node, uploaded to MiniMax',
			},
		],
	},
	{
		displayName: 'Text',
		name: 'text',
		type: 'string',
		default: '',
		required: true,
		typeOptions: { rows: 6 },
		displayOptions: { show: { textSource: ['text'] } },
		description: 'Up to 50,000 characters',
	},
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		displayOptions: { show: { textSource: ['binary'] } },
		hint: 'The name of the input field containing the binary file data of the text file',
		description:
			'The text file to speak (.txt, or a MiniMax .zip, up to 10 MB), uploaded to MiniMax first',
	},
	voiceLocator(),
	{
		displayName: 'Wait for Completion',
		name: 'waitForCompletion',
		type: 'boolean',
		default: true,
		description:
			'Whether to wait for the audio and return it. Off: return the task ID at once and fetch the audio later with Get Long Speech Task.',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: longOptions,
	},
];

export const description = updateDisplayOptions(
	{ show: { operation: ['generateLong'] } },
	properties,
);

const TEXT_FILE_EXTENSIONS = ['txt', 'zip'];
const MAX_TEXT_FILE_BYTES = 10 * 1024 * 1024;

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const check = new InputValidator(this.getNode(), itemIndex);
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const common = readCommonOptions(options);
	const source = this.getNodeParameter('textSource', itemIndex) as string;
	const settings = readSpeechSettings(
		check,
		this.getNodeParameter('model', itemIndex),
		this.getNodeParameter('voice', itemIndex, '', { extractValue: true }),
		options,
	);
	const wait = this.getNodeParameter('waitForCompletion', itemIndex, true) as boolean;

	let text: string | undefined;
	let textFileId: number;
	if (source === 'binary') {
		textFileId = await uploadTextFile(this, itemIndex, check);
	} else {
		text = check.text('Text', this.getNodeParameter('text', itemIndex), {
			min: 1,
			max: ASYNC_TEXT_LIMIT,
		});
	}

	const body = asyncBody(text !== undefined ? { text } : { textFileId: textFileId! }, settings);
	const task = await createLongSpeechTask(this, itemIndex, body);
	if (!wait) {
		return [
			{
				json: {
					taskId: task.taskId,
					fileId: task.fileId,
					status: 'Processing',
					charactersBilled: task.usageCharacters,
					traceId: task.traceId,
					model: settings.model,
					voiceId: settings.voiceId,
					next: 'Run "Get Long Speech Task" with this task ID to fetch the audio when it is ready.',
				},
				pairedItem: { item: itemIndex },
			},
		];
	}
	const done = await waitForLongSpeech(this, itemIndex, task.taskId, common.poll);
	return [
		await longSpeechItem(this, itemIndex, {
			taskId: task.taskId,
			fileId: done.fileId ?? task.fileId ?? '',
			outputField: common.outputField,
			includeSubtitles: true,
			settings,
			text,
			extraJson: { charactersBilled: task.usageCharacters },
		}),
	];
}

/** Uploads the input text file with purpose t2a_async_input; its file_id goes back as a JSON number. */
async function uploadTextFile(
	ctx: IExecuteFunctions,
	itemIndex: number,
	check: InputValidator,
): Promise<number> {
	const property = check.text(
		'Input Binary Field',
		ctx.getNodeParameter('binaryPropertyName', itemIndex),
		{ min: 1 },
	);
	const input = getInputBinary(ctx, itemIndex, property, 'Input Binary Field');
	const extension = (
		input.meta.fileExtension ??
		input.fileName.split('.').pop() ??
		''
	).toLowerCase();
	const isText = input.mimeType.startsWith('text/') || TEXT_FILE_EXTENSIONS.includes(extension);
	if (!isText) {
		check.fail(
			'Input Binary Field',
			`the file "${input.fileName}" (${input.mimeType}) is not a .txt or .zip text file`,
		);
	}
	if (input.size !== undefined && input.size > MAX_TEXT_FILE_BYTES) {
		check.fail('Input Binary Field', `the file "${input.fileName}" is larger than 10 MB`);
	}
	const content = await readInputBinaryBuffer(ctx, itemIndex, property);
	if (content.length === 0)
		check.fail('Input Binary Field', `the file "${input.fileName}" is empty`);
	const fileName =
		extension === 'zip' ? input.fileName : input.fileName.replace(/\.[^.]*$/, '') + '.txt';
	const uploaded = await uploadFile(ctx, {
		purpose: 't2a_async_input',
		data: content,
		fileName,
		mimeType: extension === 'zip' ? 'application/zip' : 'text/plain',
		itemIndex,
	});
	return uploaded.fileId;
}
