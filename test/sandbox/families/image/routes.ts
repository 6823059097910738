import { ApiError, invalidParams } from '../../http/errors';
import { isJpeg } from '../../media/jpeg';
import { isPng } from '../../media/png';
import { jsonReply, type Reply } from '../../http/reply';
import type { Route, RouteContext } from '../../http/routes';
import { Fields, isObject, type JsonObject } from '../../http/validate';
import { renderImage, type ImageEncoding } from './render';

/** Image generation: POST /v1/image_generation (docs/minimax-api.md §8), synchronous. */

export const IMAGE_MODELS = ['image-01', 'image-01-live'] as const;
export const IMAGE_URL_TTL_S = 24 * 3600;
export const MAX_REFERENCE_BYTES = 10 * 1024 * 1024;

/** Pixel sizes MiniMax renders for each aspect ratio; 21:9 is image-01 only. */
export const ASPECT_RATIOS: Record<string, readonly [number, number]> = {
	'1:1': [1024, 1024],
	'16:9': [1280, 720],
	'4:3': [1152, 864],
	'3:2': [1248, 832],
	'2:3': [832, 1248],
	'3:4': [864, 1152],
	'9:16': [720, 1280],
	'21:9': [1344, 576],
};

export const STYLE_TYPES = ['漫画', '元气', '中世纪', '水彩'] as const;

/** Prompt markers: `[[sandbox:block=2]]` blocks two images, `[[sandbox:png]]` answers PNG bytes, `[[sandbox:sensitive]]` → 1026. */
export const BLOCK_MARKER = /\[\[sandbox:block=(\d+)\]\]/;
export const PNG_MARKER = '[[sandbox:png]]';
export const SENSITIVE_MARKER = '[[sandbox:sensitive]]';
const INPUT_SENSITIVE = 1026;

const KNOWN_FIELDS = new Set([
	'model',
	'prompt',
	'aspect_ratio',
	'width',
	'height',
	'response_format',
	'seed',
	'n',
	'prompt_optimizer',
	'subject_reference',
	'aigc_watermark',
	'style',
]);

interface ImageRequest {
	model: string;
	prompt: string;
	width: number;
	height: number;
	format: 'url' | 'base64';
	seed?: number;
	n: number;
}

export function rejectUnknownFields(json: JsonObject, known: ReadonlySet<string>): void {
	for (const key of Object.keys(json)) {
		if (!known.has(key)) throw invalidParams(key, 'unknown parameter');
	}
}

function readSize(json: Fields, model: string): [number, number] {
	const ratio = json.string('aspect_ratio', { oneOf: Object.keys(ASPECT_RATIOS) });
	if (ratio === '21:9' && model !== 'image-01')
		throw invalidParams('aspect_ratio', '21:9 is only available for image-01');
	const hasWidth = json.has('width');
	const hasHeight = json.has('height');
	if (hasWidth !== hasHeight)
		throw invalidParams(hasWidth ? 'height' : 'width', 'width and height must be given together');
	let custom: [number, number] | undefined;
	if (hasWidth) {
		if (model !== 'image-01')
			throw invalidParams('width', 'width and height are only available for image-01');
		custom = [readDimension(json, 'width'), readDimension(json, 'height')];
	}
	// When both are sent, aspect_ratio wins.
	if (ratio) return [...ASPECT_RATIOS[ratio]] as [number, number];
	return custom ?? ([...ASPECT_RATIOS['1:1']] as [number, number]);
}

function readDimension(json: Fields, key: 'width' | 'height'): number {
	const value = json.number(key, { integer: true, min: 512, max: 2048 }) as number;
	if (value % 8 !== 0) throw invalidParams(key, `must be a multiple of 8, got ${value}`);
	return value;
}

/** Base64 text: only its alphabet, with at most two `=` and only at the end (no backtracking regex). */
function isBase64(text: string): boolean {
	const padding = text.length - text.replace(/=+$/, '').length;
	return padding <= 2 && !/[^A-Za-z0-9+/]/.test(text.slice(0, text.length - padding));
}

/** A reference image is a public URL or a data URL of a JPEG/PNG under 10 MB. */
async function checkReferenceImage(path: string, value: string): Promise<void> {
	let data: Buffer;
	if (value.startsWith('data:')) {
		// Header and payload are checked apart: one regex over a 14 MB payload can exhaust V8's regex
		// stack ("Maximum call stack size exceeded", seen once on CI's machine).
		const comma = value.indexOf(',');
		const header = /^data:image\/(jpeg|jpg|png);base64$/.exec(value.slice(0, comma));
		const payload = value.slice(comma + 1);
		const match =
			comma > 0 && header && payload.length > 0 && isBase64(payload)
				? [value, header[1], payload]
				: null;
		if (!match)
			throw invalidParams(
				path,
				'must be a data URL "data:image/jpeg;base64,…" or "data:image/png;base64,…"',
			);
		data = Buffer.from(match[2], 'base64');
	} else if (/^https?:\/\/\S+$/i.test(value)) {
		data = await fetchReference(path, value);
	} else {
		throw invalidParams(path, 'must be a public http(s) URL or a data URL');
	}
	if (data.length >= MAX_REFERENCE_BYTES)
		throw invalidParams(path, 'image must be smaller than 10MB');
	if (!isJpeg(data) && !isPng(data)) throw invalidParams(path, 'image must be JPG, JPEG or PNG');
}

