/**
 * Jest `setupFiles` entry: runs in every test file's sandbox before any module is loaded, so
 * n8n-core (its DI container reads these variables when a service is first created) sees them.
 *
 * Jest gives each test file its own copy of `process.env` and its own module registry (hence its
 * own n8n-core DI container), so the n8n user folder is created per test file: fresh, and never
 * shared between parallel workers. Folders of finished Jest processes are pruned here; the ones of
 * the current run stay for inspection until the next run.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(tmpdir(), 'n8n-nodes-minimax-jest');
mkdirSync(root, { recursive: true });

function isAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

for (const entry of readdirSync(root)) {
	const pid = Number(entry.split('-')[0]);
	if (Number.isInteger(pid) && pid !== process.pid && !isAlive(pid)) {
		rmSync(join(root, entry), { recursive: true, force: true });
	}
}

// Always a fresh folder: never a developer's real ~/.n8n or a sandbox folder from the shell.
process.env.N8N_USER_FOLDER = mkdtempSync(join(root, `${process.pid}-`));
// Binary data must live under N8N_USER_FOLDER/.n8n/storage; the harness picks the mode per run.
for (const name of [
	'N8N_STORAGE_PATH',
	'N8N_BINARY_DATA_STORAGE_PATH',
	'N8N_DEFAULT_BINARY_DATA_MODE',
]) {
	delete process.env[name];
}

const defaults: Record<string, string> = {
	N8N_ENCRYPTION_KEY: 'n8n-nodes-minimax-jest-encryption-key',
	N8N_DIAGNOSTICS_ENABLED: 'false',
	N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
	N8N_TEMPLATES_ENABLED: 'false',
	N8N_PERSONALIZATION_ENABLED: 'false',
	// n8n's own logger would print every node error the engine reports; set N8N_LOG_LEVEL=debug to see it.
	N8N_LOG_LEVEL: 'silent',
};
for (const [name, value] of Object.entries(defaults)) {
	process.env[name] ??= value;
}
