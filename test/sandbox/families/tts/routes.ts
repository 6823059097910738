import { TTS_URL_TTL_S } from '../../http/downloads';
import { ApiError, capture, invalidParams } from '../../http/errors';
import { baseResp, jsonReply, sseReply, type Reply } from '../../http/reply';
import type { Route, RouteContext } from '../../http/routes';
import { countWords, planSpeech, type SpeechPlan } from './speech/plan';
import { MIME_TYPES, type AudioSpec, type RenderedAudio, renderAudio } from './speech/render';
import { Fields, countChars } from '../../http/validate';
import {
	type TimbreWeight,
	type VoiceParams,
	applyPronunciation,
	checkInvisible,
	invisibleRatio,
	readAudioSetting,
	readLanguageBoost,
	readModel,
	readPronunciationDict,
	readTimbreWeights,
	readVoiceModify,
	readVoiceSetting,
	resolveVoices,
	voiceIdsOf,
} from './params';

/** Sync TTS: POST /v1/t2a_v2 (JSON with hex or URL audio, or SSE when stream=true). */

export const SYNC_TEXT_LIMIT = 10_000;
/** Stream chunks are at most this big (cut on frame boundaries). */
const MAX_CHUNK_BYTES = 32 * 1024;

interface TtsRequest {
	model: string;
	text: string;
	stream: boolean;
	excludeAggregated: boolean;
	voice: VoiceParams;
	timbreWeights?: TimbreWeight[];
	audio: AudioSpec;
	outputFormat: 'hex' | 'url';
	subtitles?: 'sentence' | 'word';
	pronunciation: Array<[string, string]>;
}

function parseRequest(json: Fields): TtsRequest {
	const model = readModel(json);
	const text = json.string('text', { required: true, nonEmpty: true }) as string;
	if (countChars(text) >= SYNC_TEXT_LIMIT)
		throw invalidParams('text', `must be shorter than ${SYNC_TEXT_LIMIT} characters`);
	const stream = json.boolean('stream') ?? false;
	const streamOptions = json.object('stream_options');
	const excludeAggregated = streamOptions?.boolean('exclude_aggregated_audio') ?? false;
	const voice = readVoiceSetting(json.object('voice_setting'), model, [
		'text_normalization',
		'latex_read',
	]);
	json.boolean('text_normalization');
	const timbreWeights = readTimbreWeights(json);
	const audio = readAudioSetting(json.object('audio_setting'), 'sample_rate');
	if (stream && audio.format === 'wav')
		throw invalidParams('audio_setting.format', 'wav is not supported when stream is true');
	const pronunciation = readPronunciationDict(json);
	readLanguageBoost(json);
	readVoiceModify(json);
	const subtitleEnable = json.boolean('subtitle_enable') ?? false;
	const subtitleType = (json.string('subtitle_type', { oneOf: ['sentence', 'word'] }) ??
		'sentence') as 'sentence' | 'word';
	const outputFormat = (json.string('output_format', { oneOf: ['hex', 'url'] }) ?? 'hex') as
		| 'hex'
		| 'url';
	json.boolean('aigc_watermark');
	return {
		model,
		text,
		stream,
		excludeAggregated,
		voice,
		timbreWeights,
		audio,
		outputFormat,
		subtitles: subtitleEnable ? subtitleType : undefined,
		pronunciation,
	};
}

export interface Synthesis {
	plan: SpeechPlan;
	audio: RenderedAudio;
	extraInfo: Record<string, number | string>;
}

