import type { INodePropertyOptions } from 'n8n-workflow';

import type { InputValidator } from '../../shared/validation';

/** The v1 video models and what each allows (docs/minimax-api.md §7.1): mode × resolution × duration. */

export type VideoMode = 'textToVideo' | 'imageToVideo' | 'firstLastFrame' | 'subjectReference';

export const MODE_LABELS: Record<VideoMode, string> = {
	textToVideo: 'text-to-video',
	imageToVideo: 'image-to-video',
	firstLastFrame: 'first-and-last-frame',
	subjectReference: 'subject-reference',
};

const MODE_SHORT: Record<VideoMode, string> = {
	textToVideo: 'T2V',
	imageToVideo: 'I2V',
	firstLastFrame: 'FL2V',
	subjectReference: 'S2V',
};

interface ResolutionRule {
	resolution: string;
	durations: number[];
	/** Only these modes may use it (Hailuo-02 at 512P: image-to-video only). */
	modes?: VideoMode[];
}

export interface VideoModel {
	id: string;
	description: string;
	modes: VideoMode[];
	resolutions: ResolutionRule[];
	defaultResolution: string;
	fastPretreatment: boolean;
	/** No longer on MiniMax's available list (docs/minimax-api.md §17.2): kept for old workflows, never a default. */
	legacy?: boolean;
}

const HAILUO_23: ResolutionRule[] = [
	{ resolution: '768P', durations: [6, 10] },
	{ resolution: '1080P', durations: [6] },
];
const SERIES_01: ResolutionRule[] = [{ resolution: '720P', durations: [6] }];

export const VIDEO_MODELS: VideoModel[] = [
	{
		id: 'MiniMax-Hailuo-2.3',
		description: 'Newest Hailuo model: 768P (6 or 10 s) or 1080P (6 s)',
		modes: ['textToVideo', 'imageToVideo'],
		resolutions: HAILUO_23,
		defaultResolution: '768P',
		fastPretreatment: true,
	},
	{
		id: 'MiniMax-Hailuo-2.3-Fast',
		description: 'Faster, cheaper Hailuo 2.3 for image-to-video: 768P (6 or 10 s) or 1080P (6 s)',
		modes: ['imageToVideo'],
		resolutions: HAILUO_23,
		defaultResolution: '768P',
		fastPretreatment: true,
	},
	{
		id: 'MiniMax-Hailuo-02',
		description:
			'512P (image-to-video only) and 768P for 6 or 10 s, 1080P for 6 s; the only first-and-last-frame model',
		modes: ['textToVideo', 'imageToVideo', 'firstLastFrame'],
		resolutions: [
			{ resolution: '512P', durations: [6, 10], modes: ['imageToVideo'] },
			...HAILUO_23,
		],
		defaultResolution: '768P',
		fastPretreatment: true,
	},
	{
		id: 'T2V-01-Director',
		legacy: true,
		description: 'Legacy: 720P, 6 s, follows camera commands',
		modes: ['textToVideo'],
		resolutions: SERIES_01,
		defaultResolution: '720P',
		fastPretreatment: false,
	},
	{
		id: 'T2V-01',
		legacy: true,
		description: 'Legacy: 720P, 6 s',
		modes: ['textToVideo'],
		resolutions: SERIES_01,
		defaultResolution: '720P',
		fastPretreatment: false,
	},
	{
		id: 'I2V-01-Director',
		legacy: true,
		description: 'Legacy: 720P, 6 s, follows camera commands',
		modes: ['imageToVideo'],
		resolutions: SERIES_01,
		defaultResolution: '720P',
		fastPretreatment: false,
	},
	{
		id: 'I2V-01-live',
		legacy: true,
		description: 'Legacy: 720P, 6 s, suited to illustrations and 2D art',
		modes: ['imageToVideo'],
		resolutions: SERIES_01,
		defaultResolution: '720P',
		fastPretreatment: false,
	},
	{
		id: 'I2V-01',
		legacy: true,
		description: 'Legacy: 720P, 6 s',
		modes: ['imageToVideo'],
		resolutions: SERIES_01,
		defaultResolution: '720P',
		fastPretreatment: false,
	},
	{
		id: 'S2V-01',
		legacy: true,
		description: 'Legacy: 720P, 6 s, keeps the face of the subject image',
		modes: ['subjectReference'],
		resolutions: SERIES_01,
		defaultResolution: '720P',
		fastPretreatment: false,
	},
];

