import { mkdirSync, rmSync } from 'fs';
import { join } from 'path';

import { installPackedPackage } from '../../e2e/lib/communityPackage';
import type { N8nInstall } from '../../e2e/lib/install';
import { createInstance, n8nOk, type N8nInstance } from '../../e2e/lib/n8nCli';
import type { N8nServer } from '../../e2e/lib/n8nServer';
import { freePort } from '../../e2e/lib/ports';
import { elapsed, say } from '../../e2e/lib/progress';
import { memoryOf, startService, waitFor, type Service } from './processes';
import { DB_NAME, DB_PASSWORD, DB_USER } from './services';

/**
 * n8n in queue mode, the topology of README "Running at scale (queue mode)" and
 * examples/queue-mode/docker-compose.yml: one main process (editor, API, triggers that are not
 * webhooks, enqueues executions), worker processes (run every execution, pulled from Redis), one
 * webhook processor (production webhooks, enqueues them). All share Postgres, Redis and the
 * encryption key; each has its own user folder with the packed package installed as a community
 * package, so nothing is shared through a disk: binary data lives in the database.
 */

export type Role = 'main' | 'worker' | 'webhook';

export interface N8nProcess {
	name: string;
	role: Role;
	instance: N8nInstance;
	/** HTTP port: the editor/API (main), the webhook server (webhook), the health server (worker). */
	port: number;
	url: string;
	service: Service;
}

export interface ClusterConfig {
	install: N8nInstall;
	tarball: string;
	/** test-output/queue: one user folder per process, logs inside. */
	outputDir: string;
	redisPort: number;
	postgresPort: number;
	/** Executions a worker runs at once (`n8n worker --concurrency`). */
	workerConcurrency: number;
	/** Extra directories on PATH (ffprobe/ffmpeg are not needed by n8n itself). */
	extraEnv?: NodeJS.ProcessEnv;
}

/** The environment every process of the cluster needs (see README "Running at scale"). */
export function queueEnvironment(
	config: Pick<ClusterConfig, 'redisPort' | 'postgresPort'>,
): NodeJS.ProcessEnv {
	return {
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: '127.0.0.1',
		QUEUE_BULL_REDIS_PORT: String(config.redisPort),
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: '127.0.0.1',
		DB_POSTGRESDB_PORT: String(config.postgresPort),
		DB_POSTGRESDB_DATABASE: DB_NAME,
		DB_POSTGRESDB_USER: DB_USER,
		DB_POSTGRESDB_PASSWORD: DB_PASSWORD,
		// n8n 2.x's default in queue mode, set explicitly: binaries go to Postgres, not to a disk.
		N8N_DEFAULT_BINARY_DATA_MODE: 'database',
		// Manual executions from the editor run on workers too.
		OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
		// The test runs all processes on one machine: no periodic pruning while it runs.
		EXECUTIONS_DATA_PRUNE: 'false',
	};
}

export class Cluster {
	readonly processes = new Map<string, N8nProcess>();
	main!: N8nProcess;
	webhook!: N8nProcess;
	private webhookPort = 0;

	constructor(readonly config: ClusterConfig) {}

	/** A user folder with the package installed, and the instance (environment) of one process. */
	async prepareInstance(name: string, env: NodeJS.ProcessEnv = {}): Promise<N8nInstance> {
		const userFolder = join(this.config.outputDir, name);
		rmSync(userFolder, { recursive: true, force: true });
		mkdirSync(userFolder, { recursive: true });
		await installPackedPackage(this.config.tarball, userFolder);
		return createInstance(this.config.install, userFolder, {
			env: { ...queueEnvironment(this.config), ...this.config.extraEnv, ...env },
		});
	}

	/** Runs one n8n CLI command with the cluster's database (e.g. the first migration). */
	static async migrate(config: ClusterConfig, postgresPort: number): Promise<void> {
		const cluster = new Cluster({ ...config, postgresPort });
		const instance = await cluster.prepareInstance('migrate');
		await n8nOk(
			instance,
			['export:nodes', `--output=${join(instance.userFolder, 'nodes.json')}`],
			600000,
		);
	}

	/** Main first (it owns the database schema), then the workers and the webhook processor together. */
	async start(workers: number): Promise<void> {
		const begin = Date.now();
		this.webhookPort = await freePort();
		const webhookUrl = `http://127.0.0.1:${this.webhookPort}/`;
		this.main = await this.startProcess('main', 'main', { N8N_WEBHOOK_URL: webhookUrl });
		const others = [
			this.startProcess('webhook', 'webhook', { N8N_WEBHOOK_URL: webhookUrl }, this.webhookPort),
		];
		for (let index = 1; index <= workers; index++)
			others.push(this.startProcess(`worker-${index}`, 'worker'));
		const [webhook] = await Promise.all(others);
		this.webhook = webhook;
		say(
			`queue-mode n8n up: main ${this.main.url}, webhook processor ${this.webhook.url}, ${workers} workers (${elapsed(begin)})`,
		);
	}

