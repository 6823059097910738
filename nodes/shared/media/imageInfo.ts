/**
 * Recognises JPEG, PNG, WebP and GIF from their first bytes (magic numbers), with the pixel size
 * when the header carries it. Used to name and type images by what they are, not by their URL.
 */
export type ImageFormat = 'jpeg' | 'png' | 'webp' | 'gif';

export interface ImageInfo {
	format: ImageFormat;
	mimeType: string;
	extension: string;
	width?: number;
	height?: number;
}

const TYPES: Record<ImageFormat, { mimeType: string; extension: string }> = {
	jpeg: { mimeType: 'image/jpeg', extension: 'jpg' },
	png: { mimeType: 'image/png', extension: 'png' },
	webp: { mimeType: 'image/webp', extension: 'webp' },
	gif: { mimeType: 'image/gif', extension: 'gif' },
};

/** How many leading bytes sniffImage needs to read a JPEG size in the usual layouts. */
export const IMAGE_HEAD_BYTES = 64 * 1024;

export function sniffImage(data: Buffer): ImageInfo | undefined {
	if (data.length >= 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff)
		return info('jpeg', jpegSize(data));
	if (
		data.length >= 24 &&
		data.readUInt32BE(0) === 0x89504e47 &&
		data.readUInt32BE(4) === 0x0d0a1a0a
	) {
		return info('png', { width: data.readUInt32BE(16), height: data.readUInt32BE(20) });
	}
	if (
		data.length >= 12 &&
		data.toString('ascii', 0, 4) === 'RIFF' &&
		data.toString('ascii', 8, 12) === 'WEBP'
	)
		return info('webp', webpSize(data));
	if (data.length >= 10 && /^GIF8[79]a$/.test(data.toString('ascii', 0, 6))) {
		return info('gif', { width: data.readUInt16LE(6), height: data.readUInt16LE(8) });
	}
	return undefined;
}

function info(format: ImageFormat, size?: { width: number; height: number }): ImageInfo {
	return { format, ...TYPES[format], ...(size ?? {}) };
}

/** Walks the JPEG markers to the first start-of-frame segment. */
function jpegSize(data: Buffer): { width: number; height: number } | undefined {
	let offset = 2;
	while (offset + 9 < data.length) {
		if (data[offset] !== 0xff) return undefined;
		const marker = data[offset + 1];
		if (marker === 0xff) {
			offset++;
			continue;
		}
		const isStartOfFrame =
			marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
		if (isStartOfFrame)
			return { height: data.readUInt16BE(offset + 5), width: data.readUInt16BE(offset + 7) };
		offset += 2 + data.readUInt16BE(offset + 2);
	}
	return undefined;
}

function webpSize(data: Buffer): { width: number; height: number } | undefined {
	const chunk = data.toString('ascii', 12, 16);
	if (chunk === 'VP8X' && data.length >= 30)
		return { width: data.readUIntLE(24, 3) + 1, height: data.readUIntLE(27, 3) + 1 };
	if (chunk === 'VP8 ' && data.length >= 30)
		return { width: data.readUInt16LE(26) & 0x3fff, height: data.readUInt16LE(28) & 0x3fff };
	if (chunk === 'VP8L' && data.length >= 25) {
		const bits = data.readUInt32LE(21);
		return { width: (bits & 0x3fff) + 1, height: ((bits >> 14) & 0x3fff) + 1 };
	}
	return undefined;
}
