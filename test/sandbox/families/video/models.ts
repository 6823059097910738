import { invalidParams } from '../../http/errors';

/**
 * The v1 model × mode × resolution × duration matrix (docs/minimax-api.md §7.1), kept apart from the node's
 * copy on purpose: the sandbox is the reference the node is tested against.
 */

export type VideoMode = 't2v' | 'i2v' | 'fl2v' | 's2v';

interface ResolutionRule {
	durations: number[];
	/** Only these modes may use the resolution (Hailuo-02 at 512P: image-to-video only). */
	modes?: VideoMode[];
}

interface ModelRule {
	modes: VideoMode[];
	resolutions: Record<string, ResolutionRule>;
	defaultResolution: string;
	fastPretreatment: boolean;
}

const HAILUO_23: Record<string, ResolutionRule> = {
	'768P': { durations: [6, 10] },
	'1080P': { durations: [6] },
};
const SERIES_01: Record<string, ResolutionRule> = { '720P': { durations: [6] } };

export const V1_MODELS: Record<string, ModelRule> = {
	'MiniMax-Hailuo-2.3': {
		modes: ['t2v', 'i2v'],
		resolutions: HAILUO_23,
		defaultResolution: '768P',
		fastPretreatment: true,
	},
	'MiniMax-Hailuo-2.3-Fast': {
		modes: ['i2v'],
		resolutions: HAILUO_23,
		defaultResolution: '768P',
		fastPretreatment: true,
	},
	'MiniMax-Hailuo-02': {
		modes: ['t2v', 'i2v', 'fl2v'],
		resolutions: {
			'512P': { durations: [6, 10], modes: ['i2v'] },
			'768P': { durations: [6, 10] },
			'1080P': { durations: [6] },
		},
		defaultResolution: '768P',
		fastPretreatment: true,
	},
	'T2V-01-Director': {
		modes: ['t2v'],
		resolutions: SERIES_01,
		defaultResolution: '720P',
		fastPretreatment: false,
	},
	'T2V-01': {
		modes: ['t2v'],
		resolutions: SERIES_01,
		defaultResolution: '720P',
		fastPretreatment: false,
	},
	'I2V-01-Director': {
		modes: ['i2v'],
		resolutions: SERIES_01,
		defaultResolution: '720P',
		fastPretreatment: false,
	},
	'I2V-01-live': {
		modes: ['i2v'],
		resolutions: SERIES_01,
		defaultResolution: '720P',
		fastPretreatment: false,
	},
	'I2V-01': {
		modes: ['i2v'],
		resolutions: SERIES_01,
		defaultResolution: '720P',
		fastPretreatment: false,
	},
	'S2V-01': {
		modes: ['s2v'],
		resolutions: SERIES_01,
		defaultResolution: '720P',
		fastPretreatment: false,
	},
};

const MODE_NAMES: Record<VideoMode, string> = {
	t2v: 'text-to-video',
	i2v: 'image-to-video',
	fl2v: 'first-and-last-frame',
	s2v: 'subject-reference',
};

/** Checks the combination; returns the effective resolution and duration. */
export function checkCombination(
	model: string,
	mode: VideoMode,
	resolution: string | undefined,
	duration: number | undefined,
	fastPretreatment: boolean | undefined,
): { resolution: string; duration: number } {
	const rule = V1_MODELS[model];
	if (!rule)
		throw invalidParams(
			'model',
			`must be one of ${Object.keys(V1_MODELS).join(', ')}, got "${model}"`,
		);
	if (!rule.modes.includes(mode))
		throw invalidParams('model', `${model} does not support ${MODE_NAMES[mode]}`);
	const effective = resolution ?? rule.defaultResolution;
	const allowed = rule.resolutions[effective];
	if (!allowed || (allowed.modes && !allowed.modes.includes(mode))) {
		throw invalidParams(
			'resolution',
			`${model} does not support ${effective} for ${MODE_NAMES[mode]}`,
		);
	}
	const seconds = duration ?? 6;
	if (!allowed.durations.includes(seconds)) {
		throw invalidParams(
			'duration',
			`${model} at ${effective} supports ${allowed.durations.join(' or ')} s, got ${seconds}`,
		);
	}
	if (fastPretreatment && !rule.fastPretreatment)
		throw invalidParams('fast_pretreatment', `not supported by ${model}`);
	return { resolution: effective, duration: seconds };
}

const SHORT_SIDE: Record<string, number> = {
	'480P': 480,
	'512P': 512,
	'720P': 720,
	'768P': 768,
	'1080P': 1080,
	'2K': 1440,
};

const even = (value: number) => Math.max(2, Math.round(value / 2) * 2);

/** Frame size for a resolution ("768P" = short side 768) and an aspect ratio (width / height). */
export function frameSize(resolution: string, aspect = 16 / 9): { width: number; height: number } {
	const short = SHORT_SIDE[resolution] ?? 720;
	return aspect >= 1
		? { width: even(short * aspect), height: short }
		: { width: short, height: even(short / aspect) };
}

/** "16:9" → 16/9. */
export function ratioValue(ratio: string): number | undefined {
	const match = /^(\d+):(\d+)$/.exec(ratio);
	return match ? Number(match[1]) / Number(match[2]) : undefined;
}