	async startProcess(
		name: string,
		role: Role,
		env: NodeJS.ProcessEnv = {},
		fixedPort?: number,
	): Promise<N8nProcess> {
		const begin = Date.now();
		const port = fixedPort ?? (await freePort());
		const existing = this.processes.get(name);
		const instance = existing?.instance ?? (await this.prepareInstance(name, env));
		const processEnv: NodeJS.ProcessEnv = {
			...instance.env,
			N8N_RUNNERS_BROKER_PORT: String(await freePort()),
			N8N_PORT: String(role === 'worker' ? await freePort() : port),
			...(role === 'worker'
				? {
						QUEUE_HEALTH_CHECK_ACTIVE: 'true',
						QUEUE_HEALTH_CHECK_PORT: String(port),
						N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
					}
				: {}),
		};
		const args =
			role === 'main'
				? ['start']
				: role === 'worker'
					? ['worker', `--concurrency=${this.config.workerConcurrency}`]
					: ['webhook'];
		const service = startService(name, instance.install.node, [instance.install.n8nBin, ...args], {
			cwd: instance.userFolder,
			env: processEnv,
			logFile: join(instance.userFolder, `${name}.log`),
		});
		const url = `http://127.0.0.1:${port}`;
		await waitFor(
			`n8n ${name} to become ready`,
			async () => {
				if (service.exited)
					throw new Error(
						`n8n ${name} exited; see ${service.logFile}\n${service.log().slice(-2000)}`,
					);
				const response = await fetch(`${url}/healthz/readiness`);
				return response.ok ? true : undefined;
			},
			180000,
			500,
		).catch((error: Error) => {
			// The last lines of the log say why (a port in use, a database error…).
			throw new Error(`${error.message}\n${service.log().slice(-2000)}`);
		});
		const started: N8nProcess = { name, role, instance, port, url, service };
		this.processes.set(name, started);
		say(`n8n ${name} ready on ${url} (pid ${service.pid}, ${elapsed(begin)})`);
		return started;
	}

	/** Stops one process (SIGTERM: n8n finishes or hands back what it runs) and starts it again, same folder. */
	async restart(name: string): Promise<N8nProcess> {
		const current = this.process(name);
		await current.service.stop();
		return await this.startProcess(
			name,
			current.role,
			{},
			current.role === 'worker' ? undefined : current.port,
		);
	}

	async stop(name: string): Promise<void> {
		await this.process(name).service.stop();
	}

	process(name: string): N8nProcess {
		const found = this.processes.get(name);
		if (!found) throw new Error(`no n8n process "${name}"`);
		return found;
	}

	workers(): N8nProcess[] {
		return [...this.processes.values()].filter((entry) => entry.role === 'worker');
	}

	/**
	 * The worker that ran an execution: each worker logs "Worker started execution <id> (job <job>)"
	 * (n8n's job processor, info level) to its own log.
	 */
	workerOf(executionId: string | number): string | undefined {
		const pattern = new RegExp(`Worker started execution ${executionId} \\(job `);
		const found = this.workers().filter((worker) => pattern.test(worker.service.log()));
		if (found.length > 1)
			throw new Error(
				`execution ${executionId} was started by ${found.map((worker) => worker.name).join(' and ')}`,
			);
		return found[0]?.name;
	}

	async waitForWorkerOf(executionId: string | number, timeoutMs = 30000): Promise<string> {
		return await waitFor(
			`the worker of execution ${executionId}`,
			() => this.workerOf(executionId),
			timeoutMs,
		);
	}

	/** Peak and current RSS of a process (its n8n Node process; the task runner is a separate process). */
	memory(name: string): { peakRss: number; rss: number } {
		return memoryOf(this.process(name).service.pid);
	}

	/** The main process as the e2e helpers know a live n8n (owner setup, API key, public API). */
	mainServer(): N8nServer {
		return {
			url: this.main.url,
			port: this.main.port,
			process: this.main.service.process,
			logFile: this.main.service.logFile,
			stop: () => this.main.service.stop(),
		};
	}

	/** The webhook processor, for the e2e `callWebhook` helper (production URLs). */
	webhookServer(): N8nServer {
		return {
			url: this.webhook.url,
			port: this.webhook.port,
			process: this.webhook.service.process,
			logFile: this.webhook.service.logFile,
			stop: () => this.webhook.service.stop(),
		};
	}

	async stopAll(): Promise<void> {
		for (const entry of [...this.processes.values()].reverse())
			await entry.service.stop().catch(() => undefined);
	}
}
