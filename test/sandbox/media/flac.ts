import { createHash } from 'crypto';

/**
 * Minimal FLAC encoder: STREAMINFO + fixed-blocksize frames with VERBATIM subframes (16-bit),
 * correct CRC-8 header and CRC-16 footer checksums and the MD5 of the decoded samples.
 */

const CRC8 = buildTable(0x07, 8);
const CRC16 = buildTable(0x8005, 16);

function buildTable(poly: number, width: 8 | 16): Uint16Array {
	const table = new Uint16Array(256);
	const top = 1 << (width - 1);
	const mask = (1 << width) - 1;
	for (let i = 0; i < 256; i++) {
		let crc = i << (width - 8);
		for (let b = 0; b < 8; b++) crc = crc & top ? ((crc << 1) ^ poly) & mask : (crc << 1) & mask;
		table[i] = crc;
	}
	return table;
}

export function crc8(data: Uint8Array, end = data.length): number {
	let crc = 0;
	for (let i = 0; i < end; i++) crc = CRC8[(crc ^ data[i]) & 0xff];
	return crc;
}

export function crc16(data: Uint8Array, end = data.length): number {
	let crc = 0;
	for (let i = 0; i < end; i++) crc = ((crc << 8) & 0xffff) ^ CRC16[((crc >> 8) ^ data[i]) & 0xff];
	return crc;
}

const SAMPLE_RATE_CODES: Record<number, number> = {
	8000: 4,
	16000: 5,
	22050: 6,
	24000: 7,
	32000: 8,
	44100: 9,
	48000: 10,
};
const BLOCK_SIZE_CODES: Record<number, number> = { 192: 1, 576: 2, 1152: 3, 2304: 4, 4608: 5 };

/** FLAC's extended UTF-8 coding of the frame number. */
function utf8Number(n: number): number[] {
	if (n < 0x80) return [n];
	let k = 1;
	while (n >= 2 ** (5 * k + 6)) k++;
	const bytes = [((0xff << (7 - k)) & 0xff) | Math.floor(n / 2 ** (6 * k))];
	for (let i = k - 1; i >= 0; i--) bytes.push(0x80 | (Math.floor(n / 2 ** (6 * i)) & 0x3f));
	return bytes;
}

class BitWriter {
	private bytes: number[] = [];
	private acc = 0;
	private bits = 0;

	write(value: number, width: number): void {
		for (let i = width - 1; i >= 0; i--) {
			this.acc = (this.acc << 1) | (Math.floor(value / 2 ** i) & 1);
			if (++this.bits === 8) {
				this.bytes.push(this.acc);
				this.acc = 0;
				this.bits = 0;
			}
		}
	}

	toBuffer(): Buffer {
		return Buffer.from(this.bytes);
	}
}

export interface EncodedAudio {
	bytes: Buffer;
	/** Offsets at which the stream may be split for streaming (first is 0). */
	boundaries: number[];
}

export function encodeFlac(
	pcm: Buffer,
	sampleRate: number,
	channels: number,
	blockSize = 4608,
): EncodedAudio {
	const srCode = SAMPLE_RATE_CODES[sampleRate];
	if (srCode === undefined) throw new RangeError(`FLAC: unsupported sample rate ${sampleRate}`);
	if (channels < 1 || channels > 2)
		throw new RangeError(`FLAC: unsupported channel count ${channels}`);
	const totalSamples = pcm.length / (2 * channels);
	const frames: Buffer[] = [];
	let minFrame = Infinity;
	let maxFrame = 0;
	for (let start = 0, index = 0; start < totalSamples; start += blockSize, index++) {
		const n = Math.min(blockSize, totalSamples - start);
		const frame = encodeFrame(pcm, start, n, index, srCode, channels);
		minFrame = Math.min(minFrame, frame.length);
		maxFrame = Math.max(maxFrame, frame.length);
		frames.push(frame);
	}
	const streamBlock = frames.length > 1 ? blockSize : Math.max(16, totalSamples);
	const info = new BitWriter();
	info.write(streamBlock, 16);
	info.write(streamBlock, 16);
	info.write(frames.length ? minFrame : 0, 24);
	info.write(maxFrame, 24);
	info.write(sampleRate, 20);
	info.write(channels - 1, 3);
	info.write(15, 5);
	info.write(totalSamples, 36);
	const md5 = createHash('md5').update(pcm).digest();
	const head = Buffer.concat([
		Buffer.from('fLaC', 'ascii'),
		Buffer.from([0x80, 0, 0, 34]),
		info.toBuffer(),
		md5,
	]);
	const boundaries = [0];
	let offset = head.length;
	for (const frame of frames) {
		boundaries.push(offset);
		offset += frame.length;
	}
	// The header alone is not a useful chunk: the first chunk carries it plus the first frame.
	if (boundaries.length > 1) boundaries.splice(1, 1);
	return { bytes: Buffer.concat([head, ...frames]), boundaries };
}

function encodeFrame(
	pcm: Buffer,
	start: number,
	n: number,
	index: number,
	srCode: number,
	channels: number,
): Buffer {
	const header: number[] = [0xff, 0xf8];
	const bsCode = BLOCK_SIZE_CODES[n];
	header.push(((bsCode ?? 7) << 4) | srCode);
	header.push(((channels - 1) << 4) | (4 << 1));
	header.push(...utf8Number(index));
	if (bsCode === undefined) header.push(((n - 1) >> 8) & 0xff, (n - 1) & 0xff);
	const headerBytes = Buffer.from(header);
	const frame = Buffer.alloc(headerBytes.length + 1 + channels * (1 + n * 2) + 2);
	headerBytes.copy(frame, 0);
	let pos = headerBytes.length;
	frame[pos] = crc8(frame, pos);
	pos++;
	for (let c = 0; c < channels; c++) {
		frame[pos++] = 0x02; // VERBATIM subframe, no wasted bits
		for (let i = 0; i < n; i++) {
			frame.writeInt16BE(pcm.readInt16LE(((start + i) * channels + c) * 2), pos);
			pos += 2;
		}
	}
	frame.writeUInt16BE(crc16(frame, pos), pos);
	return frame;
}
