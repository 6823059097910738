import type { IDataObject } from 'n8n-workflow';

import { runWorkflow, startWorkflow } from '../../harness';
import { videoStore } from '../../sandbox/families/video/store';
import { apiRequests, credentialsFor, run, runOk, tts, useSandbox, workflowOf } from '../helpers';

const sandbox = useSandbox({ timeScale: 200 });
const video = (parameters: IDataObject, onError?: 'continueRegularOutput') => ({
	type: 'n8n-nodes-minimax.miniMaxVideo',
	parameters,
	onError,
});
const FAST = { pollIntervalSeconds: 0.05, retryDelayMs: 10 };
const CREATE = '/v1/video_generation';

interface Described {
	description?: string;
	context?: {
		paidWork?: Array<Record<string, unknown>>;
		finishedItems?: number[];
		itemsWithNothingPaid?: number[];
	};
}

const prompts = (count: number, fail?: number) =>
	Array.from({ length: count }, (_, i) => ({
		json: {
			prompt: `Clip ${i + 1}: a lighthouse at dusk${i === fail ? ' [[sandbox:fail:scene could not be rendered]]' : ''}`,
		},
	}));

describe('rate limits: pacing within the account limit', () => {
	it('12 video submissions at concurrency 4 against 5 per window: all 12 task IDs, in order (account RPM set)', async () => {
		// 5 per 1.5 s = 200 per minute: the account's real limit, entered in the node options.
		sandbox().limits.set({ path: CREATE, limit: 5, windowMs: 1500 });
		const items = prompts(12);
		const outputs = await runOk(
			sandbox(),
			video({
				prompt: '={{ $json.prompt }}',
				waitMode: 'submit',
				options: { concurrency: 4, requestsPerMinute: 200 },
			}),
			{ items },
		);

		expect(outputs).toHaveLength(12);
		expect(outputs.map((item) => item.pairedItem)).toEqual(items.map((_, item) => ({ item })));
		const created = apiRequests(sandbox(), CREATE).filter((entry) => entry.billable);
		expect(created).toHaveLength(12);
		const taskOf = new Map(
			created.map((entry) => [String((entry.body as IDataObject).prompt), entry.jobId]),
		);
		outputs.forEach((item, index) => {
			expect(item.json.status).toBe('Submitted');
			expect(item.json.taskId).toBe(taskOf.get(items[index].json.prompt));
		});
		expect(new Set(outputs.map((item) => item.json.taskId)).size).toBe(12);
		// Paced to the limit: at most an odd refusal when a loaded machine delays one request into the next.
		expect(
			apiRequests(sandbox(), CREATE).filter((entry) => entry.rateLimited).length,
		).toBeLessThanOrEqual(2);
		// Every request is spaced (315 ms apart), not only the first two (n8n-io/n8n#1308: "Batch Interval" only
		// delayed the second request). Lower bounds with room for arrival jitter on a loaded machine: most gaps
		// at least half the spacing (unpaced, a burst arrives a few ms apart), and the whole batch spans the spacing.
		const times = apiRequests(sandbox(), CREATE).map((entry) => entry.time);
		const gaps = times.slice(1).map((time, i) => time - times[i]);
		expect(gaps.filter((gap) => gap >= 150).length).toBeGreaterThanOrEqual(gaps.length - 2);
		expect(times[times.length - 1] - times[0]).toBeGreaterThanOrEqual(
			(times.length - 1) * 315 - 250,
		);
	});

	it('the same batch without pacing (0): refusals wait for the window instead of using up retries (Max Retries 0)', async () => {
		// Reply text of https://github.com/MiniMax-AI/MiniMax-01/issues/45 (21st video request in a minute).
		sandbox().limits.set({
			path: CREATE,
			limit: 5,
			windowMs: 1000,
			message: 'trigger rate limit, please contact the sales representative',
		});
		const items = prompts(12);
		const outputs = await runOk(
			sandbox(),
			video({
				prompt: '={{ $json.prompt }}',
				waitMode: 'submit',
				options: { concurrency: 4, requestsPerMinute: 0, maxRetries: 0, retryDelayMs: 100 },
			}),
			{ items },
		);

		expect(outputs).toHaveLength(12);
		const requests = apiRequests(sandbox(), CREATE);
		const refused = requests.filter((entry) => entry.rateLimited);
		expect(refused.length).toBeGreaterThan(0);
		expect(refused.every((entry) => entry.baseRespCode === 1002 && !entry.billable)).toBe(true);
		const created = requests.filter((entry) => entry.billable);
		expect(created).toHaveLength(12);
		expect(new Set(created.map((entry) => (entry.body as IDataObject).prompt)).size).toBe(12);
		expect(outputs.map((item) => item.json.taskId)).toEqual(
			items.map(
				(item) =>
					created.find((entry) => (entry.body as IDataObject).prompt === item.json.prompt)?.jobId,
			),
		);
	});

	it('gives up after Max Rate-Limit Wait with a clear error, and names the paid work of the items done', async () => {
		sandbox().limits.set({ path: '/v1/t2a_async_v2', limit: 1, windowMs: 60_000 });
		const items = [{ json: { text: 'First chapter.' } }, { json: { text: 'Second chapter.' } }];
		const result = await run(
			sandbox(),
			tts({
				operation: 'generateLong',
				text: '={{ $json.text }}',
				waitForCompletion: false,
				options: { requestsPerMinute: 0, maxRateLimitWaitSeconds: 1, retryDelayMs: 100 },
			}),
			{ items },
		);

		expect(result.status).toBe('error');
		const error = result.error as Error & Described;
		expect(error.message).toMatch(/rate limit exceeded\(RPM\) \(1002\)/);
		expect(error.description).toMatch(/Max Rate-Limit Wait/);
		expect(error.description).toMatch(/Requests per Minute/);
		const taskId = apiRequests(sandbox(), '/v1/t2a_async_v2').find(
			(entry) => entry.billable,
		)?.jobId;
		expect(taskId).toBeDefined();
		expect(error.description).toContain(`item 0: long speech task ID ${taskId}`);
		expect(error.description).toContain('Get Long Speech Task');
		expect(error.context?.paidWork).toEqual([
			expect.objectContaining({ itemIndex: 0, kind: 'task', id: taskId, state: 'finished' }),
			expect.objectContaining({
				itemIndex: 0,
				kind: 'file',
				state: 'finished',
				fetchWith: 'Files › Download with this file ID',
			}),
		]);
	});

	it('without the option, requests follow the published limit (speech: 60 per minute, 1.05 s apart)', async () => {
		const items = [1, 2, 3].map((n) => ({ json: { text: `Paced sentence ${n}.` } }));
		const outputs = await runOk(
			sandbox(),
			tts({ text: '={{ $json.text }}', options: { concurrency: 3 } }),
			{ items, pacing: 'defaults' },
		);
		expect(outputs).toHaveLength(3);
		const times = apiRequests(sandbox(), '/v1/t2a_v2').map((entry) => entry.time);
		expect(times).toHaveLength(3);
		// Spacing is a lower bound: a loaded machine only makes the gaps longer.
		expect(times[1] - times[0]).toBeGreaterThanOrEqual(1000);
		expect(times[2] - times[1]).toBeGreaterThanOrEqual(1000);
	});

	it('waiting for a rate limit stops when the execution is cancelled', async () => {
		sandbox().limits.set({ path: '/v1/t2a_v2', limit: 1, windowMs: 600_000 });
		const items = [{ json: { text: 'Sent.' } }, { json: { text: 'Refused, then waiting.' } }];
		const node = tts({
			text: '={{ $json.text }}',
			options: { requestsPerMinute: 0, retryDelayMs: 100 },
		});
		const started = startWorkflow(workflowOf(node, items), {
			credentials: credentialsFor(sandbox()),
			timeoutMs: 60_000,
		});
		while (!apiRequests(sandbox(), '/v1/t2a_v2').some((entry) => entry.rateLimited))
			await new Promise((resolve) => setTimeout(resolve, 20));
		started.cancel();
		const result = await started.done;
		expect(result.status).toBe('canceled');
		const count = apiRequests(sandbox(), '/v1/t2a_v2').length;
		await new Promise((resolve) => setTimeout(resolve, 1500));
		expect(apiRequests(sandbox(), '/v1/t2a_v2')).toHaveLength(count);
	});

	it("n8n's documented fix, Retry On Fail, is not needed: the node does not fail, so nothing is re-run and billed twice", async () => {
		// docs.n8n.io "Handle rate limits" suggests the node setting Retry On Fail, which re-runs every item.
		sandbox().limits.set({ path: '/v1/t2a_async_v2', limit: 3, windowMs: 1000 });
		const items = Array.from({ length: 8 }, (_, i) => ({ json: { text: `Chapter ${i + 1}.` } }));
		const node = tts({
			operation: 'generateLong',
			text: '={{ $json.text }}',
			waitForCompletion: false,
			options: { concurrency: 4, requestsPerMinute: 0, retryDelayMs: 100 },
		});
		const workflow = workflowOf(node, items);
		Object.assign(workflow.nodes[1], { retryOnFail: true, maxTries: 3, waitBetweenTries: 0 });
		const result = await runWorkflow(workflow, { credentials: credentialsFor(sandbox()) });

		expect(result.status).toBe('success');
		expect(result.output('MiniMax')).toHaveLength(8);
		const creates = apiRequests(sandbox(), '/v1/t2a_async_v2');
		expect(creates.some((entry) => entry.rateLimited)).toBe(true);
		const billed = creates
			.filter((entry) => entry.billable)
			.map((entry) => (entry.body as IDataObject).text);
		expect(billed).toHaveLength(8);
		expect(new Set(billed).size).toBe(8);
	});

	it('an HTTP 429 that says "insufficient balance (1008)" fails at once instead of waiting (modelscope#1691, MiniMax-M2#62)', async () => {
		sandbox().faults.add({
			path: '/v1/t2a_v2',
			kind: 'http_status',
			status: 429,
			code: 1008,
			message: 'insufficient balance',
			times: Infinity,
		});
		const result = await run(
			sandbox(),
			tts({ text: 'Hello.', options: { maxRetries: 3, retryDelayMs: 10 } }),
		);

		expect(result.status).toBe('error');
		expect(result.error?.message).toBe('MiniMax: insufficient balance (1008)');
		expect((result.error as Described).description).toMatch(/Top up/);
		expect(apiRequests(sandbox(), '/v1/t2a_v2')).toHaveLength(1);
	});

	it('an HTTP 500 carrying 1008 is not retried either', async () => {
		sandbox().faults.add({
			path: '/v1/t2a_v2',
			kind: 'http_status',
			status: 500,
			code: 1008,
			message: 'insufficient balance',
			times: Infinity,
		});
		const result = await run(
			sandbox(),
			tts({ text: 'Hello.', options: { maxRetries: 3, retryDelayMs: 10 } }),
		);
		expect(result.error?.message).toBe('MiniMax: insufficient balance (1008)');
		expect(apiRequests(sandbox(), '/v1/t2a_v2')).toHaveLength(1);
	});
});

