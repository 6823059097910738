import { ApiError, CODES, MESSAGES, invalidParams } from '../../http/errors';
import type { AudioFormat, AudioSpec } from './speech/render';
import type { SandboxState, VoiceRecord } from '../../core/state';
import { Fields, isObject } from '../../http/validate';

/** Request pieces shared by sync (/v1/t2a_v2) and async (/v1/t2a_async_v2) TTS. */

export const TTS_MODELS = [
	'speech-2.8-hd',
	'speech-2.8-turbo',
	'speech-2.6-hd',
	'speech-2.6-turbo',
	'speech-02-hd',
	'speech-02-turbo',
	'speech-01-hd',
	'speech-01-turbo',
] as const;

export const EMOTIONS = [
	'happy',
	'sad',
	'angry',
	'fearful',
	'disgusted',
	'surprised',
	'calm',
	'fluent',
	'whisper',
] as const;

export const LANGUAGE_BOOSTS = [
	'Chinese',
	'Chinese,Yue',
	'English',
	'Arabic',
	'Russian',
	'Spanish',
	'French',
	'Portuguese',
	'German',
	'Turkish',
	'Dutch',
	'Ukrainian',
	'Vietnamese',
	'Indonesian',
	'Japanese',
	'Italian',
	'Korean',
	'Thai',
	'Polish',
	'Romanian',
	'Greek',
	'Czech',
	'Finnish',
	'Hindi',
	'Bulgarian',
	'Danish',
	'Hebrew',
	'Malay',
	'Persian',
	'Slovak',
	'Swedish',
	'Croatian',
	'Filipino',
	'Hungarian',
	'Norwegian',
	'Slovenian',
	'Catalan',
	'Nynorsk',
	'Tamil',
	'Afrikaans',
	'auto',
] as const;

export const SAMPLE_RATES = [8000, 16000, 22050, 24000, 32000, 44100] as const;
export const BITRATES = [32000, 64000, 128000, 256000] as const;
export const FORMATS: readonly AudioFormat[] = ['mp3', 'pcm', 'flac', 'wav'];
export const SOUND_EFFECTS = [
	'spacious_echo',
	'auditorium_echo',
	'lofi_telephone',
	'robotic',
] as const;

export interface VoiceParams {
	voiceId?: string;
	speed: number;
	vol: number;
	pitch: number;
	emotion?: string;
}

export interface TimbreWeight {
	voice_id: string;
	weight: number;
}

export function readModel(body: Fields): string {
	return body.string('model', { required: true, oneOf: TTS_MODELS }) as string;
}

/** Emotion support differs by model generation. */
function checkEmotion(emotion: string, model: string, path: string): void {
	const is26 = model.startsWith('speech-2.6-');
	const is28 = model.startsWith('speech-2.8-');
	if (emotion === 'whisper' && !is26)
		throw invalidParams(
			path,
			`whisper is only supported by speech-2.6-hd and speech-2.6-turbo, not ${model}`,
		);
	if (emotion === 'fluent' && !is26 && !is28)
		throw invalidParams(
			path,
			`fluent is only supported by speech-2.6 and speech-2.8 models, not ${model}`,
		);
}

export function readVoiceSetting(
	setting: Fields | undefined,
	model: string,
	extraBooleans: readonly string[],
): VoiceParams {
	if (!setting) return { speed: 1, vol: 1, pitch: 0 };
	const voiceId = setting.string('voice_id');
	const speed = setting.number('speed', { min: 0.5, max: 2 }) ?? 1;
	const vol = setting.number('vol', { min: 0, max: 10, minExclusive: true }) ?? 1;
	const pitch = setting.number('pitch', { min: -12, max: 12, integer: true }) ?? 0;
	const emotion = setting.string('emotion', { oneOf: EMOTIONS });
	if (emotion) checkEmotion(emotion, model, setting.path('emotion'));
	for (const key of extraBooleans) setting.boolean(key);
	return { voiceId: voiceId || undefined, speed, vol, pitch, emotion };
}

