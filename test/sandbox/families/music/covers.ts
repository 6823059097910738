import { createHash } from 'crypto';

import type { VirtualClock } from '../../core/clock';
import type { IdGenerator } from '../../core/random';
import type { FamilyState, SandboxState } from '../../core/state';
import type { Region } from '../../core/types';
import { invalidParams } from '../../http/errors';

/**
 * Cover features from POST /v1/music_cover_preprocess (docs/minimax-api.md §17.3): the id, the
 * reference's length, and the lyrics and structure "heard" in it. A feature id belongs to the host
 * (region) that issued it and lasts 24 h of virtual time (§13, UNCERTAIN).
 */

export const COVER_FEATURE_TTL_MS = 24 * 3600 * 1000;

export interface CoverFeature {
	id: string;
	region: Region;
	seconds: number;
	/** Virtual epoch ms. */
	createdAt: number;
	formattedLyrics: string;
	/** `structure_result`: a JSON string with the sections and their start/end seconds. */
	structure: string;
}

const SECTIONS = ['intro', 'verse', 'chorus', 'verse', 'chorus', 'bridge', 'chorus', 'outro'];
const WORDS = ['light', 'road', 'rain', 'heart', 'night', 'home', 'fire', 'sky', 'river', 'song'];

export class CoverFeatureStore implements FamilyState {
	private readonly features = new Map<string, CoverFeature>();

	constructor(
		private readonly clock: VirtualClock,
		private readonly ids: () => IdGenerator,
	) {}

	/** A new feature for a reference of `seconds`; its lyrics and structure follow the audio's bytes. */
	create(region: Region, seconds: number, audio: Buffer): CoverFeature {
		const digest = createHash('sha1').update(audio).digest();
		const count = Math.max(3, Math.min(SECTIONS.length, Math.floor(seconds / 6)));
		const labels = [...SECTIONS.slice(0, count - 1), 'outro'];
		const step = seconds / labels.length;
		const segments = labels.map((label, i) => ({
			start: Math.round(i * step * 100) / 100,
			end: Math.round(Math.min(seconds, (i + 1) * step) * 100) / 100,
			label,
		}));
		const word = (i: number) => WORDS[digest[i % digest.length] % WORDS.length];
		const lyrics: string[] = [];
		labels.forEach((label, i) => {
			if (label === 'intro' || label === 'outro') return;
			const tag = label.charAt(0).toUpperCase() + label.slice(1);
			lyrics.push(`[${tag}]`, `The ${word(i)} and the ${word(i + 1)}`, `Carry me ${word(i + 2)}`);
		});
		const feature: CoverFeature = {
			id: this.ids().token(32).toLowerCase(),
			region,
			seconds,
			createdAt: this.clock.now(),
			formattedLyrics: lyrics.join('\n'),
			structure: JSON.stringify({ num_segments: segments.length, segments }),
		};
		this.features.set(feature.id, feature);
		return feature;
	}

	/** The feature for `cover_feature_id`, or the 2013 MiniMax answers for an unknown or expired id. */
	get(region: Region, id: string): CoverFeature {
		const feature = this.features.get(id);
		if (!feature || feature.region !== region)
			throw invalidParams('cover_feature_id', `"${id}" was not found`);
		if (this.clock.now() - feature.createdAt > COVER_FEATURE_TTL_MS)
			throw invalidParams('cover_feature_id', `"${id}" has expired (valid 24 hours)`);
		return feature;
	}

	reset(): void {
		this.features.clear();
	}

	settle(): void {}
}

export function coverFeatures(state: SandboxState): CoverFeatureStore {
	return state.family('musicCoverFeatures', (clock, ids) => new CoverFeatureStore(clock, ids));
}
