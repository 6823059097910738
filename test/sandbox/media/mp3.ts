import type { EncodedAudio } from './flac';
import { createMp3Encoder } from './lame';
import { type FrameRun, type Note, noteKey, pcmFrame, samplesPerFrame } from './pcm';

const BITRATES_V1 = [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320];
const BITRATES_V2 = [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160];
const RATES: Record<number, number[]> = {
	3: [44100, 48000, 32000],
	2: [22050, 24000, 16000],
	0: [11025, 12000, 8000],
};

export interface Mp3FrameHeader {
	offset: number;
	length: number;
	/** 1, 2 or 2.5 */
	version: number;
	bitrate: number;
	sampleRate: number;
	padding: boolean;
	channels: number;
	samples: number;
}

/** Parses the MPEG audio Layer III frame header at `offset`, or returns undefined. */
export function readMp3Frame(buf: Buffer, offset: number): Mp3FrameHeader | undefined {
	if (offset + 4 > buf.length || buf[offset] !== 0xff || (buf[offset + 1] & 0xe0) !== 0xe0)
		return undefined;
	const versionBits = (buf[offset + 1] >> 3) & 3;
	const layerBits = (buf[offset + 1] >> 1) & 3;
	const bitrateIndex = buf[offset + 2] >> 4;
	const rateIndex = (buf[offset + 2] >> 2) & 3;
	if (
		versionBits === 1 ||
		layerBits !== 1 ||
		bitrateIndex === 0 ||
		bitrateIndex === 15 ||
		rateIndex === 3
	)
		return undefined;
	const v1 = versionBits === 3;
	const bitrate = (v1 ? BITRATES_V1 : BITRATES_V2)[bitrateIndex] * 1000;
	const sampleRate = RATES[versionBits][rateIndex];
	const padding = ((buf[offset + 2] >> 1) & 1) === 1;
	const length = Math.floor(((v1 ? 144 : 72) * bitrate) / sampleRate) + (padding ? 1 : 0);
	return {
		offset,
		length,
		version: v1 ? 1 : versionBits === 2 ? 2 : 2.5,
		bitrate,
		sampleRate,
		padding,
		channels: buf[offset + 3] >> 6 === 3 ? 1 : 2,
		samples: v1 ? 1152 : 576,
	};
}

/** All consecutive frames from the start of the buffer. */
export function parseMp3Frames(buf: Buffer): Mp3FrameHeader[] {
	const frames: Mp3FrameHeader[] = [];
	let offset = 0;
	while (offset < buf.length) {
		const frame = readMp3Frame(buf, offset);
		if (!frame || offset + frame.length > buf.length) break;
		frames.push(frame);
		offset += frame.length;
	}
	return frames;
}

interface SteadyFrame {
	plain: Buffer;
	padded: Buffer;
	bitrate: number;
}

const steadyCache = new Map<string, SteadyFrame>();

/**
 * The encoded frame of a note in steady state. lamejs runs with the bit reservoir disabled, so
 * every frame carries all its own data and frames can be repeated and spliced freely.
 */
