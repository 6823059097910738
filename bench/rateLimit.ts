import { startSandbox } from '../test/sandbox';
import { round, timedRun, tts, type BenchFigure } from './common';

const ITEMS = 60;
const LIMIT = 20;
const WINDOW_MS = 10_000;
const LATENCY_MS = 100;
/** The sandbox limit as the account's requests per minute (20 per 10 s). */
const ACCOUNT_RPM = (LIMIT * 60_000) / WINDOW_MS;

/**
 * Benchmark: 60 TTS items at concurrency 8 against a sandbox limit of 20 requests per 10 s on
 * /v1/t2a_v2 (refusals answered with 1002), paced to the account's RPM, and the same batch with
 * pacing off (Requests per Minute 0). In-process sandbox: its request log counts the refusals.
 */
export async function rateLimitedBatch(): Promise<BenchFigure[]> {
	const sandbox = await startSandbox({ latencyMs: LATENCY_MS });
	try {
		const items = Array.from({ length: ITEMS }, (_, i) => ({
			json: { text: 'A short paced item.', index: i },
		}));
		const node = (requestsPerMinute: number) =>
			tts({
				text: '={{ $json.text }}',
				options: { concurrency: 8, requestsPerMinute, maxRateLimitWaitSeconds: 600 },
			});
		await timedRun(sandbox, node(0), items.slice(0, 2)); // warm-up: module loading, first synthesis

		const measure = async (requestsPerMinute: number) => {
			sandbox.reset();
			sandbox.setLatency(LATENCY_MS);
			sandbox.limits.set({ path: '/v1/t2a_v2', limit: LIMIT, windowMs: WINDOW_MS });
			const ms = await timedRun(sandbox, node(requestsPerMinute), items);
			const requests = sandbox.log.filter((entry) => entry.path === '/v1/t2a_v2');
			const refused = requests.filter((entry) => entry.rateLimited).length;
			const succeeded = requests.filter((entry) => entry.billable).length;
			return { ms, requests: requests.length, refused, succeeded, throughput: ITEMS / (ms / 1000) };
		};
		const paced = await measure(ACCOUNT_RPM);
		const unpaced = await measure(0);
		const limitPerSecond = LIMIT / (WINDOW_MS / 1000);
		const figures = (label: string, run: typeof paced, targets: boolean): BenchFigure[] => [
			{
				bench: 'rate-limit',
				metric: `${label}: items succeeded`,
				value: run.succeeded,
				unit: 'items',
				target: targets ? `${ITEMS}` : undefined,
				pass: targets ? run.succeeded === ITEMS : undefined,
				note: `${Math.round(run.ms)} ms, ${run.requests} requests`,
			},
			{
				bench: 'rate-limit',
				metric: `${label}: throughput / limit`,
				value: round(run.throughput / limitPerSecond),
				unit: 'ratio',
				target: targets ? '≥ 0.9' : undefined,
				pass: targets ? run.throughput / limitPerSecond >= 0.9 : undefined,
				note: `${round(run.throughput, 2)} items/s against ${limitPerSecond}/s`,
			},
			{
				bench: 'rate-limit',
				metric: `${label}: refused (1002) / requests`,
				value: round(run.refused / run.requests),
				unit: 'ratio',
				target: targets ? '≤ 0.10' : undefined,
				pass: targets ? run.refused / run.requests <= 0.1 : undefined,
				note: `${run.refused} of ${run.requests} requests refused`,
			},
		];
		return [
			...figures(`paced (${ACCOUNT_RPM} RPM)`, paced, true),
			...figures('unpaced (0)', unpaced, false),
		];
	} finally {
		await sandbox.close();
	}
}
