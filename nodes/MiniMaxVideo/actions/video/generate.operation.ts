import { updateDisplayOptions } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { miniMaxApiError } from '../../../shared/transport/errors';
import { InputValidator } from '../../../shared/validation';
import {
	binaryPropertyNameOf,
	imageForRequest,
	imageProperties,
	imageSourceOptions,
	type ImageSource,
} from '../../helpers/imageInput';
import {
	checkCombination,
	defaultModel,
	MODE_LABELS,
	modelOptions,
	type VideoMode,
} from '../../helpers/models';
import { aigcWatermarkOption, generateOptions, readVideoOptions } from '../../helpers/options';
import { finishedVideoItem } from '../../../shared/video/output';
import { createTask, videoFromFile, waitForVideoTask } from '../../../shared/video/v1';
import { readWaitSettings, submittedItem, waitModeProperties } from '../../helpers/waitMode';

const MODES: VideoMode[] = ['textToVideo', 'imageToVideo', 'firstLastFrame', 'subjectReference'];
const WITH_IMAGES: VideoMode[] = ['imageToVideo', 'firstLastFrame', 'subjectReference'];
const MAX_PROMPT_CHARS = 2000;

const modelProperties: INodeProperties[] = MODES.map((mode) => ({
	displayName: 'Model',
	name: 'model',
	type: 'options',
	default: defaultModel(mode),
	options: modelOptions(mode),
	displayOptions: { show: { mode: [mode] } },
	description: `The model for ${MODE_LABELS[mode]}`,
}));

