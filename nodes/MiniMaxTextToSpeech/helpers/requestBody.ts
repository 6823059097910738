import type { IDataObject } from 'n8n-workflow';

import {
	AUDIO_FORMATS,
	BITRATES,
	emotionsForModel,
	LANGUAGE_BOOSTS,
	SAMPLE_RATES,
	SOUND_EFFECTS,
	SPEECH_MODEL_IDS,
} from '../../shared/descriptions/speech';
import type { InputValidator } from '../../shared/validation';

/** Voice and audio settings after validation, shared by the sync and async APIs. */
export interface SpeechSettings {
	model: string;
	voiceId: string;
	speed: number;
	vol: number;
	pitch: number;
	emotion?: string;
	textNormalization: boolean;
	languageBoost?: string;
	pronunciation?: string[];
	voiceModify?: IDataObject;
	format: string;
	sampleRate: number;
	bitrate: number;
	channels: number;
	mix?: Array<{ voice_id: string; weight: number }>;
}

export function readSpeechSettings(
	check: InputValidator,
	model: unknown,
	voiceId: unknown,
	options: IDataObject,
): SpeechSettings {
	const settings: SpeechSettings = {
		model: check.oneOf('Model', model, SPEECH_MODEL_IDS),
		voiceId: '',
		speed: check.number('Speed', options.speed ?? 1, { min: 0.5, max: 2 }),
		vol: check.number('Volume', options.volume ?? 1, { min: 0, minExclusive: true, max: 10 }),
		pitch: check.number('Pitch', options.pitch ?? 0, { min: -12, max: 12, integer: true }),
		textNormalization: check.boolean('Text Normalization', options.textNormalization),
		format: check.oneOf('Format', options.format ?? 'mp3', Object.keys(AUDIO_FORMATS)),
		sampleRate: check.oneOf('Sample Rate', Number(options.sampleRate ?? 32000), SAMPLE_RATES),
		bitrate: check.oneOf('Bitrate', Number(options.bitrate ?? 128000), BITRATES),
		channels: check.oneOf('Channels', Number(options.channels ?? 1), [1, 2]),
	};
	if (options.emotion) {
		settings.emotion = check.oneOf(
			'Emotion',
			options.emotion,
			emotionsForModel(settings.model),
			`with model ${settings.model}`,
		);
	}
	if (options.languageBoost)
		settings.languageBoost = check.oneOf('Language Boost', options.languageBoost, LANGUAGE_BOOSTS);
	if (typeof options.pronunciation === 'string' && options.pronunciation.trim()) {
		settings.pronunciation = options.pronunciation
			.split(/\r?\n/)
			.map((line) => line.trim())
			.filter(Boolean)
			.map((line) => {
				if (!/^[^/]+\/.+$/.test(line))
					check.fail(
						'Pronunciation Dictionary',
						`the line "${line}" is not in the form word/replacement`,
					);
				return line;
			});
	}
	const effects = (options.voiceEffects as IDataObject | undefined)?.effects as
		| IDataObject
		| undefined;
	if (effects) {
		const modify: IDataObject = {
			pitch: check.number('Voice Effects › Pitch', effects.pitch ?? 0, {
				min: -100,
				max: 100,
				integer: true,
			}),
			intensity: check.number('Voice Effects › Intensity', effects.intensity ?? 0, {
				min: -100,
				max: 100,
				integer: true,
			}),
			timbre: check.number('Voice Effects › Timbre', effects.timbre ?? 0, {
				min: -100,
				max: 100,
				integer: true,
			}),
		};
		if (effects.soundEffect)
			modify.sound_effects = check.oneOf(
				'Voice Effects › Sound Effect',
				effects.soundEffect,
				SOUND_EFFECTS,
			);
		settings.voiceModify = modify;
	}
	const mix =
		((options.voiceMix as IDataObject | undefined)?.voices as IDataObject[] | undefined) ?? [];
	if (mix.length) {
		if (mix.length > 4)
			check.fail('Voice Mixing', `${mix.length} voices given, at most 4 can be mixed`);
		settings.mix = mix.map((entry, index) => ({
			voice_id: check.text(
				`Voice Mixing › Voice ID (${index + 1})`,
				String(entry.voiceId ?? '').trim(),
				{ min: 1, max: 256 },
			),
			weight: check.number(`Voice Mixing › Weight (${index + 1})`, entry.weight ?? 50, {
				min: 1,
				max: 100,
				integer: true,
			}),
		}));
	} else {
		settings.voiceId = check.text('Voice', typeof voiceId === 'string' ? voiceId.trim() : voiceId, {
			min: 1,
			max: 256,
		});
	}
	return settings;
}

function sharedFields(settings: SpeechSettings): IDataObject {
	const body: IDataObject = {};
	if (settings.pronunciation) body.pronunciation_dict = { tone: settings.pronunciation };
	if (settings.languageBoost) body.language_boost = settings.languageBoost;
	if (settings.voiceModify) body.voice_modify = settings.voiceModify;
	return body;
}

function voiceSetting(settings: SpeechSettings, normalizationField: string): IDataObject {
	const voice: IDataObject = {
		voice_id: settings.voiceId,
		speed: settings.speed,
		vol: settings.vol,
		pitch: settings.pitch,
	};
	if (settings.emotion) voice.emotion = settings.emotion;
	if (settings.textNormalization) voice[normalizationField] = true;
	return voice;
}

export interface SyncExtras {
	stream: boolean;
	outputFormat: 'hex' | 'url';
	subtitles: boolean;
	subtitleType: string;
	watermark: boolean;
}

/** Body for POST /v1/t2a_v2 (docs/minimax-api.md §2). */
export function syncBody(text: string, settings: SpeechSettings, extras: SyncExtras): IDataObject {
	const body: IDataObject = {
		model: settings.model,
		text,
		stream: extras.stream,
		voice_setting: voiceSetting(settings, 'text_normalization'),
		audio_setting: {
			sample_rate: settings.sampleRate,
			bitrate: settings.bitrate,
			format: settings.format,
			channel: settings.channels,
		},
		...sharedFields(settings),
	};
	if (settings.mix) body.timbre_weights = settings.mix;
	if (extras.stream) {
		body.stream_options = { exclude_aggregated_audio: true };
	} else {
		body.output_format = extras.outputFormat;
		if (extras.subtitles) {
			body.subtitle_enable = true;
			body.subtitle_type = extras.subtitleType;
		}
	}
	if (extras.watermark) body.aigc_watermark = true;
	return body;
}

/** Body for POST /v1/t2a_async_v2: note `audio_sample_rate` and `english_normalization` (docs/minimax-api.md §3). */
export function asyncBody(
	source: { text: string } | { textFileId: number },
	settings: SpeechSettings,
): IDataObject {
	return {
		model: settings.model,
		...('text' in source ? { text: source.text } : { text_file_id: source.textFileId }),
		voice_setting: voiceSetting(settings, 'english_normalization'),
		audio_setting: {
			audio_sample_rate: settings.sampleRate,
			bitrate: settings.bitrate,
			format: settings.format,
			channel: settings.channels,
		},
		...sharedFields(settings),
	};
}
