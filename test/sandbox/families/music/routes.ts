import { createHash } from 'crypto';

import { probe } from '../../../support/ffprobe';
import { invalidParams } from '../../http/errors';
import { jsonReply, type Reply } from '../../http/reply';
import type { Route, RouteContext } from '../../http/routes';
import { Fields, countChars } from '../../http/validate';
import { rejectUnknownFields } from '../image/routes';
import { coverFeatures } from './covers';
import { editSong, writeSong, type WrittenSong } from './lyrics';
import {
	clampSeconds,
	renderSong,
	songSeconds,
	type MusicAudioSpec,
	type MusicFormat,
} from './render';

/**
 * Music: POST /v1/music_generation (generation and cover, docs/minimax-api.md §9 and §17.3),
 * POST /v1/lyrics_generation (`write_full_song` from a prompt or `edit` of given lyrics, §17.3;
 * answers top-level lyrics/song_title/style_tags) and POST /v1/music_cover_preprocess (§17.3: the
 * reference's cover_feature_id, formatted_lyrics, structure_result and audio_duration in seconds).
 */

export const GENERATION_MODELS = [
	'music-3.0',
	'music-3.0-free',
	'music-2.6',
	'music-2.6-free',
	'music-2.5+',
	'music-2.5',
	'music-2.0',
	'music-1.5',
	'music-01',
] as const;
export const COVER_MODELS = ['music-cover', 'music-cover-free'] as const;
export const INSTRUMENTAL_MODELS: readonly string[] = [
	'music-3.0',
	'music-3.0-free',
	'music-2.6',
	'music-2.6-free',
	'music-2.5+',
];
export const LYRICS_OPTIMIZER_MODELS: readonly string[] = [
	'music-3.0',
	'music-3.0-free',
	'music-2.6',
	'music-2.6-free',
	'music-2.5+',
	'music-2.5',
];
export const MUSIC_URL_TTL_S = 24 * 3600;
export const MAX_REFERENCE_BYTES = 50 * 1024 * 1024;
export const REFERENCE_SECONDS = { min: 6, max: 360 } as const;
/** Lyrics sung over a prepared cover (UNCERTAIN in docs/minimax-api.md §9; the sandbox enforces it). */
export const FEATURE_LYRICS = { min: 10, max: 1000 } as const;

/** `[[sandbox:seconds]]` in the prompt makes extra_info.music_duration come back in seconds. */
export const SECONDS_MARKER = '[[sandbox:seconds]]';

interface TextLimits {
	prompt: { min?: number; max: number; required: boolean };
	lyrics: { min?: number; max: number };
}

const MODERN_LIMITS: TextLimits = { prompt: { max: 2000, required: false }, lyrics: { max: 3500 } };
const LIMITS: Record<string, TextLimits> = {
	'music-1.5': { prompt: { min: 10, max: 300, required: true }, lyrics: { min: 10, max: 600 } },
	'music-01': { prompt: { max: 300, required: false }, lyrics: { min: 10, max: 600 } },
	'music-cover': { prompt: { max: 2000, required: true }, lyrics: { max: 3500 } },
	'music-cover-free': { prompt: { max: 2000, required: true }, lyrics: { max: 3500 } },
};

const KNOWN_FIELDS = new Set([
	'model',
	'prompt',
	'lyrics',
	'is_instrumental',
	'lyrics_optimizer',
	'audio_setting',
	'output_format',
	'stream',
	'aigc_watermark',
	'audio_url',
	'audio_base64',
	'seed',
	'cover_feature_id',
]);

function readText(
	json: Fields,
	key: 'prompt' | 'lyrics',
	limits: { min?: number; max: number },
	required: boolean,
): string | undefined {
	const value = json.string(key, { required });
	if (value === undefined || value === '') {
		if (required) throw invalidParams(key, 'is required');
		return undefined;
	}
	const length = countChars(value);
	if (limits.min !== undefined && length < limits.min)
		throw invalidParams(key, `must be at least ${limits.min} characters`);
	if (length > limits.max) throw invalidParams(key, `must be at most ${limits.max} characters`);
	return value;
}

function readAudioSetting(json: Fields): MusicAudioSpec {
	const setting = json.object('audio_setting');
	return {
		format: (setting?.string('format', { oneOf: ['mp3', 'wav', 'pcm'] }) ?? 'mp3') as MusicFormat,
		sampleRate:
			setting?.number('sample_rate', { integer: true, oneOf: [16000, 24000, 32000, 44100] }) ??
			44100,
		bitrate:
			setting?.number('bitrate', { integer: true, oneOf: [32000, 64000, 128000, 256000] }) ??
			256000,
		channels: setting?.number('channel', { integer: true, oneOf: [1, 2] }) ?? 2,
	};
}

