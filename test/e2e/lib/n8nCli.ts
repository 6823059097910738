import { mkdirSync, writeFileSync } from 'fs';
import { dirname, join } from 'path';

import { exec, type ExecResult } from './exec';
import type { N8nInstall } from './install';
import { freePort } from './ports';

/**
 * One n8n "instance": a user folder plus the environment every command and `n8n start` runs with.
 * HOME is the user folder too, as in n8n's Docker image (/home/node holds .n8n and .n8n-files), so the
 * default file-access root `~/.n8n-files` lies inside it and the examples' relative paths
 * (`.n8n-files/minimax-demo/...`, resolved against the working directory) stay allowed.
 */

export const ENCRYPTION_KEY = 'n8n-nodes-minimax-e2e-encryption-key';

export interface N8nInstance {
	install: N8nInstall;
	userFolder: string;
	env: NodeJS.ProcessEnv;
}

export interface InstanceOptions {
	/** Extra directories put on PATH (for ffmpeg). */
	pathPrepend?: string[];
	port?: number;
	env?: NodeJS.ProcessEnv;
}

export function createInstance(
	install: N8nInstall,
	userFolder: string,
	options: InstanceOptions = {},
): N8nInstance {
	mkdirSync(join(userFolder, '.n8n-files'), { recursive: true });
	const tmp = join(userFolder, 'tmp');
	mkdirSync(tmp, { recursive: true });
	const path = [...(options.pathPrepend ?? []), install.path].join(':');
	const env: NodeJS.ProcessEnv = {
		PATH: path,
		HOME: userFolder,
		LANG: process.env.LANG ?? 'C.UTF-8',
		TMPDIR: tmp,
		N8N_USER_FOLDER: userFolder,
		N8N_ENCRYPTION_KEY: ENCRYPTION_KEY,
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_HOST: '127.0.0.1',
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_PORT: String(options.port ?? 5678),
		N8N_SECURE_COOKIE: 'false',
		N8N_LOG_LEVEL: 'info',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		// Nothing but loopback: no vetted-package list, banners or MCP registry from api.n8n.io.
		N8N_VERIFIED_PACKAGES_ENABLED: 'false',
		N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
		N8N_DYNAMIC_BANNERS_ENABLED: 'false',
		N8N_DISABLED_MODULES: 'mcp-registry',
		// n8n 2.x excludes Execute Command by default; the narrated-video example runs ffmpeg through it.
		NODES_EXCLUDE: '[]',
		...options.env,
	};
	return { install, userFolder, env };
}

/**
 * Runs an n8n CLI command (`n8n <args>`) with the instance's environment, from the user folder.
 * Each command gets its own task-broker port (n8n's default 5679 would collide with any other n8n running).
 */
export async function n8n(
	instance: N8nInstance,
	args: string[],
	timeoutMs = 180000,
): Promise<ExecResult> {
	const env = { ...instance.env, N8N_RUNNERS_BROKER_PORT: String(await freePort()) };
	return exec(instance.install.node, [instance.install.n8nBin, ...args], {
		cwd: instance.userFolder,
		env,
		timeoutMs,
	});
}

export async function n8nOk(
	instance: N8nInstance,
	args: string[],
	timeoutMs = 180000,
): Promise<ExecResult> {
	const result = await n8n(instance, args, timeoutMs);
	if (result.code !== 0) {
		const tail = `${result.stdout}\n${result.stderr}`.trim().split('\n').slice(-30).join('\n');
		throw new Error(`n8n ${args.join(' ')} exited with ${result.code}\n${tail}`);
	}
	return result;
}

export interface CredentialImport {
	id: string;
	name: string;
	type: string;
	data: Record<string, unknown>;
}

