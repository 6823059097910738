import { updateDisplayOptions } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { InputValidator } from '../../../shared/validation';
import { createH3Task, h3Json, h3Video, waitForH3Task } from '../../../shared/video/h3';
import { mediaProperty, readH3Media } from '../../helpers/h3Media';
import { checkH3Request, H3_MODEL_IDS, H3_MODELS } from '../../helpers/h3Models';
import { aigcWatermarkOption, generateOptions, readVideoOptions } from '../../helpers/options';
import { finishedVideoItem } from '../../../shared/video/output';
import { readWaitSettings, submittedItem, waitModeProperties } from '../../helpers/waitMode';

const MAX_PROMPT_CHARS = 7000;
const RATIOS = ['adaptive', '21:9', '16:9', '4:3', '1:1', '3:4', '9:16'];

const properties: INodeProperties[] = [
	{
		displayName: 'Model',
		name: 'model',
		type: 'options',
		default: 'MiniMax-H3',
		options: [
			{
				name: 'MiniMax-H3',
				value: 'MiniMax-H3',
				description:
					'768P or 2K, 4–15 s; text, first/last frame, or reference images, videos and audio',
			},
			{
				name: 'MiniMax-H3-Max',
				value: 'MiniMax-H3-Max',
				description:
					'Higher quality and fast: 480P or 768P, 5–15 s; text or first/last frame only (no references, no watermark option)',
			},
		],
	},
	{
		displayName: 'Prompt',
		name: 'prompt',
		type: 'string',
		default: '',
		required: true,
		typeOptions: { rows: 4 },
		placeholder: 'e.g. The subject walks toward the camera as the sun sets',
		description: 'What happens in the video, up to 7,000 characters',
	},
	mediaProperty,
	{
		displayName: 'Aspect Ratio',
		name: 'ratio',
		type: 'options',
		default: 'auto',
		options: [
			{ name: '1:1 (Square)', value: '1:1' },
			{ name: '16:9 (Landscape)', value: '16:9' },
			{ name: '21:9 (Cinema)', value: '21:9' },
			{ name: '3:4', value: '3:4' },
			{ name: '4:3', value: '4:3' },
			{ name: '9:16 (Portrait)', value: '9:16' },
			{ name: 'Adaptive (From the Media)', value: 'adaptive' },
			{
				name: 'Auto',
				value: 'auto',
				description: '16:9 for text only; follow the images (adaptive) when media is given',
			},
		],
	},
	{
		displayName: 'Duration (Seconds)',
		name: 'duration',
		type: 'number',
		default: 5,
		typeOptions: { minValue: 4, maxValue: 15, numberPrecision: 0 },
		description: 'Length of the video in whole seconds: 4 to 15 (MiniMax-H3-Max: 5 to 15)',
	},
	{
		displayName: 'Resolution',
		name: 'resolution',
		type: 'options',
		default: '2K',
		displayOptions: { show: { model: ['MiniMax-H3'] } },
		options: [
			{ name: '2K', value: '2K' },
			{
				name: '768P',
				value: '768P',
				description: 'Cheaper; can be upscaled later with "Regenerate MiniMax-H3 Video At 2K"',
			},
		],
	},
	{
		displayName: 'Resolution',
		name: 'resolution',
		type: 'options',
		default: '768P',
		displayOptions: { show: { model: ['MiniMax-H3-Max'] } },
		options: [
			{ name: '480P', value: '480P' },
			{ name: '768P', value: '768P' },
		],
	},
	...waitModeProperties,
	generateOptions([
		{ ...aigcWatermarkOption, displayOptions: { hide: { '/model': ['MiniMax-H3-Max'] } } },
	]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['h3'], operation: ['generate'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const check = new InputValidator(this.getNode(), itemIndex);
	const options = readVideoOptions(this.getNodeParameter('options', itemIndex, {}) as IDataObject);
	const prompt = check
		.text('Prompt', this.getNodeParameter('prompt', itemIndex), { min: 1, max: MAX_PROMPT_CHARS })
		.trim();
	const model = check.oneOf(
		'Model',
		this.getNodeParameter('model', itemIndex, 'MiniMax-H3'),
		H3_MODEL_IDS,
	);
	const duration = check.number(
		'Duration (Seconds)',
		this.getNodeParameter('duration', itemIndex, 5),
		{ integer: true, min: 4, max: 15 },
	);
	const resolution = check.text(
		'Resolution',
		String(this.getNodeParameter('resolution', itemIndex, H3_MODELS[model].defaultResolution)),
		{ min: 1 },
	);
	const ratioChoice = check.oneOf(
		'Aspect Ratio',
		this.getNodeParameter('ratio', itemIndex, 'auto'),
		['auto', ...RATIOS],
	);
	const wait = readWaitSettings(this, itemIndex, check);
	const media = await readH3Media(this, itemIndex, check);
	checkH3Request(check, {
		model,
		resolution,
		duration,
		media,
		watermark: check.boolean('AIGC Watermark', options.raw.aigcWatermark),
	});
	const hasImage = media.items.some((item) => item.type === 'image_url');
	// Contract §17.2: "adaptive" follows the input images; without any image MiniMax cannot use it.
	if (ratioChoice === 'adaptive' && !hasImage) {
		check.fail(
			'Aspect Ratio',
			'"Adaptive" takes the ratio from an input image, and this task has none',
			'Choose a ratio such as 16:9, or "Auto" (16:9 without images).',
		);
	}
	const ratio = ratioChoice !== 'auto' ? ratioChoice : hasImage ? 'adaptive' : '16:9';

	const body: IDataObject = {
		model,
		content: [{ type: 'text', text: prompt }, ...media.items],
		resolution,
		duration,
		ratio,
	};
	if (check.boolean('AIGC Watermark', options.raw.aigcWatermark)) body.aigc_watermark = true;
	if (wait.callbackUrl) body.callback_url = wait.callbackUrl;

	const task = await createH3Task(this, itemIndex, body);
	const described: IDataObject = {
		taskId: task.taskId,
		model,
		duration,
		resolution,
		ratio,
		traceId: task.traceId,
	};
	if (wait.mode !== 'wait') {
		return [
			submittedItem(
				itemIndex,
				wait,
				described,
				`Use "Get MiniMax-H3 Task Status" or "Download MiniMax-H3 Video" with task ID ${task.taskId} to get the video.`,
			),
		];
	}
	const done = await waitForH3Task(this, itemIndex, task.taskId, options.common.poll);
	const video = h3Video(this, itemIndex, done, {
		nameFrom: prompt,
		fallbackName: `video-${task.taskId}`,
		json: { ...described, ...h3Json(done), status: done.status },
	});
	return [await finishedVideoItem(this, itemIndex, video, options.output)];
}
