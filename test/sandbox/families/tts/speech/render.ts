import { createHash } from 'crypto';

import { encodeFlac } from '../../../media/flac';
import { encodeMp3 } from '../../../media/mp3';
import { renderPcm, samplesPerFrame } from '../../../media/pcm';
import { wavFromPcm } from '../../../media/wav';
import type { SpeechPlan } from './plan';

export type AudioFormat = 'mp3' | 'pcm' | 'flac' | 'wav';

export interface AudioSpec {
	format: AudioFormat;
	sampleRate: number;
	bitrate: number;
	channels: number;
}

export interface RenderedAudio extends AudioSpec {
	bytes: Buffer;
	/** Offsets where the audio may be cut into stream chunks (MP3/FLAC frame starts); first is 0. */
	boundaries: number[];
	durationMs: number;
}

const CACHE_BUDGET_BYTES = 256 * 1024 * 1024;
const cache = new Map<string, RenderedAudio>();
let cachedBytes = 0;

export const MIME_TYPES: Record<AudioFormat, string> = {
	mp3: 'audio/mpeg',
	wav: 'audio/wav',
	flac: 'audio/flac',
	pcm: 'application/octet-stream',
};

/** Encodes a plan; identical inputs give identical bytes and are served from an LRU cache. */
export function renderAudio(plan: SpeechPlan, spec: AudioSpec): RenderedAudio {
	if (plan.sampleRate !== spec.sampleRate)
		throw new Error('plan and audio spec sample rates differ');
	const key = createHash('sha1')
		.update(`${plan.key}|${spec.format}|${spec.bitrate}|${spec.channels}`)
		.digest('hex');
	const hit = cache.get(key);
	if (hit) {
		cache.delete(key);
		cache.set(key, hit);
		return hit;
	}
	const rendered = encode(plan, spec);
	cache.set(key, rendered);
	cachedBytes += rendered.bytes.length;
	for (const [oldKey, old] of cache) {
		if (cachedBytes <= CACHE_BUDGET_BYTES) break;
		cache.delete(oldKey);
		cachedBytes -= old.bytes.length;
	}
	return rendered;
}

function encode(plan: SpeechPlan, spec: AudioSpec): RenderedAudio {
	const layout = { sampleRate: spec.sampleRate, channels: spec.channels };
	const durationMs = plan.durationMs;
	if (spec.format === 'mp3') {
		const mp3 = encodeMp3(plan.runs, spec.sampleRate, spec.channels, spec.bitrate);
		return {
			...spec,
			bitrate: mp3.bitrate,
			bytes: mp3.bytes,
			boundaries: mp3.boundaries,
			durationMs,
		};
	}
	const pcm = renderPcm(plan.runs, layout);
	const pcmBitrate = spec.sampleRate * 16 * spec.channels;
	if (spec.format === 'flac') {
		const flac = encodeFlac(pcm, spec.sampleRate, spec.channels);
		return {
			...spec,
			bitrate: pcmBitrate,
			bytes: flac.bytes,
			boundaries: flac.boundaries,
			durationMs,
		};
	}
	const frameBytes = samplesPerFrame(spec.sampleRate) * spec.channels * 2;
	const boundaries: number[] = [];
	for (let offset = 0; offset < pcm.length; offset += frameBytes) boundaries.push(offset);
	if (spec.format === 'wav') {
		// WAV is never streamed; the one boundary is the start.
		return {
			...spec,
			bitrate: pcmBitrate,
			bytes: wavFromPcm(pcm, spec.sampleRate, spec.channels),
			boundaries: [0],
			durationMs,
		};
	}
	return { ...spec, bitrate: pcmBitrate, bytes: pcm, boundaries, durationMs };
}

export function clearAudioCache(): void {
	cache.clear();
	cachedBytes = 0;
}
