import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { InputValidator } from '../../shared/validation';
import {
	ASPECT_RATIO_SIZES,
	IMAGE_MODEL_IDS,
	MAX_IMAGES,
	PROMPT_LIMIT,
	SIZE_LIMITS,
	STYLE_OPTIONS,
} from './imageModels';
import { referenceImageFile, type ReferenceSource } from './subjectReference';

export interface ImageSettings {
	model: string;
	prompt: string;
	count: number;
	/** The size asked for: an aspect ratio, or width × height. */
	aspectRatio?: string;
	width: number;
	height: number;
	format: 'url' | 'base64';
	linksOnly: boolean;
	seed?: number;
	body: IDataObject;
}

/** Reads and checks every image parameter of an item and builds the request body; no call is made. */
export async function readImageSettings(
	ctx: IExecuteFunctions,
	itemIndex: number,
	check: InputValidator,
	options: IDataObject,
): Promise<ImageSettings> {
	const model = check.oneOf('Model', ctx.getNodeParameter('model', itemIndex), IMAGE_MODEL_IDS);
	const prompt = check.text('Prompt', ctx.getNodeParameter('prompt', itemIndex), {
		min: 1,
		max: PROMPT_LIMIT,
	});
	const count = check.number(
		'Number of Images',
		ctx.getNodeParameter('numberOfImages', itemIndex, 1),
		{ min: 1, max: MAX_IMAGES, integer: true },
	);
	const format = check.oneOf('Transfer Format', options.responseFormat ?? 'url', [
		'url',
		'base64',
	] as const);
	const linksOnly = check.boolean('Return Links Only', options.returnLinksOnly);
	if (linksOnly && format === 'base64') {
		check.fail(
			'Return Links Only',
			'links only exist with Transfer Format "URL"',
			'Set Transfer Format to URL, or turn Return Links Only off.',
		);
	}

	const body: IDataObject = { model, prompt, n: count, response_format: format };
	const size = readSize(ctx, itemIndex, check, model);
	Object.assign(body, size.body);

	if (options.seed !== undefined && options.seed !== '') {
		body.seed = check.number('Seed', options.seed, {
			min: 0,
			max: Number.MAX_SAFE_INTEGER,
			integer: true,
		});
	}
	if (options.promptOptimizer !== undefined)
		body.prompt_optimizer = check.boolean('Prompt Optimizer', options.promptOptimizer);
	if (check.boolean('AIGC Watermark', options.aigcWatermark)) body.aigc_watermark = true;
	if (options.style) {
		if (model !== 'image-01-live')
			check.fail('Style', 'styles are only available with the Image 01 Live model');
		const styleType = check.oneOf(
			'Style',
			options.style,
			STYLE_OPTIONS.map((style) => String(style.value)),
		);
		const weight = check.number('Style Weight', options.styleWeight ?? 0.8, {
			min: 0,
			minExclusive: true,
			max: 1,
		});
		body.style = { style_type: styleType, style_weight: weight };
	} else if (options.styleWeight !== undefined) {
		check.fail('Style Weight', 'it needs a Style');
	}

	const source = check.oneOf(
		'Character Reference',
		ctx.getNodeParameter('referenceSource', itemIndex, 'none'),
		['none', 'binary', 'url'] as const,
	);
	const imageFile = await referenceImageFile(ctx, itemIndex, check, source as ReferenceSource);
	if (imageFile) body.subject_reference = [{ type: 'character', image_file: imageFile }];

	return {
		model,
		prompt,
		count,
		format,
		linksOnly,
		seed: body.seed as number | undefined,
		body,
		...size.described,
	};
}

interface SizeChoice {
	body: IDataObject;
	described: { aspectRatio?: string; width: number; height: number };
}

function readSize(
	ctx: IExecuteFunctions,
	itemIndex: number,
	check: InputValidator,
	model: string,
): SizeChoice {
	const mode = check.oneOf('Image Size', ctx.getNodeParameter('size', itemIndex, 'aspectRatio'), [
		'aspectRatio',
		'custom',
	] as const);
	if (mode === 'custom') {
		if (model !== 'image-01')
			check.fail('Image Size', 'a custom width × height is only available with the Image 01 model');
		const width = dimension(check, 'Width', ctx.getNodeParameter('width', itemIndex, 1024));
		const height = dimension(check, 'Height', ctx.getNodeParameter('height', itemIndex, 1024));
		return { body: { width, height }, described: { width, height } };
	}
	const ratio = check.oneOf(
		'Aspect Ratio',
		ctx.getNodeParameter('aspectRatio', itemIndex, '1:1'),
		Object.keys(ASPECT_RATIO_SIZES),
	);
	if (ratio === '21:9' && model !== 'image-01')
		check.fail('Aspect Ratio', '21:9 is only available with the Image 01 model');
	const [width, height] = ASPECT_RATIO_SIZES[ratio];
	return { body: { aspect_ratio: ratio }, described: { aspectRatio: ratio, width, height } };
}

function dimension(check: InputValidator, parameter: string, value: unknown): number {
	const pixels = check.number(parameter, value, {
		min: SIZE_LIMITS.min,
		max: SIZE_LIMITS.max,
		integer: true,
	});
	if (pixels % SIZE_LIMITS.step !== 0) {
		const lower = pixels - (pixels % SIZE_LIMITS.step);
		check.fail(
			parameter,
			`it must be a multiple of 8 (got ${pixels}; try ${lower} or ${lower + SIZE_LIMITS.step})`,
		);
	}
	return pixels;
}
