import { spawn } from 'child_process';
import { createServer } from 'net';
import { join } from 'path';

export interface ExternalSandbox {
	url: string;
	close(): Promise<void>;
}

async function freePort(): Promise<number> {
	return await new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as { port: number };
			server.close(() => resolve(port));
		});
	});
}

/**
 * The sandbox in its own process, so its CPU and garbage collection do not count against the
 * client being measured (2-core machine).
 */
export async function startExternalSandbox(
	options: { latencyMs?: number } = {},
): Promise<ExternalSandbox> {
	const port = await freePort();
	const root = join(__dirname, '..');
	// `--import tsx` (the project's TypeScript runner) keeps the sandbox in a single process.
	const args = ['--port', String(port), '--latency', String(options.latencyMs ?? 0)];
	const child = spawn(
		process.execPath,
		['--import', 'tsx', join(root, 'test/sandbox/cli.ts'), ...args],
		{
			cwd: root,
			stdio: ['ignore', 'pipe', 'inherit'],
		},
	);
	await new Promise<void>((resolve, reject) => {
		const timer = setTimeout(
			() => reject(new Error('the sandbox did not start within 30 s')),
			30_000,
		);
		child.once('exit', (code) => reject(new Error(`the sandbox exited with ${code}`)));
		child.stdout.on('data', (chunk: Buffer) => {
			if (chunk.toString().includes('is running')) {
				clearTimeout(timer);
				resolve();
			}
		});
	});
	return {
		url: `http://127.0.0.1:${port}`,
		close: async () => {
			child.removeAllListeners('exit');
			const exited = new Promise((resolve) => child.once('exit', resolve));
			child.kill('SIGTERM');
			await exited;
		},
	};
}
