import { updateDisplayOptions } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { fileSourceProperties } from '../../shared/descriptions/fileSource';
import {
	concurrencyOption,
	maxRateLimitWaitOption,
	maxRetriesOption,
	outputFieldOption,
	readCommonOptions,
	requestsPerMinuteOption,
	retryDelayOption,
} from '../../shared/descriptions/options';
import { miniMaxRequest, type MiniMaxResponse } from '../../shared/transport/request';
import { InputValidator } from '../../shared/validation';
import {
	ASPECT_RATIO_OPTIONS,
	IMAGE_MODELS,
	MAX_IMAGES,
	SIZE_LIMITS,
	STYLE_OPTIONS,
} from '../helpers/imageModels';
import { imageItems, type ImageResponse } from '../helpers/imageOutput';
import { readImageSettings } from '../helpers/imageRequest';
import { GENERATION_TIMEOUT_MS } from '../../shared/transport/consts';

/** Generating up to nine images can take a while; the call is billed, so it is never retried blindly. */

const properties: INodeProperties[] = [
	{
		displayName: 'Model',
		name: 'model',
		type: 'options',
		default: 'image-01',
		options: IMAGE_MODELS,
		description: 'The image model',
	},
	{
		displayName: 'Prompt',
		name: 'prompt',
		type: 'string',
		default: '',
		required: true,
		typeOptions: { rows: 4 },
		placeholder: 'e.g. A girl reading by the library window, soft morning light, watercolor',
		description: 'What to draw, up to 1,500 characters',
	},
	{
		displayName: 'Image Size',
		name: 'size',
		type: 'options',
		default: 'aspectRatio',
		options: [
			{ name: 'Aspect Ratio', value: 'aspectRatio', description: 'One of MiniMax’s fixed sizes' },
			{
				name: 'Custom Width × Height',
				value: 'custom',
				description: '512–2048 pixels each, multiples of 8 (Image 01 only)',
			},
		],
	},
	{
		displayName: 'Aspect Ratio',
		name: 'aspectRatio',
		type: 'options',
		default: '1:1',
		options: ASPECT_RATIO_OPTIONS,
		displayOptions: { show: { size: ['aspectRatio'] } },
		description: 'The shape of the images; the resulting pixel size is shown next to each ratio',
	},
	{
		displayName: 'Width',
		name: 'width',
		type: 'number',
		default: 1024,
		typeOptions: { minValue: SIZE_LIMITS.min, maxValue: SIZE_LIMITS.max, numberPrecision: 0 },
		displayOptions: { show: { size: ['custom'] } },
		description: 'Width in pixels: 512–2048, a multiple of 8',
	},
	{
		displayName: 'Height',
		name: 'height',
		type: 'number',
		default: 1024,
		typeOptions: { minValue: SIZE_LIMITS.min, maxValue: SIZE_LIMITS.max, numberPrecision: 0 },
		displayOptions: { show: { size: ['custom'] } },
		description: 'Height in pixels: 512–2048, a multiple of 8',
	},
	{
		displayName: 'Number of Images',
		name: 'numberOfImages',
		type: 'number',
		default: 1,
		typeOptions: { minValue: 1, maxValue: MAX_IMAGES, numberPrecision: 0 },
		description:
			'How many images to make from this prompt (1–9); each image becomes its own output item. Each image is billed.',
	},
	...fileSourceProperties({
		source: {
			displayName: 'Character Reference',
			name: 'referenceSource',
			optional: true,
			binary: 'A JPG or PNG portrait from an earlier node',
			url: 'A public link to a JPG or PNG portrait',
			description:
				'A front-facing portrait whose character appears in the images (JPG/PNG under 10 MB)',
		},
		binary: {
			displayName: 'Character Image Field',
			name: 'binaryPropertyName',
			what: 'the portrait',
			description: 'The portrait whose character appears in the images (JPG or PNG, under 10 MB)',
		},
		url: {
			displayName: 'Character Image URL',
			name: 'referenceUrl',
			placeholder: 'https://example.com/portrait.jpg',
			description: 'A public link to the portrait (JPG or PNG, under 10 MB); MiniMax downloads it',
		},
	}),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'AIGC Watermark',
				name: 'aigcWatermark',
				type: 'boolean',
				default: false,
				description: 'Whether to mark the images as AI-generated',
			},
			concurrencyOption,
			maxRateLimitWaitOption,
			maxRetriesOption,
			{
				displayName: 'Prompt Optimizer',
				name: 'promptOptimizer',
				type: 'boolean',
				default: false,
				description: 'Whether MiniMax rewrites the prompt to improve the result',
			},
			outputFieldOption,
			requestsPerMinuteOption('image'),
			retryDelayOption,
			{
				displayName: 'Return Links Only',
				name: 'returnLinksOnly',
				type: 'boolean',
				default: false,
				description:
					'Whether to skip the download and return only the image links (valid 24 hours)',
			},
			{
				displayName: 'Seed',
				name: 'seed',
				type: 'number',
				default: 0,
				typeOptions: { minValue: 0, numberPrecision: 0 },
				description: 'A fixed seed makes the same prompt give the same images',
			},
			{
				displayName: 'Style',
				name: 'style',
				type: 'options',
				default: '漫画',
				options: STYLE_OPTIONS,
				description: 'An art style (Image 01 Live only; documented on MiniMax’s China platform)',
			},
			{
				displayName: 'Style Weight',
				name: 'styleWeight',
				type: 'number',
				default: 0.8,
				typeOptions: { minValue: 0.01, maxValue: 1, numberPrecision: 2 },
				description: 'How strongly the style applies, greater than 0 and up to 1',
			},
			{
				displayName: 'Transfer Format',
				name: 'responseFormat',
				type: 'options',
				default: 'url',
				options: [
					{
						name: 'URL',
						value: 'url',
						description: 'MiniMax returns links; the node downloads them',
					},
					{
						name: 'Base64',
						value: 'base64',
						description: 'MiniMax returns the images inside the response',
					},
				],
				description: 'How MiniMax hands the images over; the output is the same binary either way',
			},
		],
	},
];

export const description = updateDisplayOptions({ show: { operation: ['generate'] } }, properties);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const check = new InputValidator(this.getNode(), itemIndex);
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const common = readCommonOptions(options);
	const settings = await readImageSettings(this, itemIndex, check, options);

	const { body, traceId } = (await miniMaxRequest.call(this, {
		method: 'POST',
		path: '/v1/image_generation',
		body: settings.body,
		itemIndex,
		createsJob: true,
		timeoutMs: GENERATION_TIMEOUT_MS,
	})) as MiniMaxResponse<ImageResponse>;
	return await imageItems(this, itemIndex, settings, body, common.outputField, traceId ?? body.id);
}
