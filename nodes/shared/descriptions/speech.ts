import type { INodePropertyOptions } from 'n8n-workflow';

export const SPEECH_MODELS: INodePropertyOptions[] = [
	{
		name: 'Speech 2.8 HD',
		value: 'speech-2.8-hd',
		description: 'Newest, best quality; supports interjection tags like (laughs)',
	},
	{
		name: 'Speech 2.8 Turbo',
		value: 'speech-2.8-turbo',
		description: 'Newest, faster and cheaper',
	},
	{
		name: 'Speech 2.6 HD',
		value: 'speech-2.6-hd',
		description: 'Supports the fluent and whisper emotions',
	},
	{
		name: 'Speech 2.6 Turbo',
		value: 'speech-2.6-turbo',
		description: 'Supports the fluent and whisper emotions',
	},
	{ name: 'Speech 02 HD', value: 'speech-02-hd' },
	{ name: 'Speech 02 Turbo', value: 'speech-02-turbo' },
	{ name: 'Speech 01 HD', value: 'speech-01-hd' },
	{ name: 'Speech 01 Turbo', value: 'speech-01-turbo' },
];

export const SPEECH_MODEL_IDS = SPEECH_MODELS.map((model) => String(model.value));

export const DEFAULT_SPEECH_MODEL = 'speech-2.8-hd';

export const DEFAULT_VOICE_ID = 'English_expressive_narrator';

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

/** Emotions a model accepts: fluent/whisper are speech-2.6 only, and speech-2.8 rejects whisper. */
export function emotionsForModel(model: string): string[] {
	const base: string[] = ['happy', 'sad', 'angry', 'fearful', 'disgusted', 'surprised', 'calm'];
	if (model.startsWith('speech-2.6')) return [...base, 'fluent', 'whisper'];
	return base;
}

export const LANGUAGE_BOOSTS = [
	'auto',
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
] as const;

export const LANGUAGE_BOOST_OPTIONS: INodePropertyOptions[] = LANGUAGE_BOOSTS.map((value) => ({
	name:
		value === 'auto' ? 'Auto-Detect' : value === 'Chinese,Yue' ? 'Cantonese (Chinese,Yue)' : value,
	value,
}));

export interface AudioFormat {
	mimeType: string;
	extension: string;
}

export const AUDIO_FORMATS: Record<string, AudioFormat> = {
	mp3: { mimeType: 'audio/mpeg', extension: 'mp3' },
	wav: { mimeType: 'audio/wav', extension: 'wav' },
	flac: { mimeType: 'audio/flac', extension: 'flac' },
	pcm: { mimeType: 'audio/pcm', extension: 'pcm' },
};

export const SAMPLE_RATES = [8000, 16000, 22050, 24000, 32000, 44100] as const;
export const BITRATES = [32000, 64000, 128000, 256000] as const;
export const SOUND_EFFECTS = [
	'spacious_echo',
	'auditorium_echo',
	'lofi_telephone',
	'robotic',
] as const;

export const SYNC_TEXT_LIMIT = 9_999;
export const ASYNC_TEXT_LIMIT = 50_000;
