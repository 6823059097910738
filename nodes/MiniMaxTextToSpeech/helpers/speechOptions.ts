import type { INodeProperties } from 'n8n-workflow';

import {
	concurrencyOption,
	maxRateLimitWaitOption,
	maxRetriesOption,
	outputFieldOption,
	pollIntervalOption,
	requestsPerMinuteOption,
	retryDelayOption,
	waitTimeoutOption,
} from '../../shared/descriptions/options';
import { EMOTIONS, LANGUAGE_BOOST_OPTIONS, SOUND_EFFECTS } from '../../shared/descriptions/speech';

const titleCase = (value: string) =>
	value.charAt(0).toUpperCase() + value.slice(1).replace(/_/g, ' ');

export const speed: INodeProperties = {
	displayName: 'Speed',
	name: 'speed',
	type: 'number',
	default: 1,
	typeOptions: { minValue: 0.5, maxValue: 2, numberPrecision: 2 },
	description: 'Speaking speed, from 0.5 (slow) to 2 (fast)',
};

export const volume: INodeProperties = {
	displayName: 'Volume',
	name: 'volume',
	type: 'number',
	default: 1,
	typeOptions: { minValue: 0.01, maxValue: 10, numberPrecision: 2 },
	description: 'Loudness, greater than 0 and up to 10',
};

export const pitch: INodeProperties = {
	displayName: 'Pitch',
	name: 'pitch',
	type: 'number',
	default: 0,
	typeOptions: { minValue: -12, maxValue: 12, numberPrecision: 0 },
	description: 'Pitch shift in semitones, from -12 to 12',
};

export const emotion: INodeProperties = {
	displayName: 'Emotion',
	name: 'emotion',
	type: 'options',
	default: '',
	options: [
		{ name: 'Model Default', value: '', description: 'Let the model choose from the text' },
		...EMOTIONS.map((value) => ({
			name: value === 'calm' ? 'Calm (Neutral)' : titleCase(value),
			value,
			description: value === 'fluent' || value === 'whisper' ? 'Speech 2.6 models only' : undefined,
		})),
	],
	description: 'The emotion of the voice. Fluent and Whisper only work with the Speech 2.6 models.',
};

export const languageBoost: INodeProperties = {
	displayName: 'Language Boost',
	name: 'languageBoost',
	type: 'options',
	default: '',
	options: [{ name: 'None', value: '' }, ...LANGUAGE_BOOST_OPTIONS],
	description: 'Improves recognition of a language or dialect; Auto-Detect lets the model decide',
};

export const textNormalization: INodeProperties = {
	displayName: 'Text Normalization',
	name: 'textNormalization',
	type: 'boolean',
	default: false,
	description:
		'Whether to read numbers, dates and units the way they are spoken (e.g. "3 kg" → "three kilograms")',
};

export const pronunciation: INodeProperties = {
	displayName: 'Pronunciation Dictionary',
	name: 'pronunciation',
	type: 'string',
	default: '',
	typeOptions: { rows: 3 },
	placeholder: 'Omg/Oh my god\n处理/(chu3)(li3)',
	description:
		'One rule per line as word/replacement; the replacement can be a spelling or pinyin tones',
};

export const voiceEffects: INodeProperties = {
	displayName: 'Voice Effects',
	name: 'voiceEffects',
	type: 'fixedCollection',
	default: {},
	placeholder: 'Add Voice Effects',
	description: 'Post-processing of the voice (works with MP3, WAV and FLAC)',
	options: [
		{
			displayName: 'Effects',
			name: 'effects',
			values: [
				{
					displayName: 'Intensity',
					name: 'intensity',
					type: 'number',
					default: 0,
					typeOptions: { minValue: -100, maxValue: 100, numberPrecision: 0 },
					description: 'From -100 (softer) to 100 (stronger)',
				},
				{
					displayName: 'Pitch',
					name: 'pitch',
					type: 'number',
					default: 0,
					typeOptions: { minValue: -100, maxValue: 100, numberPrecision: 0 },
					description: 'From -100 (deeper) to 100 (brighter)',
				},
				{
					displayName: 'Sound Effect',
					name: 'soundEffect',
					type: 'options',
					default: '',
					options: [
						{ name: 'None', value: '' },
						...SOUND_EFFECTS.map((value) => ({ name: titleCase(value), value })),
					],
				},
				{
					displayName: 'Timbre',
					name: 'timbre',
					type: 'number',
					default: 0,
					typeOptions: { minValue: -100, maxValue: 100, numberPrecision: 0 },
					description: 'From -100 (more magnetic) to 100 (crisper)',
				},
			],
		},
	],
};

export const voiceMix: INodeProperties = {
	displayName: 'Voice Mixing',
	name: 'voiceMix',
	type: 'fixedCollection',
	default: {},
	placeholder: 'Add Voice to Mix',
	typeOptions: { multipleValues: true },
	description: 'Blend up to 4 voices. When set, the mix replaces the Voice parameter.',
	options: [
		{
			displayName: 'Voices',
			name: 'voices',
			values: [
				{
					displayName: 'Voice ID',
					name: 'voiceId',
					type: 'string',
					default: '',
					placeholder: 'e.g. English_Graceful_Lady',
				},
				{
					displayName: 'Weight',
					name: 'weight',
					type: 'number',
					default: 50,
					typeOptions: { minValue: 1, maxValue: 100, numberPrecision: 0 },
					description: 'Share of this voice in the mix, from 1 to 100',
				},
			],
		},
	],
};

