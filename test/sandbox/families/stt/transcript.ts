import { createHash } from 'crypto';

import { parseMp3Frames } from '../../media/mp3';
import { readBoxes } from '../../media/mp4';

/**
 * What the speech-to-text sandbox "hears" in an upload: its container (by magic bytes), its length,
 * and a deterministic transcript — the same bytes always give the same words, segments and speakers.
 */

/** Containers the sandbox accepts (docs/minimax-api.md §17.1: "audio or video container"). */
export type SttContainer = 'mp3' | 'wav' | 'aiff' | 'flac' | 'ogg' | 'webm' | 'mp4' | 'aac';

export function sniffContainer(data: Buffer): SttContainer | undefined {
	const ascii = (start: number, end: number) => data.toString('latin1', start, end);
	if (data.length >= 12 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WAVE') return 'wav';
	if (data.length >= 12 && ascii(0, 4) === 'FORM' && /^AIF[FC]$/.test(ascii(8, 12))) return 'aiff';
	if (data.length >= 4 && ascii(0, 4) === 'fLaC') return 'flac';
	if (data.length >= 4 && ascii(0, 4) === 'OggS') return 'ogg';
	if (data.length >= 4 && data.readUInt32BE(0) === 0x1a45dfa3) return 'webm';
	if (data.length >= 12 && ascii(4, 8) === 'ftyp') return 'mp4';
	if (data.length >= 3 && ascii(0, 3) === 'ID3') return 'mp3';
	if (data.length >= 2 && data[0] === 0xff && (data[1] & 0xf6) === 0xf0) return 'aac';
	if (data.length >= 2 && data[0] === 0xff && (data[1] & 0xe0) === 0xe0) return 'mp3';
	return undefined;
}

/** Seconds of audio, read from the container where the sandbox can; else 128 kbit/s by size. */
export function durationOf(data: Buffer, container: SttContainer): number {
	const bySize = data.length / 16000;
	try {
		if (container === 'wav') {
			let offset = 12;
			let byteRate = 0;
			while (offset + 8 <= data.length) {
				const id = data.toString('latin1', offset, offset + 4);
				const size = data.readUInt32LE(offset + 4);
				if (id === 'fmt ') byteRate = data.readUInt32LE(offset + 16);
				if (id === 'data' && byteRate > 0)
					return Math.min(size, data.length - offset - 8) / byteRate;
				offset += 8 + size + (size % 2);
			}
		}
		if (container === 'mp3') {
			const tag =
				data.toString('latin1', 0, 3) === 'ID3'
					? 10 + ((data[6] << 21) | (data[7] << 14) | (data[8] << 7) | data[9])
					: 0;
			// The first frame may be a Xing/Info header: it carries no audio (1152 silent samples at most).
			const frames = parseMp3Frames(data.subarray(tag));
			if (frames.length)
				return frames.reduce((sum, frame) => sum + frame.samples / frame.sampleRate, 0);
		}
		if (container === 'mp4') {
			const moov = readBoxes(data).find((box) => box.type === 'moov');
			const start = moov ? data.indexOf('mvhd', moov.offset, 'latin1') : -1;
			if (start > 0) {
				const version = data[start + 4];
				const timescale = data.readUInt32BE(start + (version === 1 ? 24 : 16));
				const duration =
					version === 1 ? Number(data.readBigUInt64BE(start + 28)) : data.readUInt32BE(start + 20);
				if (timescale > 0) return duration / timescale;
			}
		}
	} catch {
		// Unreadable headers: fall back to the size estimate.
	}
	return bySize;
}

const WORDS = [
	'the',
	'river',
	'morning',
	'light',
	'carries',
	'quiet',
	'voices',
	'across',
	'open',
	'fields',
	'we',
	'listen',
	'while',
	'small',
	'boats',
	'drift',
	'toward',
	'harbor',
	'and',
	'every',
	'story',
	'begins',
	'again',
	'with',
	'warm',
	'bread',
	'soft',
	'rain',
	'bright',
	'windows',
	'people',
	'gather',
	'near',
	'old',
	'bridges',
	'music',
	'fills',
	'narrow',
	'streets',
	'tonight',
];

export interface Segment {
	start: number;
	end: number;
	text: string;
	/** 0-based speaker index, only with diarization. */
	speaker?: number;
}

export interface Transcript {
	text: string;
	durationSeconds: number;
	segments: Segment[];
	speakers: number;
}

/**
 * One segment per started 3 s of audio (at least one), 4–7 words each, chosen by the file's SHA-256.
 * `word` timestamps split every sentence into one segment per word over the sentence's time.
 */
export function transcribe(
	data: Buffer,
	durationSeconds: number,
	diarization?: { speakers: number },
	level: 'sentence' | 'word' = 'sentence',
): Transcript {
	let seed = createHash('sha256').update(data).digest();
	let cursor = 0;
	const next = () => {
		if (cursor >= seed.length) {
			seed = createHash('sha256').update(seed).digest();
			cursor = 0;
		}
		return seed[cursor++];
	};
	const count = Math.max(1, Math.ceil(durationSeconds / 3));
	const step = durationSeconds / count;
	const segments: Segment[] = [];
	for (let index = 0; index < count; index++) {
		const words = Array.from({ length: 4 + (next() % 4) }, () => WORDS[next() % WORDS.length]);
		const sentence = words.join(' ');
		const segment: Segment = {
			start: round(index * step),
			end: round(Math.min(durationSeconds, (index + 1) * step)),
			text: `${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}.`,
		};
		if (diarization) segment.speaker = index % diarization.speakers;
		segments.push(segment);
	}
	return {
		text: segments.map((segment) => segment.text).join(' '),
		durationSeconds: round(durationSeconds),
		segments: level === 'word' ? segments.flatMap(wordsOf) : segments,
		speakers: diarization ? Math.min(diarization.speakers, count) : 1,
	};
}

function wordsOf(sentence: Segment): Segment[] {
	const words = sentence.text.split(' ');
	const step = (sentence.end - sentence.start) / words.length;
	return words.map((text, index) => ({
		...sentence,
		start: round(sentence.start + index * step),
		end: round(index === words.length - 1 ? sentence.end : sentence.start + (index + 1) * step),
		text,
	}));
}

const round = (value: number) => Math.round(value * 1000) / 1000;

function clock(seconds: number, separator: ',' | '.'): string {
	const total = Math.round(seconds * 1000);
	const pad = (value: number, size = 2) => String(value).padStart(size, '0');
	return `${pad(Math.floor(total / 3_600_000))}:${pad(Math.floor((total % 3_600_000) / 60_000))}:${pad(Math.floor((total % 60_000) / 1000))}${separator}${pad(total % 1000, 3)}`;
}

export function toSrt(segments: Segment[]): string {
	return segments
		.map((s, i) => `${i + 1}\n${clock(s.start, ',')} --> ${clock(s.end, ',')}\n${s.text}\n`)
		.join('\n');
}

export function toVtt(segments: Segment[]): string {
	return `WEBVTT\n\n${segments.map((s) => `${clock(s.start, '.')} --> ${clock(s.end, '.')}\n${s.text}\n`).join('\n')}`;
}
