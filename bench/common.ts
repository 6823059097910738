// Benchmarks run outside Jest: set up the same n8n environment the test harness expects.
import '../test/harness/jest-env';

import type { IDataObject } from 'n8n-workflow';

import { runWorkflow, type RunOptions } from '../test/harness';
import type { FixtureItem } from '../test/harness';
import { SANDBOX_KEYS, type Sandbox } from '../test/sandbox';
import { workflowOf, type NodeUnderTest } from '../test/workflows/helpers';

export interface BenchFigure {
	bench: string;
	metric: string;
	value: number;
	unit: string;
	target?: string;
	pass?: boolean;
	note?: string;
}

export function credentials(sandbox: Pick<Sandbox, 'url'>): RunOptions['credentials'] {
	return {
		miniMaxApi: { apiKey: SANDBOX_KEYS.global, region: 'custom', customBaseUrl: sandbox.url },
	};
}

/** Runs node-under-test over the items and returns wall time in ms; throws if the run failed. */
export async function timedRun(
	sandbox: Pick<Sandbox, 'url'>,
	node: NodeUnderTest,
	items?: FixtureItem[],
	extra: Partial<RunOptions> = {},
): Promise<number> {
	const started = performance.now();
	const result = await runWorkflow(workflowOf(node, items), {
		credentials: credentials(sandbox),
		timeoutMs: 30 * 60_000,
		...extra,
	});
	const elapsed = performance.now() - started;
	if (result.status !== 'success')
		throw result.error ?? new Error(`run ended with status ${result.status}`);
	return elapsed;
}

export function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export const tts = (parameters: IDataObject): NodeUnderTest => ({
	type: 'n8n-nodes-minimax.miniMaxTextToSpeech',
	parameters,
});

export function round(value: number, digits = 3): number {
	const factor = 10 ** digits;
	return Math.round(value * factor) / factor;
}
