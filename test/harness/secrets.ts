import type { IRun } from 'n8n-workflow';

import type { HarnessCredentials } from './credentialsHelper';

const SECRET_FIELD = /key|secret|token|password/i;

/** Credential values that must never show up in what an execution produced. */
export function secretsOf(credentials: HarnessCredentials): string[] {
	const secrets: string[] = [];
	for (const data of Object.values(credentials)) {
		for (const [field, value] of Object.entries(data)) {
			if (typeof value !== 'string' || !SECRET_FIELD.test(field)) continue;
			const bare = value.replace(/^\s*bearer\s+/i, '').trim();
			if (bare.length >= 8) secrets.push(bare);
		}
	}
	return secrets;
}

/**
 * Every run is checked: output items, node errors (message, description, context) and the
 * execution error. A leak fails the test that ran the workflow, whatever it asserts itself.
 */
export function assertNoSecretLeak(raw: IRun, secrets: string[]): void {
	if (!secrets.length) return;
	const { runData, error } = raw.data.resultData;
	const errors = Object.values(runData).flatMap((runs) =>
		runs.map((run) => run.error).filter(Boolean),
	);
	const text = JSON.stringify({
		runData,
		error,
		errors: [error, ...errors].map((e) => e && { message: e.message, description: e.description }),
	});
	for (const secret of secrets) {
		if (text.includes(secret)) {
			throw new Error(
				`A credential secret leaked into the execution's output or errors (…${secret.slice(-4)})`,
			);
		}
	}
}