/**
 * The preselected model per mode: never a legacy model where a current one exists. Subject
 * reference has only S2V-01 (the mode itself is legacy; MiniMax-H3 reference images replace it).
 */
export const DEFAULT_MODELS: Record<VideoMode, string> = {
	textToVideo: 'MiniMax-Hailuo-2.3',
	imageToVideo: 'MiniMax-Hailuo-2.3',
	firstLastFrame: 'MiniMax-Hailuo-02',
	subjectReference: 'S2V-01',
};

export const defaultModel = (mode: VideoMode): string => DEFAULT_MODELS[mode];

export const modelsFor = (mode: VideoMode) =>
	VIDEO_MODELS.filter((model) => model.modes.includes(mode));

export function modelOptions(mode: VideoMode): INodePropertyOptions[] {
	return modelsFor(mode).map((model) => ({
		name: model.legacy ? `${model.id} (Legacy)` : model.id,
		value: model.id,
		description: model.description,
	}));
}

/** "512P (I2V) 6/10 s, 768P 6/10 s, 1080P 6 s" */
export function describeAllowed(model: VideoModel): string {
	return model.resolutions
		.map((rule) => {
			const only = rule.modes ? ` (${rule.modes.map((mode) => MODE_SHORT[mode]).join('/')})` : '';
			return `${rule.resolution}${only} ${rule.durations.join('/')} s`;
		})
		.join(', ');
}

export interface VideoCombination {
	model: string;
	mode: VideoMode;
	/** 'auto' = the model's default. */
	resolution: string;
	duration: number;
	fastPretreatment: boolean;
}

/**
 * Checks the combination before any paid call, with a message that lists what the model allows.
 * Returns the effective resolution.
 */
export function checkCombination(check: InputValidator, combination: VideoCombination): string {
	const { mode, duration } = combination;
	const model = VIDEO_MODELS.find((candidate) => candidate.id === combination.model);
	const forMode = modelsFor(mode)
		.map((candidate) => candidate.id)
		.join(', ');
	if (!model)
		check.fail(
			'Model',
			`"${combination.model}" is not a MiniMax video model. Models for ${MODE_LABELS[mode]}: ${forMode}`,
		);
	if (!model.modes.includes(mode)) {
		check.fail(
			'Model',
			`${model.id} does not support ${MODE_LABELS[mode]}. Models for ${MODE_LABELS[mode]}: ${forMode}`,
		);
	}
	const allowed = `Allowed for ${model.id}: ${describeAllowed(model)}`;
	const resolution =
		combination.resolution === 'auto' || !combination.resolution
			? model.defaultResolution
			: combination.resolution;
	const rule = model.resolutions.find((candidate) => candidate.resolution === resolution);
	if (!rule) check.fail('Resolution', `${model.id} does not support ${resolution}. ${allowed}`);
	if (rule.modes && !rule.modes.includes(mode)) {
		const modes = rule.modes.map((candidate) => MODE_LABELS[candidate]).join(' and ');
		check.fail('Resolution', `${model.id} supports ${resolution} only for ${modes}. ${allowed}`);
	}
	if (!rule.durations.includes(duration)) {
		check.fail(
			'Duration',
			`${model.id} at ${resolution} only supports ${rule.durations.join(' or ')} s. ${allowed}`,
		);
	}
	if (combination.fastPretreatment && !model.fastPretreatment) {
		const supporting = VIDEO_MODELS.filter((candidate) => candidate.fastPretreatment)
			.map((candidate) => candidate.id)
			.join(', ');
		check.fail('Fast Pretreatment', `${model.id} does not support it; only ${supporting} do`);
	}
	return resolution;
}