/** Plans and renders speech, and builds the extra_info MiniMax reports for it. */
export function synthesize(
	text: string,
	voiceIds: readonly string[],
	voice: VoiceParams,
	audioSpec: AudioSpec,
	pronunciation: ReadonlyArray<[string, string]>,
): Synthesis {
	const chars = countChars(text);
	const ratio = invisibleRatio(text, chars);
	checkInvisible(ratio);
	const shape = {
		voiceKey: voiceIds.join('+'),
		speed: voice.speed,
		vol: voice.vol,
		pitch: voice.pitch,
	};
	const plan = planSpeech(applyPronunciation(text, pronunciation), shape, audioSpec.sampleRate);
	const audio = renderAudio(plan, audioSpec);
	const extraInfo = {
		audio_length: audio.durationMs,
		audio_sample_rate: audio.sampleRate,
		audio_size: audio.bytes.length,
		bitrate: audio.bitrate,
		word_count: countWords(text),
		invisible_character_ratio: ratio,
		usage_characters: chars,
		audio_format: audio.format,
		audio_channel: audio.channels,
	};
	return { plan, audio, extraInfo };
}

/** Groups frame boundaries into stream chunks: at least a few chunks, none above MAX_CHUNK_BYTES. */
export function chunkAudio(audio: RenderedAudio): Buffer[] {
	const target = Math.max(1, Math.min(MAX_CHUNK_BYTES, Math.ceil(audio.bytes.length / 4)));
	const cuts = [0];
	for (const boundary of audio.boundaries) {
		if (boundary - cuts[cuts.length - 1] >= target) cuts.push(boundary);
	}
	return cuts.map((start, i) => audio.bytes.subarray(start, cuts[i + 1] ?? audio.bytes.length));
}

function streamReply(ctx: RouteContext, synthesis: Synthesis, excludeAggregated: boolean): Reply {
	const events: Array<Record<string, unknown>> = chunkAudio(synthesis.audio).map((chunk) => ({
		data: { audio: chunk.toString('hex'), status: 1 },
		trace_id: ctx.traceId,
		base_resp: baseResp(0, ''),
	}));
	events.push({
		data: { audio: excludeAggregated ? '' : synthesis.audio.bytes.toString('hex'), status: 2 },
		extra_info: synthesis.extraInfo,
		trace_id: ctx.traceId,
		base_resp: baseResp(0, 'success'),
	});
	return sseReply(ctx.traceId, events);
}

function handle(ctx: RouteContext): Reply {
	const outcome = capture(() => generate(ctx));
	if (outcome.ok) return outcome.value;
	// A stream request learns about business errors from an SSE event whose base_resp is non-zero.
	if (ctx.json.stream === true && outcome.error instanceof ApiError) {
		return sseReply(ctx.traceId, [
			{ trace_id: ctx.traceId, base_resp: baseResp(outcome.error.code, outcome.error.message) },
		]);
	}
	throw outcome.error;
}

function generate(ctx: RouteContext): Reply {
	const request = parseRequest(new Fields(ctx.json));
	const { state, downloads } = ctx.env;
	const voiceIds = voiceIdsOf(request.voice, request.timbreWeights);
	const voices = resolveVoices(state, voiceIds);
	const synthesis = synthesize(
		request.text,
		voiceIds,
		request.voice,
		request.audio,
		request.pronunciation,
	);
	for (const voice of voices) voice.activated = true;
	ctx.entry.billable = true;
	if (request.stream) return streamReply(ctx, synthesis, request.excludeAggregated);

	const { audio, plan } = synthesis;
	const data: Record<string, unknown> = { audio: audio.bytes.toString('hex'), status: 2 };
	if (request.outputFormat === 'url') {
		const object = {
			filename: `${ctx.traceId}.${audio.format}`,
			contentType: MIME_TYPES[audio.format],
			read: () => audio.bytes,
		};
		data.audio = downloads.publish(object, TTS_URL_TTL_S, ctx.baseUrl);
	}
	if (request.subtitles) {
		const titles = Buffer.from(
			JSON.stringify(request.subtitles === 'word' ? plan.words : plan.sentences),
		);
		const object = {
			filename: `${ctx.traceId}_subtitle.json`,
			contentType: 'application/json',
			read: () => titles,
		};
		data.subtitle_file = downloads.publish(object, TTS_URL_TTL_S, ctx.baseUrl);
	}
	return jsonReply(ctx.traceId, { data, extra_info: synthesis.extraInfo });
}

export const ttsRoutes: Route[] = [{ method: 'POST', path: '/v1/t2a_v2', body: 'json', handle }];