/** `n8n import:credentials` with plain data (n8n encrypts it on import). */
export async function importCredentials(
	instance: N8nInstance,
	credentials: CredentialImport[],
): Promise<void> {
	const file = join(instance.userFolder, 'tmp', `credentials-${Date.now()}.json`);
	writeFileSync(file, JSON.stringify(credentials));
	await n8nOk(instance, ['import:credentials', `--input=${file}`]);
}

/** `n8n import:workflow` of one workflow object (its `id` is kept, so `execute --id` can find it). */
export async function importWorkflow(instance: N8nInstance, workflow: object): Promise<void> {
	const file = join(
		instance.userFolder,
		'tmp',
		`workflow-${Date.now()}-${Math.random().toString(36).slice(2)}.json`,
	);
	mkdirSync(dirname(file), { recursive: true });
	writeFileSync(file, JSON.stringify(workflow));
	await n8nOk(instance, ['import:workflow', `--input=${file}`]);
}

export interface ExecutionRun {
	status?: string;
	finished?: boolean;
	mode?: string;
	data: {
		resultData: {
			error?: { message?: string; description?: string; node?: { name?: string } };
			lastNodeExecuted?: string;
			runData: Record<string, Array<TaskData>>;
		};
	};
}

export interface TaskData {
	executionStatus?: string;
	error?: { message?: string };
	data?: { main?: Array<Array<ExecutedItem> | null> };
}

export interface BinaryRef {
	id?: string;
	data?: string;
	mimeType: string;
	fileName?: string;
	fileExtension?: string;
	fileSize?: string;
	fileType?: string;
}

export interface ExecutedItem {
	json: Record<string, unknown>;
	binary?: Record<string, BinaryRef>;
	pairedItem?: unknown;
}

export interface ExecuteResult {
	code: number;
	run?: ExecutionRun;
	output: string;
}

/**
 * `n8n execute --id <id> --rawOutput`. The run JSON comes through the logger after warnings: it starts
 * at the first line that is exactly `{`. A failed execution exits 1 and logs the run as well.
 */
export async function executeWorkflow(
	instance: N8nInstance,
	workflowId: string,
	timeoutMs = 300000,
): Promise<ExecuteResult> {
	const result = await n8n(instance, ['execute', `--id=${workflowId}`, '--rawOutput'], timeoutMs);
	const output = `${result.stdout}\n${result.stderr}`;
	const run = parseRun(result.stdout) ?? parseRun(output);
	// On a loaded machine n8n's CLI has been killed by a signal in process.exit (native modules
	// shutting down) after it printed a whole, successful run. That run is the result; a signal before
	// the run was printed, or our own time limit, stays a failure.
	const finishedBeforeSignal =
		result.signal !== undefined &&
		!result.timedOut &&
		run?.data.resultData.error === undefined &&
		run?.finished !== false &&
		(run?.status === undefined || run.status === 'success');
	const code = finishedBeforeSignal && run ? 0 : result.code;
	const note =
		code !== result.code ? `\n[n8n exited by ${result.signal} after a successful run]` : '';
	return { code, run, output: output + note };
}

export function parseRun(text: string): ExecutionRun | undefined {
	const lines = text.split('\n');
	const start = lines.findIndex((line) => line === '{');
	if (start < 0) return undefined;
	// The JSON ends at the first line that is exactly `}` after the start (it is pretty-printed with 2 spaces).
	const end = lines.findIndex((line, index) => index > start && line === '}');
	if (end < 0) return undefined;
	try {
		return JSON.parse(lines.slice(start, end + 1).join('\n')) as ExecutionRun;
	} catch {
		return undefined;
	}
}

/** The items a node produced in its last run (main output 0 unless given). */
export function nodeOutput(run: ExecutionRun, nodeName: string, output = 0): ExecutedItem[] {
	const runs = run.data.resultData.runData[nodeName];
	if (!runs?.length)
		throw new Error(
			`node "${nodeName}" did not run; ran: ${Object.keys(run.data.resultData.runData).join(', ')}`,
		);
	return runs[runs.length - 1].data?.main?.[output] ?? [];
}
