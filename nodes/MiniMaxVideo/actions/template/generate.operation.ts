import { updateDisplayOptions } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { InputValidator } from '../../../shared/validation';
import { imageForRequest, imageSourceOptions, type ImageSource } from '../../helpers/imageInput';
import { generateOptions, readVideoOptions } from '../../helpers/options';
import { finishedVideoItem } from '../../../shared/video/output';
import { templateVideo, waitForTemplateTask } from '../../../shared/video/template';
import { createTask } from '../../../shared/video/v1';
import { readWaitSettings, submittedItem, waitModeProperties } from '../../helpers/waitMode';

const MAX_INPUTS = 10;

const properties: INodeProperties[] = [
	{
		displayName: 'Template ID',
		name: 'templateId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 392747428568649728',
		description:
			'The ID of a MiniMax video template (Video Agent), from the template gallery of the MiniMax platform',
	},
	{
		displayName: 'Text Inputs',
		name: 'textInputs',
		type: 'fixedCollection',
		default: {},
		placeholder: 'Add Text Input',
		typeOptions: { multipleValues: true },
		description: 'The texts the template asks for, in its order',
		options: [
			{
				displayName: 'Text Input',
				name: 'values',
				values: [
					{
						displayName: 'Text',
						name: 'value',
						type: 'string',
						default: '',
						description: 'One text the template asks for, such as the name of a pet',
					},
				],
			},
		],
	},
	{
		displayName: 'Media Inputs',
		name: 'mediaInputs',
		type: 'fixedCollection',
		default: {},
		placeholder: 'Add Media Input',
		typeOptions: { multipleValues: true },
		description: 'The images the template asks for, in its order',
		options: [
			{
				displayName: 'Media Input',
				name: 'values',
				values: [
					{
						displayName: 'Source',
						name: 'source',
						type: 'options',
						default: 'binary',
						options: imageSourceOptions,
					},
					{
						displayName: 'Binary Field',
						name: 'binaryPropertyName',
						type: 'string',
						default: 'data',
						displayOptions: { show: { source: ['binary'] } },
						hint: 'The name of the input field containing the binary file data of the image',
						description:
							'The image the template asks for at this place (JPG, PNG or WebP, under 20 MB)',
					},
					{
						displayName: 'URL',
						name: 'url',
						type: 'string',
						default: '',
						placeholder: 'https://example.com/photo.jpg',
						displayOptions: { show: { source: ['url'] } },
						description: 'A public link to the image',
					},
				],
			},
		],
	},
	...waitModeProperties,
	generateOptions(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['template'], operation: ['generate'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const check = new InputValidator(this.getNode(), itemIndex);
	const options = readVideoOptions(this.getNodeParameter('options', itemIndex, {}) as IDataObject);
	const templateId = check.id('Template ID', this.getNodeParameter('templateId', itemIndex), {
		max: 64,
	});
	const texts = (
		(this.getNodeParameter('textInputs.values', itemIndex, []) as IDataObject[]) ?? []
	).map((entry, index) =>
		check.text(`Text Inputs › Text ${index + 1}`, String(entry.value ?? ''), { min: 1, max: 2000 }),
	);
	const mediaEntries =
		(this.getNodeParameter('mediaInputs.values', itemIndex, []) as IDataObject[]) ?? [];
	if (texts.length > MAX_INPUTS)
		check.fail('Text Inputs', `there are ${texts.length}; a template takes at most ${MAX_INPUTS}`);
	if (mediaEntries.length > MAX_INPUTS)
		check.fail(
			'Media Inputs',
			`there are ${mediaEntries.length}; a template takes at most ${MAX_INPUTS}`,
		);
	if (texts.length === 0 && mediaEntries.length === 0)
		check.fail('Text Inputs', 'add the text or media inputs the template asks for');
	const wait = readWaitSettings(this, itemIndex, check);
	const media: IDataObject[] = [];
	for (const [index, entry] of mediaEntries.entries()) {
		const source = check.oneOf(`Media Inputs › Source ${index + 1}`, entry.source ?? 'binary', [
			'binary',
			'url',
		] as ImageSource[]);
		const value = await imageForRequest(this, itemIndex, check, {
			parameter: `Media Inputs › ${source === 'binary' ? 'Binary Field' : 'URL'} ${index + 1}`,
			source,
			value: source === 'binary' ? entry.binaryPropertyName : entry.url,
		});
		media.push({ value });
	}

	const body: IDataObject = { template_id: templateId };
	if (texts.length) body.text_inputs = texts.map((value) => ({ value }));
	if (media.length) body.media_inputs = media;
	if (wait.callbackUrl) body.callback_url = wait.callbackUrl;
	const task = await createTask(this, itemIndex, '/v1/video_template_generation', body);
	const described: IDataObject = { taskId: task.taskId, templateId, traceId: task.traceId };
	if (wait.mode !== 'wait') {
		return [
			submittedItem(
				itemIndex,
				wait,
				described,
				`Use "Get Template Task Status" or "Download Template Video" with task ID ${task.taskId} to get the video.`,
			),
		];
	}
	const done = await waitForTemplateTask(this, itemIndex, task.taskId, options.common.poll);
	const video = templateVideo(this, itemIndex, done, {
		nameFrom: texts.join(' '),
		fallbackName: `template-video-${task.taskId}`,
		json: { ...described, status: 'Success' },
	});
	return [await finishedVideoItem(this, itemIndex, video, options.output)];
}