async function fetchReference(path: string, url: string): Promise<Buffer> {
	try {
		const response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
		if (!response.ok) throw new Error(`HTTP ${response.status}`);
		return Buffer.from(await response.arrayBuffer());
	} catch (error) {
		throw invalidParams(path, `image could not be downloaded (${(error as Error).message})`);
	}
}

async function readSubjectReference(json: Fields): Promise<void> {
	const list = json.array('subject_reference', { minItems: 1, maxItems: 1 });
	if (!list) return;
	for (const [index, entry] of list.entries()) {
		const prefix = `subject_reference[${index}]`;
		if (!isObject(entry)) throw invalidParams(prefix, 'must be an object');
		const reference = new Fields(entry, prefix);
		reference.string('type', { required: true, oneOf: ['character'] });
		const file = reference.string('image_file', { required: true, nonEmpty: true }) as string;
		await checkReferenceImage(reference.path('image_file'), file);
	}
}

function readStyle(json: Fields, model: string): void {
	const style = json.object('style');
	if (!style) return;
	if (model !== 'image-01-live')
		throw invalidParams('style', 'style is only available for image-01-live');
	style.string('style_type', { required: true, oneOf: STYLE_TYPES });
	style.number('style_weight', { min: 0, minExclusive: true, max: 1 });
}

async function parseRequest(raw: JsonObject): Promise<ImageRequest> {
	rejectUnknownFields(raw, KNOWN_FIELDS);
	const json = new Fields(raw);
	const model = json.string('model', { required: true, oneOf: IMAGE_MODELS }) as string;
	const prompt = json.string('prompt', {
		required: true,
		nonEmpty: true,
		maxChars: 1500,
	}) as string;
	const [width, height] = readSize(json, model);
	const format = (json.string('response_format', { oneOf: ['url', 'base64'] }) ?? 'url') as
		| 'url'
		| 'base64';
	const seed = json.number('seed', { integer: true });
	const n = json.number('n', { integer: true, min: 1, max: 9 }) ?? 1;
	json.boolean('prompt_optimizer');
	json.boolean('aigc_watermark');
	readStyle(json, model);
	await readSubjectReference(json);
	return { model, prompt, width, height, format, seed, n };
}

async function generate(ctx: RouteContext): Promise<Reply> {
	const request = await parseRequest(ctx.json);
	if (request.prompt.includes(SENSITIVE_MARKER))
		throw new ApiError(INPUT_SENSITIVE, 'input new_sensitive');
	const blocked = Math.min(request.n, Number(BLOCK_MARKER.exec(request.prompt)?.[1] ?? 0));
	const encoding: ImageEncoding = request.prompt.includes(PNG_MARKER) ? 'png' : 'jpeg';
	const id = ctx.env.ids.token(32);
	const images = await Promise.all(
		Array.from({ length: request.n - blocked }, (_, index) =>
			renderImage(
				{
					prompt: request.prompt,
					seed: request.seed,
					index,
					width: request.width,
					height: request.height,
				},
				encoding,
			),
		),
	);
	const data: Record<string, string[]> = {};
	if (request.format === 'base64') {
		data.image_base64 = images.map((image) => image.toString('base64'));
	} else {
		// MiniMax's links always end in .jpeg; clients must look at the bytes.
		data.image_urls = images.map((image, index) =>
			ctx.env.downloads.publish(
				{
					filename: `${id}_${index}.jpeg`,
					contentType: encoding === 'png' ? 'image/png' : 'image/jpeg',
					read: () => image,
				},
				IMAGE_URL_TTL_S,
				ctx.baseUrl,
			),
		);
	}
	if (images.length > 0) {
		ctx.entry.billable = true;
		ctx.entry.jobId = id;
	}
	return jsonReply(ctx.traceId, {
		id,
		data,
		// Counts come back as strings, as in MiniMax's examples.
		metadata: { success_count: String(images.length), failed_count: String(blocked) },
	});
}

export const imageRoutes: Route[] = [
	{ method: 'POST', path: '/v1/image_generation', body: 'json', handle: generate },
];
