import type { IDataObject } from 'n8n-workflow';

import { videoStore } from '../../../sandbox/families/video/store';
import { apiRequests, downloads, run, runOk, useSandbox } from '../../helpers';

/** Public reports about MiniMax-H3 clients, replayed against the sandbox (see the PR's field-report list). */

const sandbox = useSandbox({ timeScale: 100 });
const FAST = { pollIntervalSeconds: 0.1, retryDelayMs: 10 };
const DAY_MS = 86_400_000;
const h3 = (parameters: IDataObject) => ({
	type: 'n8n-nodes-minimax.miniMaxVideo',
	parameters: { resource: 'h3', ...parameters },
});
const description = (error: unknown) =>
	String((error as { description?: string })?.description ?? '');

async function source768(): Promise<string> {
	const [item] = await runOk(
		sandbox(),
		h3({ prompt: 'Harbour', resolution: '768P', ratio: '16:9', duration: 4, waitMode: 'submit' }),
	);
	const taskId = item.json.taskId as string;
	videoStore(sandbox().state).forceStatus(taskId, 'Success');
	await videoStore(sandbox().state).settled();
	return taskId;
}

describe('MiniMax-H3 field reports', () => {
	it('time-limited content.url expiring during the 2K download: the task is queried again for a fresh link', async () => {
		const sourceTaskId = await source768();
		sandbox().faults.add({ kind: 'expired_url', path: /^\/dl\//, times: 1 });
		const [item] = await runOk(
			sandbox(),
			h3({ operation: 'regenerate', sourceTaskId, options: FAST }),
		);
		expect(downloads(sandbox()).map((entry) => entry.status)).toEqual([403, 200]);
		expect(new URL(item.json.downloadUrl as string).pathname).toBe(downloads(sandbox())[1].path);
	});

	it('cancel race (unsloth#9891 review): queued when asked, running when deleted → the running hint, nothing claimed', async () => {
		videoStore(sandbox().state).timing.preparingMs = 60 * 60_000;
		const [item] = await runOk(sandbox(), h3({ prompt: 'x', ratio: '16:9', waitMode: 'submit' }));
		const taskId = item.json.taskId as string;
		sandbox().faults.add({
			path: `/v2/video_generation/${taskId}`,
			method: 'DELETE',
			kind: 'replay',
			status: 400,
			body: {
				type: 'error',
				error: {
					type: 'bad_request_error',
					message: `invalid params, task ${taskId} is running (2013)`,
					http_code: '400',
				},
				request_id: 'r-2',
			},
		});
		const result = await run(sandbox(), h3({ operation: 'deleteTask', taskId }));
		expect(result.error?.message).toBe(`MiniMax: invalid params, task ${taskId} is running (2013)`);
		expect(description(result.error)).toMatch(
			/A running task can be neither cancelled nor deleted/,
		);
	});

	it('v2 records live 7 days: an older source task is refused by MiniMax (2013) with the regeneration hint', async () => {
		const sourceTaskId = await source768();
		sandbox().advanceTime(8 * DAY_MS);
		const result = await run(sandbox(), h3({ operation: 'regenerate', sourceTaskId }));
		expect(result.error?.message).toBe(
			`MiniMax: invalid params, source_task_id: invalid task_id ${sourceTaskId} (2013)`,
		);
		expect(description(result.error)).toMatch(/from the last 7 days/);
	});

	it('bounded waiting (OpenMontage#452): a regeneration that outlasts the wait timeout keeps its task ID', async () => {
		const sourceTaskId = await source768();
		videoStore(sandbox().state).timing.preparingMs = 60 * 60_000;
		const result = await run(
			sandbox(),
			h3({
				operation: 'regenerate',
				sourceTaskId,
				options: { ...FAST, waitTimeoutMinutes: 0.05 },
			}),
		);
		const taskId = apiRequests(sandbox(), '/v2/video_regeneration')[0].jobId as string;
		expect(result.error?.message).toMatch(/did not finish within 3 s \(last status: queued\)/);
		expect(description(result.error)).toContain(taskId);
	});
});
