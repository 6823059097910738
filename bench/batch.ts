import { round, timedRun, tts, type BenchFigure } from './common';
import { startExternalSandbox } from './externalSandbox';

const ITEMS = 100;
const LATENCY_MS = 200;

/** Benchmark 1: 100 TTS items against 200 ms of API latency, sequential and with concurrency 8. */
export async function batchThroughput(): Promise<BenchFigure[]> {
	const sandbox = await startExternalSandbox({ latencyMs: LATENCY_MS });
	try {
		// One text for every item keeps the sandbox's own synthesis out of the figure (it serves a cached render).
		const items = Array.from({ length: ITEMS }, (_, i) => ({
			json: { text: 'A short batch item.', index: i },
		}));
		const node = (concurrency: number) =>
			tts({ text: '={{ $json.text }}', options: { concurrency } });
		await timedRun(sandbox, node(1), items.slice(0, 2)); // warm-up: module loading, first binary write

		const sequential = await timedRun(sandbox, node(1), items);
		const parallel = await timedRun(sandbox, node(8), items);
		const sequentialRatio = sequential / (ITEMS * LATENCY_MS);
		const parallelRatio = parallel / ((ITEMS * LATENCY_MS) / 8);
		return [
			{
				bench: 'batch',
				metric: 'sequential time / (N × latency)',
				value: round(sequentialRatio),
				unit: 'ratio',
				target: '≤ 1.05',
				pass: sequentialRatio <= 1.05,
				note: `${Math.round(sequential)} ms for ${ITEMS} items`,
			},
			{
				bench: 'batch',
				metric: 'concurrency-8 time / (N × latency / 8)',
				value: round(parallelRatio),
				unit: 'ratio',
				target: '≤ 1.10',
				pass: parallelRatio <= 1.1,
				note: `${Math.round(parallel)} ms for ${ITEMS} items`,
			},
		];
	} finally {
		await sandbox.close();
	}
}