function steadyFrame(
	note: Note | null,
	sampleRate: number,
	channels: number,
	kbps: number,
): SteadyFrame {
	const key = `${sampleRate}/${channels}/${kbps}/${noteKey(note)}`;
	const cached = steadyCache.get(key);
	if (cached) return cached;
	const spf = samplesPerFrame(sampleRate);
	const frame = pcmFrame(note, { sampleRate, channels: 1 });
	const mono = new Int16Array(spf * 10);
	for (let i = 0; i < 10; i++) {
		for (let n = 0; n < spf; n++) mono[i * spf + n] = frame.readInt16LE(n * 2);
	}
	const encoder = createMp3Encoder(channels, sampleRate, kbps);
	const out = Buffer.concat([
		toBuffer(channels === 2 ? encoder.encodeBuffer(mono, mono) : encoder.encodeBuffer(mono)),
		toBuffer(encoder.flush()),
	]);
	const frames = parseMp3Frames(out).slice(4);
	const pick = frames.find((f) => !f.padding) ?? frames[0];
	if (!pick || pick.sampleRate !== sampleRate)
		throw new Error(`lamejs produced no usable frame for ${key}`);
	const encoded = Buffer.from(out.subarray(pick.offset, pick.offset + pick.length));
	let plain = encoded;
	let padded = encoded;
	if (!pick.padding) {
		padded = Buffer.concat([encoded, Buffer.alloc(1)]);
		padded[2] |= 0x02;
	} else if (mainDataEnd(encoded, pick) < encoded.length) {
		// The padding slot holds no audio data here, so the frame is valid without it.
		plain = Buffer.from(encoded.subarray(0, encoded.length - 1));
		plain[2] &= ~0x02;
	}
	const steady = { plain, padded, bitrate: pick.bitrate };
	steadyCache.set(key, steady);
	return steady;
}

/** Byte offset just past the Layer III main data (the frame holds all of it: no bit reservoir). */
export function mainDataEnd(frame: Buffer, header: Mp3FrameHeader): number {
	const v1 = header.version === 1;
	const crc = (frame[1] & 1) === 0 ? 2 : 0;
	const sideStart = 4 + crc;
	const sideBytes = v1 ? (header.channels === 1 ? 17 : 32) : header.channels === 1 ? 9 : 17;
	// Bits before the first granule: main_data_begin, private bits, scfsi (MPEG-1 only).
	const leading = v1
		? 9 + (header.channels === 1 ? 5 : 3) + 4 * header.channels
		: 8 + (header.channels === 1 ? 1 : 2);
	const perChannel = v1 ? 59 : 63;
	const granules = v1 ? 2 : 1;
	let bits = 0;
	for (let g = 0; g < granules; g++) {
		for (let c = 0; c < header.channels; c++) {
			const at = sideStart * 8 + leading + (g * header.channels + c) * perChannel;
			bits += readBits(frame, at, 12);
		}
	}
	return sideStart + sideBytes + Math.ceil(bits / 8);
}

function readBits(buf: Buffer, bitOffset: number, width: number): number {
	let value = 0;
	for (let i = 0; i < width; i++) {
		const bit = bitOffset + i;
		value = (value << 1) | ((buf[bit >> 3] >> (7 - (bit & 7))) & 1);
	}
	return value;
}

function toBuffer(bytes: Int8Array): Buffer {
	return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
}

export interface Mp3Result extends EncodedAudio {
	/** The bitrate really used; lamejs caps it (160 kbps below 32 kHz, 64 kbps at 8 kHz). */
	bitrate: number;
}

/** CBR MP3 for the runs: one MPEG frame per grid frame, padding slots distributed as an encoder does. */
export function encodeMp3(
	runs: readonly FrameRun[],
	sampleRate: number,
	channels: number,
	bitrate: number,
): Mp3Result {
	const kbps = Math.round(bitrate / 1000);
	const spf = samplesPerFrame(sampleRate);
	const parts: Buffer[] = [];
	const boundaries: number[] = [];
	let offset = 0;
	let carry = 0;
	let realBitrate = steadyFrame(null, sampleRate, channels, kbps).bitrate;
	for (const run of runs) {
		const steady = steadyFrame(run.note, sampleRate, channels, kbps);
		realBitrate = steady.bitrate;
		const bytesTimesRate = (steady.bitrate / 8) * spf;
		const remainder = bytesTimesRate % sampleRate;
		for (let i = 0; i < run.frames; i++) {
			carry += remainder;
			const frame = carry >= sampleRate ? steady.padded : steady.plain;
			if (carry >= sampleRate) carry -= sampleRate;
			boundaries.push(offset);
			parts.push(frame);
			offset += frame.length;
		}
	}
	return { bytes: Buffer.concat(parts), boundaries, bitrate: realBitrate };
}
