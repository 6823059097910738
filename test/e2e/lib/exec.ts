import { spawn } from 'child_process';
import { appendFileSync } from 'fs';

export interface ExecResult {
	code: number;
	stdout: string;
	stderr: string;
	/** The signal that ended the program, when one did (code is then 128). */
	signal?: NodeJS.Signals;
	/** Whether our own time limit killed it. */
	timedOut?: boolean;
}

export interface ExecOptions {
	cwd?: string;
	env?: NodeJS.ProcessEnv;
	/** Appends both streams to this file as they arrive (install logs). */
	logFile?: string;
	timeoutMs?: number;
	input?: string;
}

/** Runs a program without a shell and collects its output; never rejects on a non-zero exit. */
export function exec(
	command: string,
	args: string[],
	options: ExecOptions = {},
): Promise<ExecResult> {
	return new Promise((resolve, reject) => {
		const child = spawn(command, args, {
			cwd: options.cwd,
			env: options.env ?? process.env,
			stdio: ['pipe', 'pipe', 'pipe'],
		});
		let stdout = '';
		let stderr = '';
		const log = (chunk: Buffer) => {
			if (options.logFile) appendFileSync(options.logFile, chunk);
		};
		child.stdout.on('data', (chunk: Buffer) => {
			stdout += chunk.toString();
			log(chunk);
		});
		child.stderr.on('data', (chunk: Buffer) => {
			stderr += chunk.toString();
			log(chunk);
		});
		let timedOut = false;
		const timer = options.timeoutMs
			? setTimeout(() => {
					timedOut = true;
					stderr += `\n[killed after ${options.timeoutMs} ms]`;
					child.kill('SIGKILL');
				}, options.timeoutMs)
			: undefined;
		child.on('error', (error) => {
			if (timer) clearTimeout(timer);
			reject(error);
		});
		child.on('close', (code, signal) => {
			if (timer) clearTimeout(timer);
			resolve({
				code: code ?? (signal ? 128 : 1),
				stdout,
				stderr,
				signal: signal ?? undefined,
				timedOut,
			});
		});
		child.stdin.end(options.input ?? '');
	});
}

export async function execOk(
	command: string,
	args: string[],
	options: ExecOptions = {},
): Promise<ExecResult> {
	const result = await exec(command, args, options);
	if (result.code !== 0) {
		const tail = `${result.stdout}\n${result.stderr}`.trim().split('\n').slice(-40).join('\n');
		throw new Error(`${command} ${args.join(' ')} exited with ${result.code}\n${tail}`);
	}
	return result;
}

/** The environment without npm's per-run variables (an `npm run` parent would leak ignore-scripts, prefix etc.). */
export function cleanEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = {};
	for (const [key, value] of Object.entries(process.env)) {
		if (/^npm_/i.test(key) || key === 'INIT_CWD' || key === 'NODE_OPTIONS') continue;
		env[key] = value;
	}
	return { ...env, ...extra };
}
