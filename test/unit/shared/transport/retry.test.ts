import {
	retryWithExponentialBackoff,
	type AttemptOutcome,
	type RetryVerdict,
} from '../../../../nodes/shared/transport/retry';

const settings = { maxRetries: 2, baseDelayMs: 10, maxDelayMs: 100 };

/** Runs the primitive over scripted outcomes; records the waits instead of sleeping. */
async function run(
	outcomes: Array<AttemptOutcome<string, string>>,
	verdict: (f: string) => RetryVerdict,
) {
	const waits: number[] = [];
	let attempts = 0;
	const result = retryWithExponentialBackoff<string, string>(
		async () => outcomes[attempts++] ?? { failure: 'no more outcomes' },
		{
			settings,
			sleep: async (ms) => {
				waits.push(ms);
			},
			classify: verdict,
			toError: (failure, retriesUsed) => new Error(`${failure} after ${retriesUsed} retries`),
		},
	);
	return { result, waits, attempts: () => attempts };
}

describe('retryWithExponentialBackoff', () => {
	it('returns the first value and retries transient failures with backoff', async () => {
		const { result, waits } = await run(
			[{ failure: 'reset' }, { failure: 'reset' }, { value: 'ok' }],
			() => ({ action: 'retry' }),
		);
		await expect(result).resolves.toBe('ok');
		expect(waits).toHaveLength(2);
		expect(waits[0]).toBeGreaterThanOrEqual(5);
		expect(waits[0]).toBeLessThanOrEqual(10);
		expect(waits[1]).toBeGreaterThanOrEqual(10);
		expect(waits[1]).toBeLessThanOrEqual(20);
	});

	it('gives up after maxRetries with the caller error', async () => {
		const { result, attempts } = await run([], () => ({ action: 'retry' }));
		await expect(result).rejects.toThrow('no more outcomes after 2 retries');
		expect(attempts()).toBe(3);
	});

	it('never retries a failure classified as fail (a billed job that may exist)', async () => {
		const { result, attempts, waits } = await run(
			[{ failure: 'timeout on create' }, { value: 'twice billed' }],
			() => ({ action: 'fail' }),
		);
		await expect(result).rejects.toThrow('timeout on create after 0 retries');
		expect(attempts()).toBe(1);
		expect(waits).toEqual([]);
	});

	it('uses the delay the classification gives (Retry-After) and a replacement error', async () => {
		const { result, waits } = await run([{ failure: '429' }, { failure: 'quota' }], (failure) =>
			failure === '429'
				? { action: 'retry', delayMs: 1234 }
				: { action: 'fail', error: new Error('replaced') },
		);
		await expect(result).rejects.toThrow('replaced');
		expect(waits).toEqual([1234]);
	});

	it('"again" does not use up a retry (rate-limit wait served by the pacer, fresh link)', async () => {
		const outcomes: Array<AttemptOutcome<string, string>> = [
			{ failure: 'expired' },
			{ failure: 'expired' },
			{ failure: 'expired' },
			{ failure: 'reset' },
			{ failure: 'reset' },
			{ value: 'ok' },
		];
		const { result, waits } = await run(outcomes, (failure) =>
			failure === 'expired' ? { action: 'again' } : { action: 'retry' },
		);
		await expect(result).resolves.toBe('ok');
		expect(waits).toHaveLength(2);
	});
});
