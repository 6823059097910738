import type { INodePropertyOptions } from 'n8n-workflow';

import type { InputValidator } from '../../shared/validation';

/**
 * What each music model accepts (docs/minimax-api.md §9). music-2.x: prompt ≤ 2000, lyrics ≤ 3500;
 * music-1.5: prompt 10–300 and lyrics 10–600, both required; music-01 (legacy) is treated like
 * music-1.5 with an optional prompt. Instrumental needs music-3.0/3.0-free/2.6/2.6-free/2.5+;
 * the lyrics optimizer the music-2.5 family and newer. music-3.0 and music-3.0-free are UNCERTAIN
 * (§17.3): like any model id typed by the user, their limits are not checked locally; MiniMax
 * judges them.
 */
export interface TextLimit {
	min?: number;
	/** Absent: no local limit (the service judges). */
	max?: number;
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

/** Models whose limits are not confirmed (music-3.0, ids typed by the user): nothing checked locally. */
export const UNCHECKED_MODEL: MusicModelRules = {
	prompt: { required: false },
	lyrics: { min: 1 },
	instrumental: true,
	lyricsOptimizer: true,
};

export const MUSIC_MODEL_RULES: Record<string, MusicModelRules> = {
	'music-3.0': UNCHECKED_MODEL,
	'music-3.0-free': UNCHECKED_MODEL,
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
	{
		name: 'Music 3.0',
		value: 'music-3.0',
		description: 'Newest; its limits are checked by MiniMax, not before the call',
	},
	{ name: 'Music 3.0 Free', value: 'music-3.0-free', description: 'Free tier of Music 3.0' },
	{ name: 'Music 2.6', value: 'music-2.6', description: 'Vocals or instrumental' },
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

/** The rules of a model id; an id the node does not know is passed on unchecked. */
export function musicModelRules(model: string): MusicModelRules {
	return MUSIC_MODEL_RULES[model] ?? UNCHECKED_MODEL;
}

export const COVER_MODELS: INodePropertyOptions[] = [
	{ name: 'Music Cover', value: 'music-cover' },
	{ name: 'Music Cover Free', value: 'music-cover-free', description: 'Free tier' },
];

export const COVER_LIMITS = {
	prompt: { min: 1, max: 2000 },
	lyrics: { max: 3500 },
	seed: { min: 0, max: 1_000_000 },
} as const;

/**
 * What MiniMax has been seen to take as lyrics over a `cover_feature_id` (docs/minimax-api.md §9:
 * 10–1000, UNCERTAIN): told to the user, not checked before the call.
 */
export const PREPARED_COVER_LYRICS_SEEN = '10–1,000 characters';

/** A cover model id typed by the user: only the prompt's presence is checked locally. */
export const UNCHECKED_COVER_LIMITS = {
	prompt: { min: 1 },
	lyrics: {},
	seed: COVER_LIMITS.seed,
} as const;

/** The model Prepare Cover sends (docs/minimax-api.md §17.3: "must be music-cover"). */
export const COVER_PREPROCESS_MODEL = 'music-cover';

export const LYRICS_TAGS =
	'[Intro] [Verse] [Pre Chorus] [Chorus] [Interlude] [Bridge] [Outro] [Post Chorus] [Transition] [Break] [Hook] [Build Up] [Inst] [Solo]';

/**
 * The Model parameter: a listed id, or any id typed as an expression, sent as given (only the
 * surrounding whitespace an expression may leave is trimmed). An id the node does not know is
 * MiniMax's to judge (docs/minimax-api.md §17.3); its error comes back with the trace id.
 * Fails with a NodeOperationError naming "Model" when the value is empty or not text.
 */
export function readModel(check: InputValidator, value: unknown): string {
	return check.text('Model', typeof value === 'string' ? value.trim() : value, { min: 1 });
}
