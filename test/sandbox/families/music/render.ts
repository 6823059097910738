import { createHash } from 'crypto';

import { encodeMp3 } from '../../media/mp3';
import { type FrameRun, cyclesFor, renderPcm, samplesPerFrame } from '../../media/pcm';
import { wavFromPcm } from '../../media/wav';

/**
 * Songs as tone melodies on the MP3 frame grid (see media/pcm.ts), so the same song has the same
 * length in MP3, WAV and PCM. The length comes from the lyrics (2 s per sung line, 1 s per
 * structure tag) or, for instrumentals, from the prompt; a cover lasts as long as its reference.
 */

export type MusicFormat = 'mp3' | 'wav' | 'pcm';

export interface MusicAudioSpec {
	format: MusicFormat;
	sampleRate: number;
	bitrate: number;
	channels: number;
}

export interface RenderedSong extends MusicAudioSpec {
	bytes: Buffer;
	durationMs: number;
}

export const MIN_SONG_SECONDS = 6;
export const MAX_SONG_SECONDS = 300;
const SECONDS_PER_LINE = 2;
const SECONDS_PER_TAG = 1;
const BEAT_SECONDS = 0.25;
/** A minor pentatonic over two octaves, in Hz. */
const SCALE = [220, 261.63, 293.66, 329.63, 392, 440, 523.25, 587.33, 659.25, 783.99];

export const STRUCTURE_TAG = /^\s*\[[^\]\n]+\]\s*$/;

export function songSeconds(lyrics: string | undefined, prompt: string): number {
	let seconds: number;
	if (lyrics && lyrics.trim()) {
		seconds = 0;
		for (const line of lyrics.split('\n')) {
			if (!line.trim()) continue;
			seconds += STRUCTURE_TAG.test(line) ? SECONDS_PER_TAG : SECONDS_PER_LINE;
		}
	} else {
		seconds = 8 + Math.min(22, prompt.split(/\s+/).filter(Boolean).length);
	}
	return clampSeconds(seconds);
}

export function clampSeconds(seconds: number): number {
	return Math.min(MAX_SONG_SECONDS, Math.max(MIN_SONG_SECONDS, seconds));
}

function melody(
	seed: string,
	seconds: number,
	sampleRate: number,
): { runs: FrameRun[]; frames: number } {
	const spf = samplesPerFrame(sampleRate);
	const frames = Math.max(1, Math.round((seconds * sampleRate) / spf));
	const beatFrames = Math.max(1, Math.round((BEAT_SECONDS * sampleRate) / spf));
	const runs: FrameRun[] = [];
	let digest = createHash('sha256').update(seed).digest();
	for (let start = 0, beat = 0; start < frames; start += beatFrames, beat++) {
		if (beat % 32 === 31) digest = createHash('sha256').update(digest).digest();
		const byte = digest[beat % 32];
		const length = Math.min(beatFrames, frames - start);
		const note =
			byte % 7 === 0
				? null
				: { cycles: cyclesFor(SCALE[byte % SCALE.length], sampleRate), level: 6 + (byte % 5) };
		const last = runs[runs.length - 1];
		if (last && JSON.stringify(last.note) === JSON.stringify(note)) last.frames += length;
		else runs.push({ note, frames: length });
	}
	return { runs, frames };
}

const CACHE_LIMIT = 32;
const cache = new Map<string, RenderedSong>();

/** Renders `seconds` of music for the seed in the requested format; identical requests give identical bytes. */
export function renderSong(seed: string, seconds: number, spec: MusicAudioSpec): RenderedSong {
	const key = createHash('sha1')
		.update(`${seed}|${seconds}|${JSON.stringify(spec)}`)
		.digest('hex');
	const hit = cache.get(key);
	if (hit) return hit;
	const { runs, frames } = melody(seed, seconds, spec.sampleRate);
	const durationMs = Math.round(
		(frames * samplesPerFrame(spec.sampleRate) * 1000) / spec.sampleRate,
	);
	let song: RenderedSong;
	if (spec.format === 'mp3') {
		const mp3 = encodeMp3(runs, spec.sampleRate, spec.channels, spec.bitrate);
		song = { ...spec, bitrate: mp3.bitrate, bytes: mp3.bytes, durationMs };
	} else {
		const pcm = renderPcm(runs, { sampleRate: spec.sampleRate, channels: spec.channels });
		const bytes = spec.format === 'wav' ? wavFromPcm(pcm, spec.sampleRate, spec.channels) : pcm;
		song = { ...spec, bitrate: spec.sampleRate * 16 * spec.channels, bytes, durationMs };
	}
	cache.set(key, song);
	if (cache.size > CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
	return song;
}
