import { spawn, type ChildProcess, type SpawnOptions } from 'child_process';
import { createWriteStream, readFileSync } from 'fs';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Long-running services of the queue-mode test (Redis, Postgres, n8n processes), each started in its own
 * process group so that stopping it also ends what it spawned (n8n's task runner). Every group started
 * is remembered: `stopAll()` ends them in reverse order, and a process `exit` handler SIGKILLs whatever
 * is still running if the test process dies early (Jest timeout, Ctrl+C, crash).
 */

export interface Service {
	name: string;
	process: ChildProcess;
	pid: number;
	logFile: string;
	/** True once the process has exited. */
	readonly exited: boolean;
	/** SIGTERM (or the service's stop signal, or `signal`) to the process group, SIGKILL after `graceMs`; resolves when it has exited. */
	stop(signal?: NodeJS.Signals, graceMs?: number): Promise<void>;
	/** The log so far. */
	log(): string;
}

const running = new Set<Service>();
let exitHookInstalled = false;

function installExitHook(): void {
	if (exitHookInstalled) return;
	exitHookInstalled = true;
	process.once('exit', () => {
		for (const service of running) killGroup(service.pid, 'SIGKILL');
	});
	for (const signal of ['SIGINT', 'SIGTERM'] as const) {
		process.once(signal, () => {
			for (const service of running) killGroup(service.pid, 'SIGKILL');
			process.exit(130);
		});
	}
}

function killGroup(pid: number, signal: NodeJS.Signals): boolean {
	try {
		process.kill(-pid, signal);
		return true;
	} catch {
		return false;
	}
}

/** Starts `command` detached (own process group), stdout and stderr appended to `logFile`. */
export function startService(
	name: string,
	command: string,
	args: string[],
	options: Pick<SpawnOptions, 'cwd' | 'env' | 'uid' | 'gid'> & {
		logFile: string;
		stopSignal?: NodeJS.Signals;
	},
): Service {
	installExitHook();
	const log = createWriteStream(options.logFile, { flags: 'a' });
	const child = spawn(command, args, {
		cwd: options.cwd,
		env: options.env,
		uid: options.uid,
		gid: options.gid,
		detached: true,
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	child.stdout?.pipe(log);
	child.stderr?.pipe(log);
	if (child.pid === undefined) throw new Error(`${name}: could not start ${command}`);
	let exited = false;
	const gone = new Promise<void>((resolve) =>
		child.once('exit', () => {
			exited = true;
			running.delete(service);
			resolve();
		}),
	);
	const service: Service = {
		name,
		process: child,
		pid: child.pid,
		logFile: options.logFile,
		get exited() {
			return exited;
		},
		async stop(signal = options.stopSignal ?? 'SIGTERM', graceMs = 20000) {
			if (exited) return;
			killGroup(child.pid!, signal);
			const timer = setTimeout(() => killGroup(child.pid!, 'SIGKILL'), graceMs);
			await gone;
			clearTimeout(timer);
			// Whatever the leader left behind in its group (a task runner) goes too.
			killGroup(child.pid!, 'SIGKILL');
		},
		log: () => {
			try {
				return readFileSync(options.logFile, 'utf8');
			} catch {
				return '';
			}
		},
	};
	running.add(service);
	return service;
}

/** Stops every service still running, newest first. */
export async function stopAll(): Promise<void> {
	for (const service of [...running].reverse()) await service.stop().catch(() => undefined);
}

/** Peak resident set size (VmHWM) and current RSS (VmRSS) of a process, in bytes, from /proc. */
export function memoryOf(pid: number): { peakRss: number; rss: number } {
	const status = readFileSync(`/proc/${pid}/status`, 'utf8');
	const field = (name: string) =>
		Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
	return { peakRss: field('VmHWM'), rss: field('VmRSS') };
}

/** Polls `check` until it returns a value (not undefined), or fails after `timeoutMs` with `what`. */
export async function waitFor<T>(
	what: string,
	check: () => Promise<T | undefined> | T | undefined,
	timeoutMs: number,
	everyMs = 250,
): Promise<T> {
	const begin = Date.now();
	let lastError: unknown;
	for (;;) {
		try {
			const value = await check();
			if (value !== undefined) return value;
		} catch (error) {
			lastError = error;
		}
		if (Date.now() - begin > timeoutMs) {
			throw new Error(
				`timed out after ${timeoutMs} ms waiting for ${what}${lastError ? `: ${(lastError as Error).message}` : ''}`,
			);
		}
		await sleep(everyMs);
	}
}