interface SongRequest {
	model: string;
	prompt: string;
	lyrics?: string;
	instrumental: boolean;
	spec: MusicAudioSpec;
	outputFormat: 'hex' | 'url';
	/** Covers: the reference's length. */
	seconds?: number;
}

async function parseRequest(ctx: RouteContext): Promise<SongRequest> {
	const raw = ctx.json;
	rejectUnknownFields(raw, KNOWN_FIELDS);
	const json = new Fields(raw);
	const model = json.string('model', {
		required: true,
		oneOf: [...GENERATION_MODELS, ...COVER_MODELS],
	}) as string;
	const isCover = (COVER_MODELS as readonly string[]).includes(model);
	const limits = LIMITS[model] ?? MODERN_LIMITS;
	if (json.boolean('stream'))
		throw invalidParams('stream', 'streaming is not available in the sandbox; use stream=false');
	const outputFormat = (json.string('output_format', { oneOf: ['hex', 'url'] }) ?? 'hex') as
		| 'hex'
		| 'url';
	json.boolean('aigc_watermark');
	const spec = readAudioSetting(json);

	if (isCover) {
		for (const key of ['is_instrumental', 'lyrics_optimizer'])
			if (json.has(key)) throw invalidParams(key, `is not available for ${model}`);
		json.number('seed', { integer: true, min: 0, max: 1_000_000 });
		const prompt = readText(json, 'prompt', limits.prompt, true) as string;
		const featureId = json.string('cover_feature_id', { nonEmpty: true });
		if (featureId !== undefined) {
			if (json.has('audio_url') || json.has('audio_base64'))
				throw invalidParams(
					'cover_feature_id',
					'give either cover_feature_id or a reference (audio_url / audio_base64), not both',
				);
			const feature = coverFeatures(ctx.env.state).get(ctx.region, featureId);
			const lyrics = readText(json, 'lyrics', FEATURE_LYRICS, true);
			return {
				model,
				prompt,
				lyrics,
				instrumental: false,
				spec,
				outputFormat,
				seconds: feature.seconds,
			};
		}
		const lyrics = readText(json, 'lyrics', limits.lyrics, false);
		const { seconds } = await readReference(json);
		return { model, prompt, lyrics, instrumental: false, spec, outputFormat, seconds };
	}

	for (const key of ['audio_url', 'audio_base64', 'seed', 'cover_feature_id'])
		if (json.has(key)) throw invalidParams(key, `is only available for the music-cover models`);
	const instrumental = json.boolean('is_instrumental') ?? false;
	const optimizer = json.boolean('lyrics_optimizer') ?? false;
	if (instrumental && !INSTRUMENTAL_MODELS.includes(model))
		throw invalidParams('is_instrumental', `is not supported by ${model}`);
	if (optimizer && !LYRICS_OPTIMIZER_MODELS.includes(model))
		throw invalidParams('lyrics_optimizer', `is not supported by ${model}`);
	const prompt =
		readText(json, 'prompt', limits.prompt, limits.prompt.required || instrumental || optimizer) ??
		'';
	const lyrics = readText(json, 'lyrics', limits.lyrics, !instrumental && !optimizer);
	return {
		model,
		prompt,
		lyrics: instrumental ? undefined : (lyrics ?? writeSong(prompt).lyrics),
		instrumental,
		spec,
		outputFormat,
	};
}

const referenceSeconds = new Map<string, number>();

/** The reference song of a cover: exactly one of audio_url / audio_base64; 6 s – 6 min, ≤ 50 MB, decodable audio. */
async function readReference(json: Fields): Promise<{ seconds: number; data: Buffer }> {
	const url = json.string('audio_url', { nonEmpty: true });
	const base64 = json.string('audio_base64', { nonEmpty: true });
	if ((url === undefined) === (base64 === undefined))
		throw invalidParams('audio_url', 'exactly one of audio_url and audio_base64 is required');
	let data: Buffer;
	const field = url !== undefined ? 'audio_url' : 'audio_base64';
	if (base64 !== undefined) {
		if (!/^[A-Za-z0-9+/]+={0,2}$/.test(base64) || base64.length % 4 !== 0)
			throw invalidParams('audio_base64', 'is not valid base64');
		data = Buffer.from(base64, 'base64');
	} else {
		if (!/^https?:\/\/\S+$/i.test(url as string))
			throw invalidParams('audio_url', 'must be a public http(s) URL');
		data = await fetchReference(url as string);
	}
	if (data.length > MAX_REFERENCE_BYTES)
		throw invalidParams(field, 'reference audio must be at most 50MB');
	const seconds = await durationOf(field, data);
	if (seconds < REFERENCE_SECONDS.min || seconds > REFERENCE_SECONDS.max) {
		throw invalidParams(
			field,
			`reference audio lasts ${seconds.toFixed(1)}s; it must be between 6s and 6min`,
		);
	}
	return { seconds, data };
}

