import { createHash } from 'crypto';

import { probe } from '../../../support/ffprobe';
import { TTS_URL_TTL_S } from '../../http/downloads';
import { ApiError, invalidParams } from '../../http/errors';
import { jsonReply, type Reply } from '../../http/reply';
import type { Route, RouteContext } from '../../http/routes';
import { MIME_TYPES, type AudioSpec } from '../tts/speech/render';
import type { StoredFile } from '../../core/state';
import { Fields, countChars } from '../../http/validate';
import { LANGUAGE_BOOSTS, type VoiceParams } from '../tts/params';
import { synthesize } from '../tts/routes';

/** Voice cloning (POST /v1/voice_clone) and voice design (POST /v1/voice_design), docs/minimax-api.md §5–6. */

export const CLONE_MODELS = [
	'speech-2.8-hd',
	'speech-2.8-turbo',
	'speech-2.6-hd',
	'speech-2.6-turbo',
	'speech-02-hd',
	'speech-02-turbo',
	'speech-2.5-hd-preview',
	'speech-2.5-turbo-preview',
];

const DUPLICATE_VOICE = 2039;
const CLONE_DURATION = 2037;
const PROMPT_TOO_LONG = 2048;

const NEUTRAL_VOICE: VoiceParams = { speed: 1, vol: 1, pitch: 0 };
const PREVIEW_AUDIO: AudioSpec = { format: 'mp3', sampleRate: 32000, bitrate: 128000, channels: 1 };

const durations = new Map<string, number>();

/** Seconds of audio in an uploaded file, read with ffprobe (cached by content). */
async function durationOf(file: StoredFile): Promise<number> {
	const key = createHash('sha1').update(file.data).digest('hex');
	const known = durations.get(key);
	if (known !== undefined) return known;
	const seconds = (await probe(file.data)).duration;
	if (!Number.isFinite(seconds))
		throw invalidParams('file_id', `file ${file.file_id} is not decodable audio`);
	durations.set(key, seconds);
	return seconds;
}

/** MiniMax's voice ID rules; duplicates (including deleted IDs) are 2039. */
function checkNewVoiceId(ctx: RouteContext, voiceId: string): void {
	const ok = /^[A-Za-z][A-Za-z0-9_-]{6,254}[A-Za-z0-9]$/.test(voiceId);
	if (!ok) {
		throw invalidParams(
			'voice_id',
			'must be 8-256 characters, start with a letter, contain only letters, digits, - and _, and not end with - or _',
		);
	}
	const { state } = ctx.env;
	if (state.findVoice(voiceId) || state.deletedVoiceIds.has(voiceId)) {
		throw new ApiError(DUPLICATE_VOICE, 'voice clone voice id duplicate');
	}
}

function fileOfPurpose(
	ctx: RouteContext,
	field: string,
	fileId: number,
	purpose: string,
): StoredFile {
	const file = ctx.env.state.getFile(ctx.region, fileId);
	if (!file) throw invalidParams(field, `file ${fileId} does not exist`);
	if (file.purpose !== purpose)
		throw invalidParams(
			field,
			`file ${fileId} was uploaded with purpose ${file.purpose}, expected ${purpose}`,
		);
	return file;
}

function previewUrl(ctx: RouteContext, voiceId: string, text: string): string {
	const synthesis = synthesize(text, [voiceId], NEUTRAL_VOICE, PREVIEW_AUDIO, []);
	const bytes = synthesis.audio.bytes;
	const object = {
		filename: `${voiceId}_demo.mp3`,
		contentType: MIME_TYPES.mp3,
		read: () => bytes,
	};
	return ctx.env.downloads.publish(object, TTS_URL_TTL_S, ctx.baseUrl);
}

async function voiceClone(ctx: RouteContext): Promise<Reply> {
	const json = new Fields(ctx.json);
	const fileId = json.number('file_id', { required: true, integer: true }) as number;
	const voiceId = json.string('voice_id', { required: true }) as string;
	const text = json.string('text', { maxChars: 1000 });
	const model = json.string('model', { oneOf: CLONE_MODELS });
	if (text && !model) throw invalidParams('model', 'is required when text is given');
	json.boolean('need_noise_reduction');
	json.boolean('need_volume_normalization');
	json.boolean('aigc_watermark');
	json.number('accuracy', { min: 0, max: 1 });
	json.string('text_validation', { maxChars: 200 });
	json.string('language_boost', { oneOf: LANGUAGE_BOOSTS });
	const prompt = json.object('clone_prompt');
	checkNewVoiceId(ctx, voiceId);

	const source = fileOfPurpose(ctx, 'file_id', fileId, 'voice_clone');
	const seconds = await durationOf(source);
	if (seconds < 10 || seconds > 300.5)
		throw new ApiError(
			CLONE_DURATION,
			`clone audio duration ${seconds.toFixed(1)}s is out of range [10s, 300s]`,
		);
	if (prompt) {
		const promptId = prompt.number('prompt_audio', { required: true, integer: true }) as number;
		prompt.string('prompt_text', { required: true, nonEmpty: true });
		const promptFile = fileOfPurpose(ctx, 'clone_prompt.prompt_audio', promptId, 'prompt_audio');
		if ((await durationOf(promptFile)) >= 8)
			throw new ApiError(PROMPT_TOO_LONG, 'prompt audio too long, must be less than 8s');
	}

	// A fresh clone stays out of get_voice until its first real TTS use (docs/minimax-api.md §4).
	ctx.env.state.addClonedVoice(voiceId, { activated: false });
	ctx.entry.billable = true;
	ctx.entry.jobId = voiceId;
	return jsonReply(ctx.traceId, {
		demo_audio: text ? previewUrl(ctx, voiceId, text) : '',
		input_sensitive: false,
		input_sensitive_type: 0,
		extra_info: text ? { usage_characters: countChars(text) } : undefined,
	});
}

function designedVoiceId(ctx: RouteContext): string {
	const stamp = new Date(ctx.env.clock.now()).toISOString().replace(/\D/g, '').slice(0, 16);
	return `ttv-voice-${stamp}-${ctx.env.ids.traceId().slice(0, 8)}`;
}

function voiceDesign(ctx: RouteContext): Reply {
	const json = new Fields(ctx.json);
	const prompt = json.string('prompt', { required: true, nonEmpty: true }) as string;
	const previewText = json.string('preview_text', {
		required: true,
		nonEmpty: true,
		maxChars: 500,
	}) as string;
	const requested = json.string('voice_id');
	if (requested !== undefined) checkNewVoiceId(ctx, requested);
	const voiceId = requested ?? designedVoiceId(ctx);
	const synthesis = synthesize(previewText, [voiceId], NEUTRAL_VOICE, PREVIEW_AUDIO, []);
	ctx.env.state.addDesignedVoice(voiceId, { description: [prompt.slice(0, 200)] });
	ctx.entry.billable = true;
	ctx.entry.jobId = voiceId;
	return jsonReply(ctx.traceId, {
		voice_id: voiceId,
		trial_audio: synthesis.audio.bytes.toString('hex'),
	});
}

export const voiceCreationRoutes: Route[] = [
	{ method: 'POST', path: '/v1/voice_clone', body: 'json', handle: voiceClone },
	{ method: 'POST', path: '/v1/voice_design', body: 'json', handle: voiceDesign },
];
