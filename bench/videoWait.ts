import { createServer } from 'http';
import type { AddressInfo } from 'net';
import { setTimeout as sleep } from 'node:timers/promises';

import { runWorkflow } from '../test/harness';
import { startSandbox } from '../test/sandbox';
import { videoStore } from '../test/sandbox/families/video/store';
import { workflowOf } from '../test/workflows/helpers';
import { credentials, round, type BenchFigure } from './common';

const TASKS = 5;
const INTERVAL_S = 0.5;
const SHORT_JOB_MS = 3000;
const DEFAULT_INTERVAL_MS = 10_000;

/**
 * A 3-s job with the default 10-s poll interval (real time): how long after the job finished the
 * node's output was there (the early polls), and how many status queries it took.
 */
async function shortJob(): Promise<BenchFigure[]> {
	const sandbox = await startSandbox({ timeScale: 1 });
	try {
		const store = videoStore(sandbox.state);
		// 1 s preparing + 1 s queueing + 1 s processing of a 6-s video.
		store.timing = { preparingMs: 1000, queueingMs: 1000, processingMsPerSecond: 1000 / 6 };
		const node = {
			type: 'n8n-nodes-minimax.miniMaxVideo',
			parameters: { prompt: 'A three-second job' },
		};
		const run = await runWorkflow(workflowOf(node), {
			credentials: credentials(sandbox),
			timeoutMs: 60_000,
		});
		const outputAt = Date.now();
		if (run.status !== 'success') throw run.error;
		const taskId = String(run.output('MiniMax')[0].json.taskId);
		// Scale 1 and no jumps: the virtual clock runs with Date.now().
		const doneAt = store.get(taskId).readyAt;
		const polls = sandbox.log.filter(
			(entry) => entry.path === '/v1/query/video_generation' && entry.query.task_id === taskId,
		).length;
		const lagS = (outputAt - doneAt) / 1000;
		const bound = Math.ceil(SHORT_JOB_MS / DEFAULT_INTERVAL_MS) + 3;
		return [
			{
				bench: 'video wait',
				metric: '3-s job, default interval: job finished → node output',
				value: round(lagS, 2),
				unit: 's',
				target: '≤ 2.5 s',
				pass: lagS <= 2.5,
				note: 'poll interval 10 s (default); includes files/retrieve and the MP4 download',
			},
			{
				bench: 'video wait',
				metric: '3-s job, default interval: status requests',
				value: polls,
				unit: 'requests',
				target: `≤ ceil(3 s / 10 s) + 3 = ${bound}`,
				pass: polls <= bound,
				note: 'the first queries come 2, 4 and 6 s after the create, then every 10 s',
			},
		];
	} finally {
		await sandbox.close();
	}
}

/**
 * Benchmark 5: status requests per video task while waiting, vs ceil(job time / interval); callbacks
 * need none; a 3-s job with the default interval is returned soon after it finishes.
 */
export async function videoWaiting(): Promise<BenchFigure[]> {
	return [...(await intervalRatio()), ...(await shortJob())];
}

async function intervalRatio(): Promise<BenchFigure[]> {
	// 2 s preparing + 3 s queueing + 18 s processing of virtual time at 5× → a 4.6 s job.
	const sandbox = await startSandbox({ timeScale: 5 });
	const receiver = createServer((req, res) => {
		let body = '';
		req.on('data', (chunk) => (body += chunk));
		req.on('end', () => {
			const challenge = (JSON.parse(body || '{}') as { challenge?: string }).challenge;
			res.writeHead(200, { 'content-type': 'application/json' });
			res.end(JSON.stringify(challenge ? { challenge } : {}));
		});
	});
	await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
	try {
		const items = Array.from({ length: TASKS }, (_, i) => ({
			json: { prompt: `Wait benchmark ${i}` },
		}));
		const wait = {
			type: 'n8n-nodes-minimax.miniMaxVideo',
			parameters: {
				prompt: '={{ $json.prompt }}',
				options: { pollIntervalSeconds: INTERVAL_S, concurrency: TASKS },
			},
		};
		const run = await runWorkflow(workflowOf(wait, items), {
			credentials: credentials(sandbox),
			timeoutMs: 120_000,
		});
		if (run.status !== 'success') throw run.error;
		const store = videoStore(sandbox.state);
		const ratios: number[] = [];
		for (const item of run.output('MiniMax')) {
			const taskId = String(item.json.taskId);
			const create = sandbox.log.find(
				(entry) => entry.path === '/v1/video_generation' && entry.jobId === taskId,
			);
			const polls = sandbox.log.filter(
				(entry) => entry.path === '/v1/query/video_generation' && entry.query.task_id === taskId,
			);
			const jobMs = (polls[polls.length - 1]?.time ?? 0) - (create?.time ?? 0);
			ratios.push(polls.length / Math.ceil(jobMs / (INTERVAL_S * 1000)));
		}
		sandbox.reset();
		const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
		const callback = {
			type: 'n8n-nodes-minimax.miniMaxVideo',
			parameters: { prompt: '={{ $json.prompt }}', waitMode: 'callback', callbackUrl: url },
		};
		const submitted = await runWorkflow(workflowOf(callback, items), {
			credentials: credentials(sandbox),
		});
		if (submitted.status !== 'success') throw submitted.error;
		sandbox.advanceTime(10 * 60_000);
		const successes = () =>
			store.callbacks.filter((entry) => entry.kind === 'status' && entry.body.status === 'success')
				.length;
		const deadline = Date.now() + 15_000;
		while (successes() < TASKS && Date.now() < deadline) {
			await store.settled();
			await sleep(50);
		}
		const callbackPolls = sandbox.log.filter(
			(entry) => entry.path === '/v1/query/video_generation',
		).length;
		const delivered = successes();
		const worst = Math.max(...ratios);
		return [
			{
				bench: 'video wait',
				metric: 'status requests per task / ceil(job time / interval)',
				value: round(worst, 2),
				unit: 'ratio',
				target: '≤ 1 (+1 final poll)',
				pass: worst <= 1 + 1 / 5,
				note: `${TASKS} tasks, interval ${INTERVAL_S} s, ratios ${ratios.map((r) => round(r, 2)).join(', ')}`,
			},
			{
				bench: 'video wait',
				metric: 'status requests in callback mode',
				value: callbackPolls,
				unit: 'requests',
				target: '0',
				pass: callbackPolls === 0 && delivered === TASKS,
				note: `${delivered} of ${TASKS} success callbacks delivered`,
			},
		];
	} finally {
		receiver.closeAllConnections();
		receiver.close();
		await sandbox.close();
	}
}