async function fetchReference(url: string): Promise<Buffer> {
	try {
		const response = await fetch(url, { signal: AbortSignal.timeout(20_000) });
		if (!response.ok) throw new Error(`HTTP ${response.status}`);
		return Buffer.from(await response.arrayBuffer());
	} catch (error) {
		throw invalidParams(
			'audio_url',
			`reference audio could not be downloaded (${(error as Error).message})`,
		);
	}
}

async function durationOf(field: string, data: Buffer): Promise<number> {
	const key = createHash('sha1').update(data).digest('hex');
	const known = referenceSeconds.get(key);
	if (known !== undefined) return known;
	const probed = await probe(data).catch(() => undefined);
	const seconds = probed?.duration;
	if (
		!probed ||
		!probed.streams.some((stream) => stream.sample_rate > 0) ||
		seconds === undefined ||
		!Number.isFinite(seconds)
	) {
		throw invalidParams(field, 'reference is not decodable audio');
	}
	referenceSeconds.set(key, seconds);
	return seconds;
}

async function generateMusic(ctx: RouteContext): Promise<Reply> {
	const request = await parseRequest(ctx);
	const seconds =
		request.seconds !== undefined
			? clampSeconds(request.seconds)
			: songSeconds(request.lyrics, request.prompt);
	const seed = `${request.model}\n${request.prompt}\n${request.lyrics ?? ''}\n${request.instrumental}`;
	const song = renderSong(seed, seconds, request.spec);
	let audio: string;
	if (request.outputFormat === 'url') {
		const name = `music_${ctx.traceId.slice(0, 12)}.${request.spec.format}`;
		const contentType = { mp3: 'audio/mpeg', wav: 'audio/wav', pcm: 'application/octet-stream' }[
			request.spec.format
		];
		audio = ctx.env.downloads.publish(
			{ filename: name, contentType, read: () => song.bytes },
			MUSIC_URL_TTL_S,
			ctx.baseUrl,
		);
	} else {
		audio = song.bytes.toString('hex');
	}
	ctx.entry.billable = true;
	ctx.entry.jobId = ctx.traceId;
	const inSeconds = request.prompt.includes(SECONDS_MARKER);
	return jsonReply(ctx.traceId, {
		data: { audio, status: 2 },
		extra_info: {
			music_duration: inSeconds ? Math.round(song.durationMs / 1000) : song.durationMs,
			music_sample_rate: song.sampleRate,
			music_channel: song.channels,
			bitrate: song.bitrate,
			music_size: song.bytes.length,
		},
	});
}

function generateLyrics(ctx: RouteContext): Reply {
	rejectUnknownFields(ctx.json, new Set(['mode', 'prompt', 'lyrics', 'title']));
	const json = new Fields(ctx.json);
	const mode = json.string('mode', { required: true, oneOf: ['write_full_song', 'edit'] });
	const title = json.string('title', { maxChars: 200 }) || undefined;
	let song: WrittenSong;
	if (mode === 'edit') {
		const lyrics = json.string('lyrics', { required: true, nonEmpty: true, maxChars: 3500 });
		const prompt = json.string('prompt', { maxChars: 2000 }) ?? '';
		song = editSong(lyrics as string, prompt, title);
	} else {
		// Lyrics only take effect in edit mode; the service ignores them here.
		json.string('lyrics', { maxChars: 3500 });
		const prompt = json.string('prompt', { required: true, nonEmpty: true, maxChars: 2000 });
		song = writeSong(prompt as string);
		if (title) song.title = title;
	}
	ctx.entry.billable = true;
	ctx.entry.jobId = ctx.traceId;
	return jsonReply(ctx.traceId, {
		song_title: song.title,
		style_tags: song.styleTags,
		lyrics: song.lyrics,
	});
}

async function preprocessCover(ctx: RouteContext): Promise<Reply> {
	rejectUnknownFields(ctx.json, new Set(['model', 'audio_url', 'audio_base64']));
	const json = new Fields(ctx.json);
	json.string('model', { required: true, oneOf: ['music-cover'] });
	const { seconds, data } = await readReference(json);
	const feature = coverFeatures(ctx.env.state).create(ctx.region, seconds, data);
	ctx.entry.billable = true;
	ctx.entry.jobId = feature.id;
	return jsonReply(ctx.traceId, {
		cover_feature_id: feature.id,
		formatted_lyrics: feature.formattedLyrics,
		structure_result: feature.structure,
		audio_duration: Math.round(seconds * 100) / 100,
	});
}

export const musicRoutes: Route[] = [
	{ method: 'POST', path: '/v1/music_generation', body: 'json', handle: generateMusic },
	{ method: 'POST', path: '/v1/lyrics_generation', body: 'json', handle: generateLyrics },
	{ method: 'POST', path: '/v1/music_cover_preprocess', body: 'json', handle: preprocessCover },
];
