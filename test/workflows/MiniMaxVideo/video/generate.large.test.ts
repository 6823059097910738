import { rmSync, statSync } from 'fs';

import { binaryPath } from '../../../harness';
import { probeVideo } from '../../../sandbox/families/video/probe';
import { downloads, runOk, useSandbox } from '../../helpers';

const sandbox = useSandbox({ timeScale: 100 });
const MB = 1024 * 1024;
const SIZE_MB = 220;

/** Samples the RSS of this process (which runs both n8n and the sandbox) every 20 ms. */
function sampleRss(): { stop(): number } {
	const baseline = process.memoryUsage().rss;
	let peak = baseline;
	const timer = setInterval(() => {
		peak = Math.max(peak, process.memoryUsage().rss);
	}, 20);
	return {
		stop() {
			clearInterval(timer);
			peak = Math.max(peak, process.memoryUsage().rss);
			return peak - baseline;
		},
	};
}

describe('MiniMax Video › a large video', () => {
	it(`streams a ${SIZE_MB} MB video into filesystem binary storage without holding it in memory`, async () => {
		// Warm up the harness and the cached render, so the measurement sees only the download.
		await runOk(sandbox(), {
			type: 'n8n-nodes-minimax.miniMaxVideo',
			parameters: { prompt: 'Warm-up', options: { pollIntervalSeconds: 0.1, output: 'url' } },
		});
		sandbox().reset();

		const rss = sampleRss();
		const [item] = await runOk(
			sandbox(),
			{
				type: 'n8n-nodes-minimax.miniMaxVideo',
				parameters: {
					prompt: `A very long take [[sandbox:size=${SIZE_MB}MB]]`,
					options: { pollIntervalSeconds: 0.1 },
				},
			},
			{ binaryMode: 'filesystem', timeoutMs: 60_000 },
		);
		const growth = rss.stop();
		console.log(
			`Peak RSS growth while downloading a ${SIZE_MB} MB video: ${(growth / MB).toFixed(1)} MB`,
		);

		const file = binaryPath(item.binary!.data) as string;
		expect(statSync(file).size).toBe(SIZE_MB * MB);
		expect(item.json.fileSizeBytes).toBe(SIZE_MB * MB);
		expect(downloads(sandbox())).toHaveLength(1);
		const info = await probeVideo(file);
		expect(info).toMatchObject({ codec: 'h264', width: 1366, height: 768, size: SIZE_MB * MB });
		expect(info.duration).toBeCloseTo(6, 0);
		// Not a memory target (that is `npm run bench`): only proof that the file was never held whole in memory.
		expect(growth).toBeLessThan(SIZE_MB * MB * 0.75);
		rmSync(file); // the harness keeps a run's binaries until the next run: do not leave 220 MB behind
	});
});