export const format: INodeProperties = {
	displayName: 'Format',
	name: 'format',
	type: 'options',
	default: 'mp3',
	options: [
		{ name: 'MP3', value: 'mp3' },
		{ name: 'WAV', value: 'wav', description: 'Not available with streaming' },
		{ name: 'FLAC', value: 'flac' },
		{ name: 'PCM (Raw 16-Bit)', value: 'pcm' },
	],
};

export const sampleRate: INodeProperties = {
	displayName: 'Sample Rate',
	name: 'sampleRate',
	type: 'options',
	default: 32000,
	options: [8000, 16000, 22050, 24000, 32000, 44100].map((value) => ({
		name: `${value} Hz`,
		value,
	})),
};

export const bitrate: INodeProperties = {
	displayName: 'Bitrate',
	name: 'bitrate',
	type: 'options',
	default: 128000,
	options: [32000, 64000, 128000, 256000].map((value) => ({ name: `${value / 1000} Kbps`, value })),
	description: 'MP3 only',
};

export const channels: INodeProperties = {
	displayName: 'Channels',
	name: 'channels',
	type: 'options',
	default: 1,
	options: [
		{ name: 'Mono', value: 1 },
		{ name: 'Stereo', value: 2 },
	],
};

export const returnSubtitles: INodeProperties = {
	displayName: 'Return Subtitles',
	name: 'subtitles',
	type: 'boolean',
	default: false,
	description:
		'Whether to also return subtitles as binaries: SRT in the "subtitles" field and MiniMax JSON (times in ms) in "subtitlesJson"',
};

export const subtitleGranularity: INodeProperties = {
	displayName: 'Subtitle Granularity',
	name: 'subtitleType',
	type: 'options',
	default: 'sentence',
	options: [
		{ name: 'Sentence', value: 'sentence' },
		{ name: 'Word', value: 'word' },
	],
	description: 'Whether each subtitle is a sentence or a word (needs Return Subtitles)',
};

export const stream: INodeProperties = {
	displayName: 'Stream Response',
	name: 'stream',
	type: 'boolean',
	default: false,
	description:
		'Whether MiniMax streams the audio as it is generated (recommended above 3,000 characters). The node still returns one complete file. Not available with WAV or subtitles.',
};

export const streamIdleTimeout: INodeProperties = {
	displayName: 'Stream Idle Timeout (Seconds)',
	name: 'idleTimeoutSeconds',
	type: 'number',
	default: 120,
	typeOptions: { minValue: 0.1, maxValue: 3600, numberPrecision: 1 },
	displayOptions: { show: { stream: [true] } },
	description:
		'With Stream Response: fail if MiniMax sends nothing for this long while the connection stays open. Must be more than 0: it is what stops a silent stream.',
};

export const audioDelivery: INodeProperties = {
	displayName: 'Audio Delivery',
	name: 'audioDelivery',
	type: 'options',
	default: 'hex',
	options: [
		{ name: 'In the Response', value: 'hex', description: 'Audio comes inside the API response' },
		{
			name: 'As a Download Link',
			value: 'url',
			description:
				'MiniMax returns a link (valid 24 h) that the node downloads; the link is also in the output',
		},
	],
};

export const watermark: INodeProperties = {
	displayName: 'AIGC Watermark',
	name: 'aigcWatermark',
	type: 'boolean',
	default: false,
	description: 'Whether to add an inaudible AI-generated-content watermark to the audio',
};

export const longTextHandling: INodeProperties = {
	displayName: 'Long Texts',
	name: 'longText',
	type: 'options',
	default: 'async',
	options: [
		{
			name: 'Use the Long-Text API',
			value: 'async',
			description:
				'Texts over 9,999 characters go through the async API and the node waits for the result',
		},
		{ name: 'Fail', value: 'error', description: 'Texts over 9,999 characters are an error' },
	],
};

/** Options of the Generate Speech operation, alphabetical as n8n shows them. */
export const generateOptions: INodeProperties[] = [
	watermark,
	audioDelivery,
	bitrate,
	channels,
	concurrencyOption,
	emotion,
	format,
	languageBoost,
	longTextHandling,
	maxRateLimitWaitOption,
	maxRetriesOption,
	pitch,
	pollIntervalOption,
	pronunciation,
	outputFieldOption,
	requestsPerMinuteOption('speech'),
	retryDelayOption,
	returnSubtitles,
	sampleRate,
	speed,
	streamIdleTimeout,
	stream,
	subtitleGranularity,
	textNormalization,
	voiceEffects,
	voiceMix,
	volume,
	waitTimeoutOption,
];

/** Options of the long-text (async) operation: the async API has no streaming, links, mixing or watermark. */
export const longOptions: INodeProperties[] = [
	bitrate,
	channels,
	concurrencyOption,
	emotion,
	format,
	languageBoost,
	maxRateLimitWaitOption,
	maxRetriesOption,
	pitch,
	pollIntervalOption,
	pronunciation,
	outputFieldOption,
	requestsPerMinuteOption('speech'),
	retryDelayOption,
	sampleRate,
	speed,
	textNormalization,
	voiceEffects,
	volume,
	waitTimeoutOption,
];
