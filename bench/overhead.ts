import axios from 'axios';

import { SANDBOX_KEYS, startSandbox, type Sandbox } from '../test/sandbox';
import { median, round, timedRun, tts, type BenchFigure } from './common';

const REQUESTS = 200;
const ROUTE = '/v1/query/t2a_async_query_v2';

/** Median gap between consecutive arrivals at the sandbox: the client's cost per request cycle. */
function arrivalGaps(sandbox: Sandbox, from: number): number[] {
	const times = sandbox.log
		.slice(from)
		.filter((entry) => entry.path === ROUTE)
		.map((entry) => entry.time);
	return times.slice(1).map((time, index) => time - times[index]);
}

/** Benchmark 3: the node's request path vs a raw HTTP call to the same sandbox route. */
export async function requestOverhead(): Promise<BenchFigure[]> {
	const sandbox = await startSandbox();
	try {
		const created = await axios.post(
			`${sandbox.url}/v1/t2a_async_v2`,
			{
				model: 'speech-2.8-hd',
				text: 'Overhead probe.',
				voice_setting: { voice_id: 'English_expressive_narrator' },
			},
			{ headers: { Authorization: `Bearer ${SANDBOX_KEYS.global}` } },
		);
		const taskId = String(created.data.task_id);
		const items = Array.from({ length: REQUESTS }, () => ({ json: { taskId } }));
		const node = tts({ operation: 'getLongTask', taskId: '={{ $json.taskId }}', download: false });
		await timedRun(sandbox, node, items.slice(0, 5));

		const nodeStart = sandbox.log.length;
		await timedRun(sandbox, node, items);
		const nodeGap = median(arrivalGaps(sandbox, nodeStart));

		const rawStart = sandbox.log.length;
		for (let i = 0; i < REQUESTS; i++) {
			await axios.get(`${sandbox.url}${ROUTE}`, {
				params: { task_id: taskId },
				headers: { Authorization: `Bearer ${SANDBOX_KEYS.global}` },
			});
		}
		const rawGap = median(arrivalGaps(sandbox, rawStart));
		const difference = nodeGap - rawGap;
		return [
			{
				bench: 'overhead',
				metric: 'median per-request difference, node path − raw HTTP',
				value: round(difference, 2),
				unit: 'ms',
				target: '≤ 5 ms',
				pass: difference <= 5,
				note: `node ${round(nodeGap, 2)} ms vs raw axios ${round(rawGap, 2)} ms per request (${REQUESTS} requests)`,
			},
		];
	} finally {
		await sandbox.close();
	}
}
