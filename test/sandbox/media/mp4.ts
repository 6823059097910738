import { Readable } from 'stream';

import type { StreamedBody } from '../http/reply';

/**
 * MP4 helpers: read the top-level boxes, and pad a real (small) MP4 to any size with a trailing
 * `free` box — still a valid file for players and ffprobe, served as a stream so that a 220 MB
 * video never exists in memory.
 */

export interface Mp4Box {
	type: string;
	offset: number;
	size: number;
}

const CHUNK_BYTES = 256 * 1024;
const ZEROS = Buffer.alloc(CHUNK_BYTES);
const MAX_32BIT_BOX = 0xffffffff;

/** Top-level boxes of an MP4 held in memory (or its first bytes). */
export function readBoxes(data: Buffer): Mp4Box[] {
	const boxes: Mp4Box[] = [];
	let offset = 0;
	while (offset + 8 <= data.length) {
		let size = data.readUInt32BE(offset);
		const type = data.toString('latin1', offset + 4, offset + 8);
		if (size === 1) {
			if (offset + 16 > data.length) break;
			size = Number(data.readBigUInt64BE(offset + 8));
		} else if (size === 0) {
			size = data.length - offset;
		}
		if (size < 8) throw new Error(`malformed MP4 box "${type}" at ${offset} (size ${size})`);
		boxes.push({ type, offset, size });
		offset += size;
	}
	return boxes;
}

/** Header of a `free` box of `size` bytes in total (64-bit size when it does not fit 32 bits). */
export function freeBoxHeader(size: number): Buffer {
	if (size <= MAX_32BIT_BOX) {
		const header = Buffer.alloc(8);
		header.writeUInt32BE(size, 0);
		header.write('free', 4, 'latin1');
		return header;
	}
	const header = Buffer.alloc(16);
	header.writeUInt32BE(1, 0);
	header.write('free', 4, 'latin1');
	header.writeBigUInt64BE(BigInt(size), 8);
	return header;
}

/** `mp4` followed by a zero-filled `free` box, `totalBytes` long, streamed in 256 KiB chunks. */
export function paddedMp4(mp4: Buffer, totalBytes: number): StreamedBody {
	const paddingBytes = totalBytes - mp4.length;
	if (!Number.isSafeInteger(totalBytes) || paddingBytes < 16) {
		throw new RangeError(
			`a padded MP4 must be at least ${mp4.length + 16} bytes, got ${totalBytes}`,
		);
	}
	const head = Buffer.concat([mp4, freeBoxHeader(paddingBytes)]);
	return {
		size: totalBytes,
		open(start = 0, end = totalBytes - 1) {
			return Readable.from(chunksOf(head, start, Math.min(end, totalBytes - 1)), {
				objectMode: false,
			});
		},
	};
}

function* chunksOf(head: Buffer, start: number, end: number): Generator<Buffer> {
	let position = start;
	while (position <= end) {
		if (position < head.length) {
			const stop = Math.min(head.length, end + 1);
			yield head.subarray(position, stop);
			position = stop;
			continue;
		}
		const length = Math.min(CHUNK_BYTES, end + 1 - position);
		yield length === CHUNK_BYTES ? ZEROS : ZEROS.subarray(0, length);
		position += length;
	}
}

/** Parses sizes such as "220MB", "1.5GB", "500000" (bytes); MB/GB are binary (MiB/GiB). */
export function parseByteSize(text: string): number | undefined {
	const match = /^\s*(\d+(?:\.\d+)?)\s*(B|KB|MB|GB)?\s*$/i.exec(text);
	if (!match) return undefined;
	const factor = { B: 1, KB: 1024, MB: 1024 ** 2, GB: 1024 ** 3 }[
		(match[2] ?? 'B').toUpperCase() as 'B'
	];
	return Math.round(Number(match[1]) * factor);
}
