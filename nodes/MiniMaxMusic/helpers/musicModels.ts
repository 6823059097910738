import type { INodePropertyOptions } from 'n8n-workflow';

/**
 * What each music model accepts (docs/minimax-api.md §9). music-2.x: prompt ≤ 2000, lyrics ≤ 3500;
 * music-1.5: prompt 10–300 and lyrics 10–600, both required; music-01 (legacy) is treated like
 * music-1.5 with an optional prompt. Instrumental needs music-2.6/2.6-free/2.5+; the lyrics
 * optimizer the music-2.5 family and newer.
 */
export interface TextLimit {
	min?: number;
	max: number;
}

export interface MusicModelRules {
	prompt: TextLimit & { required: boolean };
	lyrics: TextLimit;
	instrumental: boolean;
	lyricsOptimizer: boolean;
}

const MODERN: MusicModelRules = {
	prompt: { max: 2000, required: false },
	lyrics: { min: 1, max: 3500 },
	instrumental: true,
	lyricsOptimizer: true,
};

export const MUSIC_MODEL_RULES: Record<string, MusicModelRules> = {
	'music-2.6': MODERN,
	'music-2.6-free': MODERN,
	'music-2.5+': MODERN,
	'music-2.5': { ...MODERN, instrumental: false },
	'music-2.0': { ...MODERN, instrumental: false, lyricsOptimizer: false },
	'music-1.5': {
		prompt: { min: 10, max: 300, required: true },
		lyrics: { min: 10, max: 600 },
		instrumental: false,
		lyricsOptimizer: false,
	},
	'music-01': {
		prompt: { max: 300, required: false },
		lyrics: { min: 10, max: 600 },
		instrumental: false,
		lyricsOptimizer: false,
	},
};

export const MUSIC_MODELS: INodePropertyOptions[] = [
	{ name: 'Music 2.6', value: 'music-2.6', description: 'Newest; vocals or instrumental' },
	{ name: 'Music 2.6 Free', value: 'music-2.6-free', description: 'Free tier of Music 2.6' },
	{ name: 'Music 2.5+', value: 'music-2.5+', description: 'Vocals or instrumental' },
	{ name: 'Music 2.5', value: 'music-2.5', description: 'Vocals; no instrumental mode' },
	{ name: 'Music 2.0', value: 'music-2.0', description: 'Older; vocals with your own lyrics' },
	{
		name: 'Music 1.5',
		value: 'music-1.5',
		description: 'Older; prompt 10–300 and lyrics 10–600 characters',
	},
	{ name: 'Music 01 (Legacy)', value: 'music-01', description: 'Legacy; lyrics 10–600 characters' },
];

export const MUSIC_MODEL_IDS = Object.keys(MUSIC_MODEL_RULES);

export const INSTRUMENTAL_MODEL_IDS = MUSIC_MODEL_IDS.filter(
	(id) => MUSIC_MODEL_RULES[id].instrumental,
);
export const LYRICS_OPTIMIZER_MODEL_IDS = MUSIC_MODEL_IDS.filter(
	(id) => MUSIC_MODEL_RULES[id].lyricsOptimizer,
);

export const COVER_MODELS: INodePropertyOptions[] = [
	{ name: 'Music Cover', value: 'music-cover' },
	{ name: 'Music Cover Free', value: 'music-cover-free', description: 'Free tier' },
];

export const COVER_LIMITS = {
	prompt: { min: 1, max: 2000 },
	lyrics: { max: 3500 },
	seed: { min: 0, max: 1_000_000 },
} as const;

export const LYRICS_TAGS =
	'[Intro] [Verse] [Pre Chorus] [Chorus] [Interlude] [Bridge] [Outro] [Post Chorus] [Transition] [Break] [Hook] [Build Up] [Inst] [Solo]';
