import { EARLY_POLLS, pollDelayMs } from '../../../../nodes/shared/transport/polling';
import {
	MODE_LABELS,
	VIDEO_MODELS,
	defaultModel,
	modelOptions,
} from '../../../../nodes/MiniMaxVideo/helpers/models';
import type { VideoMode } from '../../../../nodes/MiniMaxVideo/helpers/models';

/** The query times (ms after the create) until the first one at or after `jobMs`. */
function queryTimes(jobMs: number, intervalMs: number): number[] {
	const times: number[] = [];
	let at = 0;
	for (let index = 0; times.length === 0 || times[times.length - 1] < jobMs; index++) {
		at += pollDelayMs(index, intervalMs);
		times.push(at);
	}
	return times;
}

describe('poll schedule (pollDelayMs)', () => {
	it('first queries after 2, 4 and 6 s, then the chosen interval', () => {
		expect([0, 1, 2, 3, 4].map((i) => pollDelayMs(i, 10_000))).toEqual([
			2000, 2000, 2000, 10_000, 10_000,
		]);
		expect([0, 3].map((i) => pollDelayMs(i, 500))).toEqual([500, 500]);
	});

	it.each([1000, 2500, 5000, 10_000, 30_000, 60_000])(
		'status queries stay within ceil(job / interval) + 3 for every job length (interval %i ms)',
		(intervalMs) => {
			for (let jobMs = 100; jobMs <= 600_000; jobMs += 700) {
				const count = queryTimes(jobMs, intervalMs).length;
				expect(count).toBeLessThanOrEqual(Math.ceil(jobMs / intervalMs) + EARLY_POLLS);
			}
		},
	);

	it('a job of up to 6 s is seen within 2 s of finishing with the default 10-s interval', () => {
		for (let jobMs = 100; jobMs <= 6000; jobMs += 100) {
			const times = queryTimes(jobMs, 10_000);
			expect(times[times.length - 1] - jobMs).toBeLessThanOrEqual(2000);
		}
	});
});

describe('01-series video models', () => {
	const MODES = Object.keys(MODE_LABELS) as VideoMode[];

	it('are labelled legacy in every model list', () => {
		for (const mode of MODES)
			for (const option of modelOptions(mode)) {
				const model = VIDEO_MODELS.find((candidate) => candidate.id === option.value)!;
				expect(option.name.endsWith('(Legacy)')).toBe(model.legacy === true);
			}
		expect(VIDEO_MODELS.filter((model) => model.legacy).map((model) => model.id)).toEqual([
			'T2V-01-Director',
			'T2V-01',
			'I2V-01-Director',
			'I2V-01-live',
			'I2V-01',
			'S2V-01',
		]);
	});

	it('are never the default where a current model exists', () => {
		for (const mode of MODES) {
			const current = VIDEO_MODELS.filter((model) => model.modes.includes(mode) && !model.legacy);
			const chosen = VIDEO_MODELS.find((model) => model.id === defaultModel(mode))!;
			if (current.length) expect(chosen.legacy).toBeFalsy();
			else expect(mode).toBe('subjectReference');
		}
	});
});
