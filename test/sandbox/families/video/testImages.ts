import { deflateSync } from 'zlib';

/** Small real images for video tests (frames, subjects, template media), built in memory. */

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
	let c = n;
	for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
	return c >>> 0;
});

function crc32(data: Buffer): number {
	let crc = 0xffffffff;
	for (const byte of data) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
	return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
	const length = Buffer.alloc(4);
	length.writeUInt32BE(data.length);
	const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
	const crc = Buffer.alloc(4);
	crc.writeUInt32BE(crc32(body));
	return Buffer.concat([length, body, crc]);
}

/** A solid-colour RGB PNG with a diagonal stripe. */
export function pngImage(
	width: number,
	height: number,
	rgb: [number, number, number] = [40, 120, 200],
): Buffer {
	const header = Buffer.alloc(13);
	header.writeUInt32BE(width, 0);
	header.writeUInt32BE(height, 4);
	header[8] = 8; // bit depth
	header[9] = 2; // truecolour
	const rows = Buffer.alloc((width * 3 + 1) * height);
	for (let y = 0; y < height; y++) {
		const row = y * (width * 3 + 1);
		for (let x = 0; x < width; x++) {
			const stripe = Math.abs(x - y) < 8;
			rows[row + 1 + x * 3] = stripe ? 255 : rgb[0];
			rows[row + 2 + x * 3] = stripe ? 255 : rgb[1];
			rows[row + 3 + x * 3] = stripe ? 255 : rgb[2];
		}
	}
	return Buffer.concat([
		Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		chunk('IHDR', header),
		chunk('IDAT', deflateSync(rows)),
		chunk('IEND', Buffer.alloc(0)),
	]);
}

/** The first bytes of a WebP (extended format) of the given size; enough for header sniffing. */
export function webpHeader(width: number, height: number): Buffer {
	const data = Buffer.alloc(30);
	data.write('RIFF', 0, 'latin1');
	data.writeUInt32LE(22, 4);
	data.write('WEBP', 8, 'latin1');
	data.write('VP8X', 12, 'latin1');
	data.writeUInt32LE(10, 16);
	data.writeUIntLE(width - 1, 24, 3);
	data.writeUIntLE(height - 1, 27, 3);
	return data;
}

/** A GIF header: a real image type MiniMax does not accept. */
export function gifImage(): Buffer {
	return Buffer.from('R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==', 'base64');
}

export const dataUrl = (mime: string, data: Buffer) =>
	`data:${mime};base64,${data.toString('base64')}`;
