import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import {
	binaryFieldProperty,
	binaryOrUrlOptions,
	urlFieldProperty,
} from '../../shared/descriptions/fileSource';
import { getInputBinary, readInputBinaryBuffer } from '../../shared/media/binary';
import { sniffImage } from '../../shared/media/imageInfo';
import type { InputValidator } from '../../shared/validation';

/**
 * Images for MiniMax video requests (frames, subjects, template media, H3 references): a binary of
 * the input item sent as a data URL, or a URL passed through. MiniMax's rules are checked first:
 * JPG/PNG/WebP, under 20 MB, short side over 300 px, aspect ratio between 2:5 and 5:2.
 */

export type ImageSource = 'binary' | 'url';

export const MAX_IMAGE_BYTES = 20 * 1024 * 1024;
const MIN_SHORT_SIDE = 300;
const ACCEPTED_MIME = /^image\/(jpeg|jpg|pjpeg|png|webp)$/i;
const ACCEPTED_EXTENSION = /^(jpe?g|png|webp)$/i;

export const imageSourceOptions = binaryOrUrlOptions({
	binary: 'A JPG, PNG or WebP image from an earlier node',
	url: 'A public link to a JPG, PNG or WebP image',
});

export interface ImageRequest {
	/** The parameter as the user sees it, for error messages. */
	parameter: string;
	source: ImageSource;
	/** The binary field name, or the URL. */
	value: unknown;
	/** Default 20 MB (v1); MiniMax-H3 takes up to 30 MB. */
	maxBytes?: number;
}

/** Returns the value MiniMax expects in an image field: a data URL or the URL itself. */
export async function imageForRequest(
	ctx: IExecuteFunctions,
	itemIndex: number,
	check: InputValidator,
	request: ImageRequest,
): Promise<string> {
	if (request.source === 'url') return imageUrl(check, request.parameter, request.value);
	const property = check.text(request.parameter, String(request.value ?? '').trim(), { min: 1 });
	const input = getInputBinary(ctx, itemIndex, property, request.parameter);
	const extension = (
		input.meta.fileExtension ??
		input.fileName.split('.').pop() ??
		''
	).toLowerCase();
	if (!ACCEPTED_MIME.test(input.mimeType) && !ACCEPTED_EXTENSION.test(extension)) {
		check.fail(
			request.parameter,
			`the file "${input.fileName}" is ${input.mimeType}; MiniMax accepts JPG, PNG or WebP images`,
		);
	}
	const maxBytes = request.maxBytes ?? MAX_IMAGE_BYTES;
	if (input.size !== undefined && input.size >= maxBytes)
		tooLarge(check, request.parameter, input.fileName, input.size, maxBytes);
	const data = await readInputBinaryBuffer(ctx, itemIndex, property);
	if (data.length >= maxBytes)
		tooLarge(check, request.parameter, input.fileName, data.length, maxBytes);
	const info = sniffImage(data);
	if (!info || info.format === 'gif') {
		check.fail(
			request.parameter,
			`the file "${input.fileName}" is not a JPG, PNG or WebP image (its content says ${info?.format ?? 'otherwise'})`,
		);
	}
	if (info.width && info.height) {
		const size = `${info.width}×${info.height} px`;
		if (Math.min(info.width, info.height) <= MIN_SHORT_SIDE) {
			check.fail(
				request.parameter,
				`the image "${input.fileName}" is ${size}; its short side must be over ${MIN_SHORT_SIDE} px`,
			);
		}
		const ratio = info.width / info.height;
		if (ratio < 2 / 5 || ratio > 5 / 2) {
			check.fail(
				request.parameter,
				`the image "${input.fileName}" is ${size}; its aspect ratio must be between 2:5 and 5:2`,
			);
		}
	}
	return `data:${info.mimeType};base64,${data.toString('base64')}`;
}

function imageUrl(check: InputValidator, parameter: string, value: unknown): string {
	const url = check.text(parameter, String(value ?? '').trim(), { min: 1 });
	if (/^data:image\/(jpeg|jpg|png|webp);base64,/i.test(url)) return url;
	if (!/^https?:\/\/\S+$/i.test(url)) check.fail(parameter, `"${url}" is not an http(s) URL`);
	return url;
}

function tooLarge(
	check: InputValidator,
	parameter: string,
	fileName: string,
	bytes: number,
	maxBytes: number,
): never {
	const mb = (value: number) => (value / 1024 / 1024).toFixed(value % (1024 * 1024) ? 1 : 0);
	return check.fail(
		parameter,
		`the file "${fileName}" is ${mb(bytes)} MB; images must be smaller than ${mb(maxBytes)} MB`,
	);
}

/** The binary input parameter of one image role: `binaryPropertyNameFirstFrame` for `firstFrame`. */
export function binaryPropertyNameOf(role: string): string {
	return `binaryPropertyName${role.charAt(0).toUpperCase()}${role.slice(1)}`;
}

/**
 * Binary field (`binaryPropertyName<Role>`) + URL (`<role>Url`) for one image, shown for the given
 * operation modes and the "Image Source" choice. `what` names the image, e.g. "last frame".
 */
export function imageProperties(
	role: string,
	label: string,
	show: Record<string, string[]>,
	defaultField: string,
	what: string,
): INodeProperties[] {
	return [
		binaryFieldProperty({
			displayName: `${label} Binary Field`,
			name: binaryPropertyNameOf(role),
			default: defaultField,
			what: `the ${label.toLowerCase()}`,
			description: `The ${what} (JPG, PNG or WebP, under 20 MB)`,
			show: { ...show, imageSource: ['binary'] },
		}),
		urlFieldProperty({
			displayName: `${label} URL`,
			name: `${role}Url`,
			placeholder: 'https://example.com/image.jpg',
			description: `A public link to the ${what} (JPG, PNG or WebP, under 20 MB)`,
			show: { ...show, imageSource: ['url'] },
		}),
	];
}