describe('nothing paid is lost when the node fails', () => {
	it('4 videos waited one by one, the 4th fails: the error lists the 3 finished videos by task and file ID', async () => {
		const items = prompts(4, 3);
		const result = await run(sandbox(), video({ prompt: '={{ $json.prompt }}', options: FAST }), {
			items,
			timeoutMs: 60_000,
		});

		expect(result.status).toBe('error');
		const error = result.error as Error & Described;
		const created = apiRequests(sandbox(), CREATE).filter((entry) => entry.billable);
		expect(created).toHaveLength(4);
		const [first, second, third, failed] = created.map((entry) => String(entry.jobId));
		expect(error.message).toContain(`Video task ${failed} failed: scene could not be rendered`);

		const paid = error.context?.paidWork ?? [];
		expect(
			paid
				.filter((work) => work.kind === 'task')
				.map((work) => [work.itemIndex, work.id, work.state]),
		).toEqual([
			[0, first, 'finished'],
			[1, second, 'finished'],
			[2, third, 'finished'],
		]);
		const fileWork = paid.filter((work) => work.kind === 'file');
		expect(fileWork.map((work) => work.itemIndex)).toEqual([0, 1, 2]);
		for (const work of fileWork) expect(String(work.id)).toMatch(/^\d+$/);
		expect(error.context?.finishedItems).toEqual([0, 1, 2]);
		for (const taskId of [first, second, third])
			expect(error.description).toContain(`video task ID ${taskId}`);
		expect(error.description).toContain('Get Task Status or Download Video');
		expect(error.description).toContain('Files › Download');
		expect(error.description).not.toContain(`ID ${failed}`);
	});

	it('3 voice designs, the 3rd has bad input: the error lists the 2 designed voice IDs', async () => {
		const items = [
			{ json: { p: 'Warm narrator.' } },
			{ json: { p: 'Bright host.' } },
			{ json: { p: '' } },
		];
		const result = await run(
			sandbox(),
			{
				type: 'n8n-nodes-minimax.miniMaxVoiceDesign',
				parameters: { prompt: '={{ $json.p }}', previewText: 'Hello there.' },
			},
			{ items },
		);

		expect(result.status).toBe('error');
		const error = result.error as Error & Described;
		expect(error.message).toMatch(/"Voice Description" for item 2: it is empty/);
		const designed = apiRequests(sandbox(), '/v1/voice_design').map((entry) => entry.jobId ?? '');
		expect(designed).toHaveLength(2);
		const voices = (error.context?.paidWork ?? []).filter((work) => work.kind === 'voice');
		expect(voices.map((work) => work.itemIndex)).toEqual([0, 1]);
		for (const work of voices) {
			expect(String(work.id)).not.toBe('');
			expect(error.description).toContain(`designed voice ID ${String(work.id)}`);
		}
	});

	it('with Continue On Fail every item keeps its own output or error item', async () => {
		const items = prompts(4, 3);
		const outputs = await runOk(
			sandbox(),
			video({ prompt: '={{ $json.prompt }}', options: FAST }, 'continueRegularOutput'),
			{ items, timeoutMs: 60_000 },
		);
		expect(outputs).toHaveLength(4);
		expect(
			outputs.slice(0, 3).every((item) => item.json.status === 'Success' && item.binary?.data),
		).toBe(true);
		expect(String(outputs[3].json.error)).toContain('failed: scene could not be rendered');
		expect(outputs.map((item) => item.pairedItem)).toEqual(items.map((_, item) => ({ item })));
	});

	it('items still waiting when another fails are stopped, awaited and reported; items not started are named', async () => {
		// Item 1 fails at once (1002 with Max Rate-Limit Wait 0); items 0 and 2 are waiting for their videos.
		sandbox().faults.add({ path: CREATE, kind: 'rate_limit', times: 1, delayMs: 300 });
		videoStore(sandbox().state).timing.preparingMs = 60 * 60_000; // the others stay Preparing
		const items = prompts(6);
		const result = await run(
			sandbox(),
			video({
				prompt: '={{ $json.prompt }}',
				options: { ...FAST, concurrency: 3, requestsPerMinute: 0, maxRateLimitWaitSeconds: 0 },
			}),
			{ items, timeoutMs: 60_000 },
		);

		expect(result.status).toBe('error');
		const error = result.error as Error & Described;
		const requests = apiRequests(sandbox(), CREATE);
		const refusedPrompt = (
			requests.find((entry) => entry.fault === 'rate_limit')?.body as IDataObject
		).prompt;
		const failedIndex = items.findIndex((item) => item.json.prompt === refusedPrompt);
		expect(error.message).toContain('1002');
		const created = requests.filter((entry) => entry.billable);
		expect(created).toHaveLength(2);
		const paid = error.context?.paidWork ?? [];
		expect(paid.map((work) => [work.kind, work.id, work.state])).toEqual(
			created.map((entry) => ['task', entry.jobId, 'stopped']),
		);
		expect(error.description).toContain('stopped while running at MiniMax');
		// Nothing was sent for the items after the failure.
		expect(requests).toHaveLength(3);
		expect(error.context?.itemsWithNothingPaid).toEqual([3, 4, 5]);
		expect(failedIndex).toBeGreaterThanOrEqual(0);
	});
});
