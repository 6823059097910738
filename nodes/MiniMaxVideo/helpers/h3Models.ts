import type { InputValidator } from '../../shared/validation';
import type { H3Media } from './h3Media';

/**
 * The MiniMax-H3 models and their limits (docs/minimax-api.md §17.2), checked before the paid call:
 * MiniMax-H3 768P/2K, 4–15 s, every kind of media; MiniMax-H3-Max text-to-video and first/last
 * frame only, 480P/768P, 5–15 s, no AIGC watermark option.
 */

export type H3Model = 'MiniMax-H3' | 'MiniMax-H3-Max';

export interface H3ModelRules {
	resolutions: string[];
	defaultResolution: string;
	minSeconds: number;
	maxSeconds: number;
	references: boolean;
	watermark: boolean;
}

export const H3_MODELS: Record<H3Model, H3ModelRules> = {
	'MiniMax-H3': {
		resolutions: ['768P', '2K'],
		defaultResolution: '2K',
		minSeconds: 4,
		maxSeconds: 15,
		references: true,
		watermark: true,
	},
	'MiniMax-H3-Max': {
		resolutions: ['480P', '768P'],
		defaultResolution: '768P',
		minSeconds: 5,
		maxSeconds: 15,
		references: false,
		watermark: false,
	},
};

export const H3_MODEL_IDS = Object.keys(H3_MODELS) as H3Model[];

export interface H3Request {
	model: H3Model;
	resolution: string;
	duration: number;
	media: H3Media;
	watermark: boolean;
}

/** Checks resolution, duration, media and watermark against the model's limits. */
export function checkH3Request(check: InputValidator, request: H3Request): void {
	const rules = H3_MODELS[request.model];
	const { model } = request;
	if (!rules.resolutions.includes(request.resolution))
		check.fail(
			'Resolution',
			`${model} does not offer ${request.resolution}; it takes ${rules.resolutions.join(' or ')}`,
		);
	if (request.duration < rules.minSeconds || request.duration > rules.maxSeconds)
		check.fail(
			'Duration (Seconds)',
			`${model} makes videos of ${rules.minSeconds} to ${rules.maxSeconds} whole seconds, not ${request.duration}`,
		);
	if (!rules.references && request.media.hasReferences)
		check.fail(
			'Media',
			`${model} takes text, or a first and/or last frame only: no reference images, videos or audio. Use MiniMax-H3 for references.`,
		);
	if (!rules.watermark && request.watermark)
		check.fail('Options › AIGC Watermark', `${model} has no watermark option; turn it off`);
}
