import { invalidParams } from '../../http/errors';

/**
 * Frame and reference images as MiniMax checks them: a public http(s) URL (not fetched here) or a
 * data URL whose bytes are really JPEG, PNG or WebP, under 20 MB, short side over 300 px and an
 * aspect ratio between 2:5 and 5:2.
 */

export interface ImageInfo {
	format: 'jpeg' | 'png' | 'webp';
	width: number;
	height: number;
	bytes: number;
}

export const MAX_IMAGE_BYTES = 20 * 1024 * 1024;
const MIN_SHORT_SIDE = 300;

/** Width and height from the first bytes of a JPEG, PNG or WebP file. */
export function sniffImage(data: Buffer): ImageInfo | undefined {
	if (
		data.length >= 24 &&
		data.readUInt32BE(0) === 0x89504e47 &&
		data.toString('latin1', 12, 16) === 'IHDR'
	) {
		return {
			format: 'png',
			width: data.readUInt32BE(16),
			height: data.readUInt32BE(20),
			bytes: data.length,
		};
	}
	if (
		data.length >= 30 &&
		data.toString('latin1', 0, 4) === 'RIFF' &&
		data.toString('latin1', 8, 12) === 'WEBP'
	) {
		const chunk = data.toString('latin1', 12, 16);
		if (chunk === 'VP8X')
			return {
				format: 'webp',
				width: data.readUIntLE(24, 3) + 1,
				height: data.readUIntLE(27, 3) + 1,
				bytes: data.length,
			};
		if (chunk === 'VP8L') {
			const bits = data.readUInt32LE(21);
			return {
				format: 'webp',
				width: (bits & 0x3fff) + 1,
				height: ((bits >> 14) & 0x3fff) + 1,
				bytes: data.length,
			};
		}
		if (chunk === 'VP8 ')
			return {
				format: 'webp',
				width: data.readUInt16LE(26) & 0x3fff,
				height: data.readUInt16LE(28) & 0x3fff,
				bytes: data.length,
			};
		return undefined;
	}
	if (data.length >= 4 && data[0] === 0xff && data[1] === 0xd8) return sniffJpeg(data);
	return undefined;
}

function sniffJpeg(data: Buffer): ImageInfo | undefined {
	let offset = 2;
	while (offset + 9 < data.length) {
		if (data[offset] !== 0xff) return undefined;
		const marker = data[offset + 1];
		const length = data.readUInt16BE(offset + 2);
		const isFrameHeader =
			marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
		if (isFrameHeader) {
			return {
				format: 'jpeg',
				height: data.readUInt16BE(offset + 5),
				width: data.readUInt16BE(offset + 7),
				bytes: data.length,
			};
		}
		offset += 2 + length;
	}
	return undefined;
}

/** Checks one image field; returns the image's size when it came as a data URL. */
export function checkImage(field: string, value: unknown): ImageInfo | undefined {
	if (typeof value !== 'string' || value === '')
		throw invalidParams(field, 'must be a non-empty string (image URL or data URL)');
	if (/^https?:\/\/\S+$/i.test(value)) return undefined;
	const match = /^data:image\/(jpeg|jpg|png|webp);base64,([A-Za-z0-9+/=\s]+)$/i.exec(value);
	if (!match)
		throw invalidParams(field, 'must be an http(s) URL or a data:image/(jpeg|png|webp);base64 URL');
	const data = Buffer.from(match[2], 'base64');
	if (data.length >= MAX_IMAGE_BYTES) throw invalidParams(field, 'image must be smaller than 20MB');
	const info = sniffImage(data);
	if (!info) throw invalidParams(field, 'image format must be JPG, JPEG, PNG or WebP');
	const declared = match[1].toLowerCase() === 'jpg' ? 'jpeg' : match[1].toLowerCase();
	if (declared !== info.format)
		throw invalidParams(field, `data URL says image/${match[1]} but the bytes are ${info.format}`);
	const short = Math.min(info.width, info.height);
	if (short <= MIN_SHORT_SIDE)
		throw invalidParams(
			field,
			`image short side must be greater than ${MIN_SHORT_SIDE}px, got ${info.width}x${info.height}`,
		);
	const ratio = info.width / info.height;
	if (ratio < 2 / 5 || ratio > 5 / 2)
		throw invalidParams(
			field,
			`image aspect ratio must be between 2:5 and 5:2, got ${info.width}x${info.height}`,
		);
	return info;
}