const properties: INodeProperties[] = [
	{
		displayName: 'Mode',
		name: 'mode',
		type: 'options',
		noDataExpression: true,
		default: 'textToVideo',
		options: [
			{ name: 'Text to Video', value: 'textToVideo', description: 'A video from a prompt' },
			{
				name: 'Image to Video',
				value: 'imageToVideo',
				description: 'Animate an image (the first frame)',
			},
			{
				name: 'First and Last Frame',
				value: 'firstLastFrame',
				description: 'A video from a first to a last frame (MiniMax-Hailuo-02)',
			},
			{
				name: 'Subject Reference (Legacy)',
				value: 'subjectReference',
				description:
					'A video that keeps the face of a subject image (S2V-01, legacy). For new workflows use MiniMax-H3 with a reference image.',
			},
		],
	},
	...modelProperties,
	{
		displayName: 'Prompt',
		name: 'prompt',
		type: 'string',
		default: '',
		typeOptions: { rows: 4 },
		placeholder: 'e.g. A man reads a book by the window. [Push in]',
		description:
			'What happens in the video, up to 2,000 characters. Hailuo and Director models follow camera commands such as [Pan left], [Push in], [Static shot]. Required for text to video.',
	},
	{
		displayName: 'Image Source',
		name: 'imageSource',
		type: 'options',
		default: 'binary',
		options: imageSourceOptions,
		displayOptions: { show: { mode: WITH_IMAGES } },
	},
	...imageProperties(
		'firstFrame',
		'First Frame',
		{ mode: ['imageToVideo', 'firstLastFrame'] },
		'data',
		'first frame; the video takes its aspect ratio',
	),
	...imageProperties(
		'lastFrame',
		'Last Frame',
		{ mode: ['firstLastFrame'] },
		'lastFrame',
		'last frame',
	),
	...imageProperties(
		'subject',
		'Subject Image',
		{ mode: ['subjectReference'] },
		'data',
		'photo of the character to keep',
	),
	{
		displayName: 'Duration',
		name: 'duration',
		type: 'options',
		default: 6,
		options: [
			{ name: '6 Seconds', value: 6 },
			{
				name: '10 Seconds',
				value: 10,
				description: 'Hailuo models at 768P (and 512P for Hailuo-02)',
			},
		],
	},
	{
		displayName: 'Resolution',
		name: 'resolution',
		type: 'options',
		default: 'auto',
		options: [
			{ name: '1080P', value: '1080P', description: 'Hailuo models, 6 s only' },
			{ name: '512P', value: '512P', description: 'MiniMax-Hailuo-02, image to video' },
			{ name: '720P', value: '720P', description: '01-series models (legacy)' },
			{ name: '768P', value: '768P', description: 'Hailuo models' },
			{
				name: 'Model Default',
				value: 'auto',
				description: '768P for Hailuo models, 720P for the 01 series',
			},
		],
	},
	...waitModeProperties,
	generateOptions([
		aigcWatermarkOption,
		{
			displayName: 'Fast Pretreatment',
			name: 'fastPretreatment',
			type: 'boolean',
			default: false,
			description: 'Whether to shorten the prompt optimisation step (Hailuo models only)',
		},
		{
			displayName: 'Prompt Optimizer',
			name: 'promptOptimizer',
			type: 'boolean',
			default: true,
			description:
				'Whether MiniMax may rewrite the prompt for better results. Turn off for precise control.',
		},
	]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['video'], operation: ['generate'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const check = new InputValidator(this.getNode(), itemIndex);
	const options = readVideoOptions(this.getNodeParameter('options', itemIndex, {}) as IDataObject);
	const mode = check.oneOf('Mode', this.getNodeParameter('mode', itemIndex), MODES);
	const model = check.text('Model', this.getNodeParameter('model', itemIndex), { min: 1 });
	const prompt = check
		.text('Prompt', this.getNodeParameter('prompt', itemIndex, ''), { max: MAX_PROMPT_CHARS })
		.trim();
	if (mode === 'textToVideo' && !prompt)
		check.fail('Prompt', 'it is empty; text to video needs a prompt');
	const duration = check.number('Duration', this.getNodeParameter('duration', itemIndex, 6), {
		integer: true,
	});
	const fastPretreatment = check.boolean('Fast Pretreatment', options.raw.fastPretreatment);
	const chosenResolution = String(this.getNodeParameter('resolution', itemIndex, 'auto'));
	const resolution = checkCombination(check, {
		model,
		mode,
		resolution: chosenResolution,
		duration,
		fastPretreatment,
	});
	const wait = readWaitSettings(this, itemIndex, check);

	const body: IDataObject = {
		model,
		duration,
		prompt_optimizer: options.raw.promptOptimizer !== false,
	};
	if (prompt) body.prompt = prompt;
	if (chosenResolution !== 'auto') body.resolution = resolution;
	if (fastPretreatment) body.fast_pretreatment = true;
	if (check.boolean('AIGC Watermark', options.raw.aigcWatermark)) body.aigc_watermark = true;
	if (wait.callbackUrl) body.callback_url = wait.callbackUrl;
	Object.assign(body, await imageFields(this, itemIndex, check, mode));

	const task = await createTask(this, itemIndex, '/v1/video_generation', body);
	const described: IDataObject = {
		taskId: task.taskId,
		model,
		mode,
		duration,
		resolution,
		traceId: task.traceId,
	};
	if (wait.mode !== 'wait') {
		return [
			submittedItem(
				itemIndex,
				wait,
				described,
				`Use "Get Task Status" or "Download Video" with task ID ${task.taskId} to get the video.`,
			),
		];
	}
	const done = await waitForVideoTask(this, itemIndex, task.taskId, options.common.poll);
	if (!done.fileId) {
		throw miniMaxApiError(this.getNode(), {
			message: `MiniMax reported video task ${task.taskId} as done but gave no file ID`,
			itemIndex,
			note: `Task ID: ${task.taskId}. Try "Download Video" with this task ID later.`,
		});
	}
	const video = await videoFromFile(this, itemIndex, done.fileId, {
		nameFrom: prompt,
		fallbackName: `video-${task.taskId}`,
		json: {
			...described,
			fileId: done.fileId,
			status: 'Success',
			width: done.width,
			height: done.height,
		},
	});
	return [await finishedVideoItem(this, itemIndex, video, options.output)];
}

/** first_frame_image / last_frame_image / subject_reference for the mode, checked before the paid call. */
async function imageFields(
	ctx: IExecuteFunctions,
	itemIndex: number,
	check: InputValidator,
	mode: VideoMode,
): Promise<IDataObject> {
	if (mode === 'textToVideo') return {};
	const source = check.oneOf(
		'Image Source',
		ctx.getNodeParameter('imageSource', itemIndex, 'binary'),
		['binary', 'url'] as ImageSource[],
	);
	const image = async (role: string, label: string) =>
		await imageForRequest(ctx, itemIndex, check, {
			parameter: source === 'binary' ? `${label} Binary Field` : `${label} URL`,
			source,
			value: ctx.getNodeParameter(
				source === 'binary' ? binaryPropertyNameOf(role) : `${role}Url`,
				itemIndex,
				'',
			),
		});
	if (mode === 'subjectReference') {
		return {
			subject_reference: [{ type: 'character', image: [await image('subject', 'Subject Image')] }],
		};
	}
	const fields: IDataObject = { first_frame_image: await image('firstFrame', 'First Frame') };
	if (mode === 'firstLastFrame') fields.last_frame_image = await image('lastFrame', 'Last Frame');
	return fields;
}
