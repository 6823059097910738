import type { INode } from 'n8n-workflow';

import {
	asyncBody,
	readSpeechSettings,
	syncBody,
} from '../../nodes/MiniMaxTextToSpeech/helpers/requestBody';
import { InputValidator } from '../../nodes/shared/validation';

const node = {
	id: '1',
	name: 'TTS',
	type: 't',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
} as INode;
const check = new InputValidator(node, 0);

describe('speech request bodies', () => {
	const settings = readSpeechSettings(check, 'speech-2.6-hd', 'English_expressive_narrator', {
		speed: 1.2,
		volume: 2,
		pitch: -3,
		emotion: 'whisper',
		languageBoost: 'English',
		textNormalization: true,
		pronunciation: 'Omg/Oh my god\n\n  AI/A.I.  ',
		voiceEffects: { effects: { pitch: 10, intensity: -5, timbre: 0, soundEffect: 'robotic' } },
		format: 'flac',
		sampleRate: 44100,
		bitrate: 256000,
		channels: 2,
	});

	it('build the sync body with the field names of docs/minimax-api.md §2', () => {
		const body = syncBody('Hi', settings, {
			stream: false,
			outputFormat: 'url',
			subtitles: true,
			subtitleType: 'word',
			watermark: true,
		});
		expect(body).toEqual({
			model: 'speech-2.6-hd',
			text: 'Hi',
			stream: false,
			output_format: 'url',
			subtitle_enable: true,
			subtitle_type: 'word',
			aigc_watermark: true,
			voice_setting: {
				voice_id: 'English_expressive_narrator',
				speed: 1.2,
				vol: 2,
				pitch: -3,
				emotion: 'whisper',
				text_normalization: true,
			},
			audio_setting: { sample_rate: 44100, bitrate: 256000, format: 'flac', channel: 2 },
			pronunciation_dict: { tone: ['Omg/Oh my god', 'AI/A.I.'] },
			language_boost: 'English',
			voice_modify: { pitch: 10, intensity: -5, timbre: 0, sound_effects: 'robotic' },
		});
	});

	it('build the async body with audio_sample_rate and english_normalization', () => {
		const body = asyncBody({ textFileId: 123 }, settings);
		expect(body.text_file_id).toBe(123);
		expect(body.audio_setting).toEqual({
			audio_sample_rate: 44100,
			bitrate: 256000,
			format: 'flac',
			channel: 2,
		});
		expect((body.voice_setting as Record<string, unknown>).english_normalization).toBe(true);
		expect(body).not.toHaveProperty('stream');
	});

	it('send a voice mix as timbre_weights with an empty voice id', () => {
		const mixed = readSpeechSettings(check, 'speech-2.8-hd', 'ignored', {
			voiceMix: {
				voices: [
					{ voiceId: 'A_voice', weight: 70 },
					{ voiceId: 'B_voice', weight: 30 },
				],
			},
		});
		const body = syncBody('Hi', mixed, {
			stream: true,
			outputFormat: 'hex',
			subtitles: false,
			subtitleType: 'sentence',
			watermark: false,
		});
		expect(body.timbre_weights).toEqual([
			{ voice_id: 'A_voice', weight: 70 },
			{ voice_id: 'B_voice', weight: 30 },
		]);
		expect((body.voice_setting as Record<string, unknown>).voice_id).toBe('');
		expect(body.stream_options).toEqual({ exclude_aggregated_audio: true });
		expect(body).not.toHaveProperty('output_format');
	});

	it('reject model-incompatible emotions and bad dictionary lines before any call', () => {
		expect(() => readSpeechSettings(check, 'speech-2.8-hd', 'v', { emotion: 'whisper' })).toThrow(
			/Invalid "Emotion" for item 0: "whisper" is not allowed with model speech-2.8-hd/,
		);
		expect(() =>
			readSpeechSettings(check, 'speech-2.8-hd', 'v', { pronunciation: 'no slash here' }),
		).toThrow(/Pronunciation Dictionary/);
		expect(() =>
			readSpeechSettings(check, 'speech-2.8-hd', 'v', {
				voiceMix: { voices: [1, 2, 3, 4, 5].map((n) => ({ voiceId: `v${n}`, weight: 10 })) },
			}),
		).toThrow(/at most 4/);
		expect(() => readSpeechSettings(check, 'tts-1', 'v', {})).toThrow(/Invalid "Model"/);
	});
});