export function readTimbreWeights(body: Fields): TimbreWeight[] | undefined {
	const items = body.array('timbre_weights', { minItems: 1, maxItems: 4 });
	if (!items) return undefined;
	return items.map((item, i) => {
		const path = `timbre_weights[${i}]`;
		if (!isObject(item)) throw invalidParams(path, 'Mismatch type, expected object');
		const fields = new Fields(item, path);
		const voiceId = fields.string('voice_id', { required: true, nonEmpty: true }) as string;
		const weight = fields.number('weight', {
			required: true,
			integer: true,
			min: 1,
			max: 100,
		}) as number;
		return { voice_id: voiceId, weight };
	});
}

export function readAudioSetting(
	setting: Fields | undefined,
	sampleRateKey: 'sample_rate' | 'audio_sample_rate',
): AudioSpec {
	const sampleRate = setting?.number(sampleRateKey, { oneOf: SAMPLE_RATES }) ?? 32000;
	const bitrate = setting?.number('bitrate', { oneOf: BITRATES }) ?? 128000;
	const format = (setting?.string('format', { oneOf: FORMATS }) ?? 'mp3') as AudioFormat;
	const channels = setting?.number('channel', { oneOf: [1, 2] }) ?? 1;
	setting?.boolean('force_cbr');
	return { format, sampleRate, bitrate, channels };
}

/** `{tone: ["word/replacement", ...]}` as [word, replacement] pairs. */
export function readPronunciationDict(body: Fields): Array<[string, string]> {
	const dict = body.object('pronunciation_dict', 'object PronunciationDict');
	const tone = dict?.array('tone') ?? [];
	return tone.map((entry, i) => {
		const path = `pronunciation_dict.tone[${i}]`;
		if (typeof entry !== 'string') throw invalidParams(path, 'Mismatch type, expected string');
		const slash = entry.indexOf('/');
		if (slash <= 0 || slash === entry.length - 1)
			throw invalidParams(path, `must look like "word/replacement", got "${entry}"`);
		return [entry.slice(0, slash), entry.slice(slash + 1)];
	});
}

export function readLanguageBoost(body: Fields): string | undefined {
	return body.string('language_boost', { oneOf: LANGUAGE_BOOSTS });
}

export function readVoiceModify(body: Fields): void {
	const modify = body.object('voice_modify');
	if (!modify) return;
	for (const key of ['pitch', 'intensity', 'timbre'])
		modify.number(key, { integer: true, min: -100, max: 100 });
	modify.string('sound_effects', { oneOf: SOUND_EFFECTS });
}

/** Looks up every voice the request uses; unknown ids answer 2054. */
export function resolveVoices(state: SandboxState, ids: readonly string[]): VoiceRecord[] {
	return ids.map((id) => {
		const voice = state.findVoice(id);
		if (!voice) throw new ApiError(CODES.voiceNotExist, MESSAGES.voiceNotExist);
		return voice;
	});
}

/** The voice(s) of a request: timbre_weights when given, else voice_setting.voice_id (required then). */
export function voiceIdsOf(voice: VoiceParams, weights: TimbreWeight[] | undefined): string[] {
	if (weights) return weights.map((w) => w.voice_id);
	if (!voice.voiceId)
		throw invalidParams('voice_setting.voice_id', 'is required (or give timbre_weights)');
	return [voice.voiceId];
}

export function applyPronunciation(text: string, dict: ReadonlyArray<[string, string]>): string {
	let spoken = text;
	for (const [word, replacement] of dict) {
		// Tone annotations such as "(chu3)(li3)" change pronunciation, not length.
		if (!replacement.startsWith('(')) spoken = spoken.split(word).join(replacement);
	}
	return spoken;
}

/** Control and zero-width/format characters, which MiniMax counts as invisible. */
function isInvisible(code: number): boolean {
	if (code === 0x09 || code === 0x0a || code === 0x0d) return false;
	return (
		code <= 0x1f ||
		code === 0x7f ||
		code === 0xad ||
		(code >= 0x200b && code <= 0x200f) ||
		(code >= 0x2028 && code <= 0x202e) ||
		(code >= 0x2060 && code <= 0x206f) ||
		code === 0xfeff
	);
}

export function invisibleRatio(text: string, chars: number): number {
	if (chars === 0) return 0;
	let count = 0;
	for (let i = 0; i < text.length; i++) if (isInvisible(text.charCodeAt(i))) count++;
	return Math.round((count / chars) * 10000) / 10000;
}

export function checkInvisible(ratio: number): void {
	if (ratio > 0.1)
		throw new ApiError(CODES.invisibleChars, 'invisible characters exceed 10% of the text');
}
