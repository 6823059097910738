import { videoStore } from '../../sandbox/families/video/store';
import { apiRequests, runOk, useSandbox } from '../helpers';

/** Real time (scale 1): a 3-s job with the default 10-s poll interval. */
const sandbox = useSandbox({ timeScale: 1 });
const JOB_MS = 3000;
const DEFAULT_INTERVAL_MS = 10_000;

describe('MiniMax Video › the first poll comes early', () => {
	it('a 3-s job with the default interval: found by the early polls, ≤ ceil(job / interval) + 3 status requests', async () => {
		// 1 s preparing + 1 s queueing + 1 s processing for a 6-s video = 3 s.
		videoStore(sandbox().state).timing = {
			preparingMs: 1000,
			queueingMs: 1000,
			processingMsPerSecond: 1000 / 6,
		};
		const [item] = await runOk(sandbox(), {
			type: 'n8n-nodes-minimax.miniMaxVideo',
			parameters: { prompt: 'A short job', options: { output: 'url' } },
		});
		expect(item.json.status).toBe('Success');
		const polls = apiRequests(sandbox(), '/v1/query/video_generation');
		const create = apiRequests(sandbox(), '/v1/video_generation')[0];
		// Without early polls the only query would come after the whole 10-s interval.
		expect(polls.length).toBeGreaterThanOrEqual(1);
		expect(polls.length).toBeLessThanOrEqual(Math.ceil(JOB_MS / DEFAULT_INTERVAL_MS) + 3);
		// The loop never queries right after the create: a job is never done at once.
		expect(polls[0].time - create.time).toBeGreaterThanOrEqual(1900);
		expect(polls[polls.length - 1].time - create.time).toBeLessThan(DEFAULT_INTERVAL_MS);
	}, 30_000);
});
