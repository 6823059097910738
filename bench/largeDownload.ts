import axios from 'axios';
import { rmSync, statSync } from 'fs';

import { binaryPath, runWorkflow } from '../test/harness';
import { SANDBOX_KEYS, startSandbox } from '../test/sandbox';
import { workflowOf } from '../test/workflows/helpers';
import { credentials, round, type BenchFigure } from './common';
import { peakRssGrowth } from './rss';

const MIB = 1024 * 1024;
const SIZE_MIB = 1024;

/** Benchmark 2: a 1 GiB video streamed into filesystem binary mode vs the same bytes buffered in memory. */
export async function largeDownload(): Promise<BenchFigure[]> {
	const sandbox = await startSandbox({ timeScale: 1000 });
	try {
		const node = (prompt: string) => ({
			type: 'n8n-nodes-minimax.miniMaxVideo',
			parameters: { prompt, options: { pollIntervalSeconds: 0.05 } },
		});
		const warm = await runWorkflow(workflowOf(node('Warm-up')), {
			credentials: credentials(sandbox),
		});
		if (warm.status !== 'success') throw warm.error;

		const started = performance.now();
		const streamed = await peakRssGrowth(async () => {
			const run = await runWorkflow(
				workflowOf(node(`One long take [[sandbox:size=${SIZE_MIB}MB]]`)),
				{ credentials: credentials(sandbox), binaryMode: 'filesystem', timeoutMs: 15 * 60_000 },
			);
			if (run.status !== 'success') throw run.error;
			return run.output('MiniMax')[0];
		});
		const seconds = (performance.now() - started) / 1000;
		const file = binaryPath(streamed.result.binary!.data) as string;
		const size = statSync(file).size;
		const fileId = String(streamed.result.json.fileId);
		rmSync(file);

		// The same file fetched the way a node that buffers would: the whole body in memory.
		const retrieve = await axios.get(`${sandbox.url}/v1/files/retrieve`, {
			params: { file_id: fileId },
			headers: { Authorization: `Bearer ${SANDBOX_KEYS.global}` },
		});
		const buffered = await peakRssGrowth(async () => {
			const response = await axios.get(retrieve.data.file.download_url as string, {
				responseType: 'arraybuffer',
				maxContentLength: Infinity,
			});
			return (response.data as ArrayBuffer).byteLength;
		});
		return [
			{
				bench: 'download',
				metric: `peak RSS growth, ${SIZE_MIB} MiB video into filesystem binary mode`,
				value: round(streamed.growthBytes / MIB, 1),
				unit: 'MiB',
				target: '≤ 64 MiB',
				pass: streamed.growthBytes <= 64 * MIB && size === SIZE_MIB * MIB,
				note: `${round(size / MIB, 0)} MiB written in ${round(seconds, 1)} s (${round(size / MIB / seconds, 0)} MiB/s), sandbox in the same process`,
			},
			{
				bench: 'download',
				metric: 'peak RSS growth, the same file buffered in memory (axios arraybuffer)',
				value: round(buffered.growthBytes / MIB, 1),
				unit: 'MiB',
				note: `${round(buffered.result / MIB, 0)} MiB held; for comparison`,
			},
		];
	} finally {
		await sandbox.close();
	}
}
