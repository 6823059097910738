import type { INodePropertyOptions } from 'n8n-workflow';

export const IMAGE_MODELS: INodePropertyOptions[] = [
	{
		name: 'Image 01',
		value: 'image-01',
		description: 'All aspect ratios (including 21:9) and custom width × height',
	},
	{
		name: 'Image 01 Live',
		value: 'image-01-live',
		description: 'Supports art styles; no 21:9 and no custom size',
	},
];

export const IMAGE_MODEL_IDS = IMAGE_MODELS.map((model) => String(model.value));

/** The pixel size MiniMax renders for each aspect ratio. */
export const ASPECT_RATIO_SIZES: Record<string, readonly [number, number]> = {
	'1:1': [1024, 1024],
	'16:9': [1280, 720],
	'4:3': [1152, 864],
	'3:2': [1248, 832],
	'2:3': [832, 1248],
	'3:4': [864, 1152],
	'9:16': [720, 1280],
	'21:9': [1344, 576],
};

export const ASPECT_RATIO_OPTIONS: INodePropertyOptions[] = Object.entries(ASPECT_RATIO_SIZES).map(
	([ratio, [width, height]]) => ({
		name: `${ratio} (${width} × ${height})${ratio === '21:9' ? ', Image 01 Only' : ''}`,
		value: ratio,
	}),
);

/** Styles of image-01-live (from MiniMax's China platform docs; values are sent as they are). */
export const STYLE_OPTIONS: INodePropertyOptions[] = [
	{ name: 'Comic (漫画)', value: '漫画' },
	{ name: 'Medieval (中世纪)', value: '中世纪' },
	{ name: 'Vibrant (元气)', value: '元气' },
	{ name: 'Watercolor (水彩)', value: '水彩' },
];

export const PROMPT_LIMIT = 1500;
export const MAX_IMAGES = 9;
export const SIZE_LIMITS = { min: 512, max: 2048, step: 8 } as const;
/** Character reference images must be smaller than this. */
export const MAX_REFERENCE_BYTES = 10 * 1024 * 1024;
