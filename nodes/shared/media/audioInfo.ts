/**
 * Reads the format and duration of MP3, WAV and M4A files from their bytes, so limits such as
 * "prompt audio under 8 s" are checked before anything is uploaded or billed.
 */
export type AudioContainer = 'mp3' | 'wav' | 'm4a';

export interface AudioInfo {
	format: AudioContainer;
	/** Seconds; undefined when the file is recognised but its length cannot be read. */
	durationSeconds?: number;
}

export function sniffAudio(data: Buffer): AudioInfo | undefined {
	if (
		data.length >= 12 &&
		data.toString('ascii', 0, 4) === 'RIFF' &&
		data.toString('ascii', 8, 12) === 'WAVE'
	) {
		return { format: 'wav', durationSeconds: wavDuration(data) };
	}
	if (data.length >= 12 && data.toString('ascii', 4, 8) === 'ftyp') {
		return { format: 'm4a', durationSeconds: mp4Duration(data) };
	}
	const start = skipId3(data);
	if (start + 4 <= data.length && parseMp3Header(data, start)) {
		return { format: 'mp3', durationSeconds: mp3Duration(data, start) };
	}
	return undefined;
}

function wavDuration(data: Buffer): number | undefined {
	let offset = 12;
	let byteRate: number | undefined;
	while (offset + 8 <= data.length) {
		const id = data.toString('ascii', offset, offset + 4);
		const size = data.readUInt32LE(offset + 4);
		if (id === 'fmt ' && offset + 16 <= data.length) byteRate = data.readUInt32LE(offset + 16);
		if (id === 'data')
			return byteRate ? Math.min(size, data.length - offset - 8) / byteRate : undefined;
		offset += 8 + size + (size % 2);
	}
	return undefined;
}

function skipId3(data: Buffer): number {
	if (data.length < 10 || data.toString('ascii', 0, 3) !== 'ID3') return 0;
	const size =
		((data[6] & 0x7f) << 21) |
		((data[7] & 0x7f) << 14) |
		((data[8] & 0x7f) << 7) |
		(data[9] & 0x7f);
	return 10 + size + (data[5] & 0x10 ? 10 : 0);
}

const BITRATES: Record<string, number[]> = {
	'1-1': [0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448],
	'1-2': [0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384],
	'1-3': [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320],
	'2-1': [0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256],
	'2-2': [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
};
const SAMPLE_RATES: Record<number, number[]> = {
	1: [44100, 48000, 32000],
	2: [22050, 24000, 16000],
	25: [11025, 12000, 8000],
};

interface Mp3Frame {
	length: number;
	samples: number;
	sampleRate: number;
}

function parseMp3Header(data: Buffer, offset: number): Mp3Frame | undefined {
	if (offset + 4 > data.length || data[offset] !== 0xff || (data[offset + 1] & 0xe0) !== 0xe0)
		return undefined;
	const versionBits = (data[offset + 1] >> 3) & 3;
	const layerBits = (data[offset + 1] >> 1) & 3;
	const bitrateIndex = data[offset + 2] >> 4;
	const rateIndex = (data[offset + 2] >> 2) & 3;
	if (
		versionBits === 1 ||
		layerBits === 0 ||
		bitrateIndex === 0 ||
		bitrateIndex === 15 ||
		rateIndex === 3
	)
		return undefined;
	const version = versionBits === 3 ? 1 : versionBits === 2 ? 2 : 25;
	const layer = 4 - layerBits;
	const bitrate =
		BITRATES[`${version === 1 ? 1 : 2}-${version === 1 ? layer : layer === 1 ? 1 : 2}`][
			bitrateIndex
		] * 1000;
	const sampleRate = SAMPLE_RATES[version][rateIndex];
	const padding = (data[offset + 2] >> 1) & 1;
	const samples = layer === 1 ? 384 : layer === 3 && version !== 1 ? 576 : 1152;
	const length =
		layer === 1
			? (Math.floor((12 * bitrate) / sampleRate) + padding) * 4
			: Math.floor(((samples / 8) * bitrate) / sampleRate) + padding;
	return length > 4 ? { length, samples, sampleRate } : undefined;
}

function mp3Duration(data: Buffer, start: number): number | undefined {
	let offset = start;
	let samples = 0;
	let sampleRate = 0;
	while (offset < data.length) {
		const frame = parseMp3Header(data, offset);
		if (!frame) break;
		samples += frame.samples;
		sampleRate = frame.sampleRate;
		offset += frame.length;
	}
	return sampleRate ? samples / sampleRate : undefined;
}

/** Duration from the movie header box (moov › mvhd). */
function mp4Duration(data: Buffer): number | undefined {
	const moov = findBox(data, 0, data.length, 'moov');
	if (!moov) return undefined;
	const mvhd = findBox(data, moov.start, moov.end, 'mvhd');
	if (!mvhd || mvhd.start + 32 > data.length) return undefined;
	const version = data[mvhd.start];
	if (version === 1) {
		const timescale = data.readUInt32BE(mvhd.start + 20);
		const duration = Number(data.readBigUInt64BE(mvhd.start + 24));
		return timescale ? duration / timescale : undefined;
	}
	const timescale = data.readUInt32BE(mvhd.start + 12);
	const duration = data.readUInt32BE(mvhd.start + 16);
	return timescale ? duration / timescale : undefined;
}

function findBox(
	data: Buffer,
	from: number,
	to: number,
	type: string,
): { start: number; end: number } | undefined {
	let offset = from;
	while (offset + 8 <= to) {
		let size = data.readUInt32BE(offset);
		const name = data.toString('ascii', offset + 4, offset + 8);
		let header = 8;
		if (size === 1 && offset + 16 <= to) {
			size = Number(data.readBigUInt64BE(offset + 8));
			header = 16;
		} else if (size === 0) {
			size = to - offset;
		}
		if (size < header) return undefined;
		if (name === type) return { start: offset + header, end: Math.min(to, offset + size) };
		offset += size;
	}
	return undefined;
}
