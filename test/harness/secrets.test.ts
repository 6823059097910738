import type { IRun } from 'n8n-workflow';

import { assertNoSecretLeak, secretsOf } from './secrets';

const run = (runData: unknown, error?: unknown) =>
	({ data: { resultData: { runData, error } } }) as unknown as IRun;

describe('secret scanner used by every harness run', () => {
	const secrets = secretsOf({
		miniMaxApi: { apiKey: 'Bearer sk-very-secret-1', region: 'global', groupId: '' },
	});

	it('collects credential secrets without a Bearer prefix', () => {
		expect(secrets).toEqual(['sk-very-secret-1']);
	});

	it('fails on a secret in output items, node errors or the execution error', () => {
		expect(() =>
			assertNoSecretLeak(
				run({ MiniMax: [{ data: { main: [[{ json: { key: 'sk-very-secret-1' } }]] } }] }),
				secrets,
			),
		).toThrow(/leaked/);
		expect(() =>
			assertNoSecretLeak(
				run({ MiniMax: [{ error: { message: 'x', description: 'Bearer sk-very-secret-1' } }] }),
				secrets,
			),
		).toThrow(/leaked/);
		expect(() =>
			assertNoSecretLeak(run({}, { message: 'auth sk-very-secret-1 failed' }), secrets),
		).toThrow(/leaked/);
		expect(() =>
			assertNoSecretLeak(
				run({ MiniMax: [{ data: { main: [[{ json: { ok: true } }]] } }] }),
				secrets,
			),
		).not.toThrow();
	});
});
