import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

import { SANDBOX_KEYS, startSandbox, type Sandbox } from '../sandbox';
import { probeVideo } from '../sandbox/families/video/probe';
import { videoStore } from '../sandbox/families/video/store';
import { probe } from '../support/ffprobe';
import { buildPackage, packPackage } from '../e2e/lib/communityPackage';
import { sandboxCredential } from '../e2e/lib/credential';
import { CREDENTIAL_TYPE, exampleByFile } from '../e2e/lib/examples';
import { ensureN8n, N8N_VERSION, REPO_ROOT, type N8nInstall } from '../e2e/lib/install';
import { importCredentials, n8nOk, type ExecutedItem, type ExecutionRun } from '../e2e/lib/n8nCli';
import {
	activateWorkflow,
	callWebhook,
	createApiKey,
	publicApi,
	setupOwner,
	type N8nServer,
} from '../e2e/lib/n8nServer';
import { elapsed, say, setProgressLabel } from '../e2e/lib/progress';
import { Cluster } from './lib/cluster';
import { stopAll, waitFor } from './lib/processes';
import {
	ensureDebianPackages,
	postgresBinDir,
	startPostgres,
	startRedis,
	type Postgres,
	type Redis,
} from './lib/services';
import {
	BATCH_PATH,
	LARGE_PATH,
	pollingTriggerWorkflow,
	SECOND_CREDENTIAL,
	SUBMIT_PATH,
	submitWithCallbackWorkflow,
	videoBatchWorkflow,
	largeVideoWorkflow,
} from './lib/workflows';

/**
 * The package on n8n's own distributed engine: queue mode with Redis and Postgres, one main process, two
 * workers (one execution at a time each, so two executions at once are split over both), one webhook
 * processor, binary data in the database. Each scenario asserts its output and which worker ran it;
 * figures go to test-output/queue/results.json (BENCHMARKS.md quotes them).
 */

setProgressLabel('queue');
const OUTPUT_DIR = join(REPO_ROOT, 'test-output', 'queue');
const MB = 1024 * 1024;
const LARGE_MB = 300;
const TOO_LARGE_MB = 600;

let install: N8nInstall;
let tempDir: string;
let sandbox: Sandbox;
/** A second MiniMax account (sandbox) used only by the polling trigger, so other scenarios' videos stay out of it. */
let pollSandbox: Sandbox;
let redis: Redis;
let postgres: Postgres;
let cluster: Cluster;
let main: N8nServer;
let hooks: N8nServer;
const results: Record<string, unknown> = { n8n: N8N_VERSION, startedAt: new Date().toISOString() };
const began = Date.now();

interface Execution {
	id: string;
	status: string;
	mode?: string;
	data?: { resultData: ExecutionRun['data']['resultData'] };
}

async function executionsOf(workflowId: string): Promise<Execution[]> {
	const { data } = await publicApi<{ data: Execution[] }>(
		main,
		'GET',
		`/executions?workflowId=${workflowId}&includeData=true&limit=100`,
	);
	return data.data;
}

async function finishedExecutions(
	workflowId: string,
	count: number,
	timeoutMs = 120000,
): Promise<Execution[]> {
	return await waitFor(
		`${count} finished execution(s) of ${workflowId}`,
		async () => {
			const done = (await executionsOf(workflowId)).filter(
				(execution) => !['new', 'running', 'waiting'].includes(execution.status),
			);
			return done.length >= count ? done : undefined;
		},
		timeoutMs,
		500,
	);
}

function lastOutput(execution: Execution, node: string): ExecutedItem[] {
	const runs = execution.data?.resultData.runData[node] ?? [];
	return runs[runs.length - 1]?.data?.main?.[0] ?? [];
}

async function postJson(
	path: string,
	body: unknown,
): Promise<{ status: number; body: Buffer; response: Response }> {
	const response = await callWebhook(
		hooks,
		path,
		{ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) },
		60000,
	);
	return { status: response.status, body: Buffer.from(await response.arrayBuffer()), response };
}

/** Creates a finished v1 video on a sandbox directly (as another client of the account would). */
async function finishedVideoOn(target: Sandbox, prompt: string): Promise<string> {
	const headers = {
		authorization: `Bearer ${SANDBOX_KEYS.global}`,
		'content-type': 'application/json',
	};
	const created = await fetch(`${target.url}/v1/video_generation`, {
		method: 'POST',
		headers,
		body: JSON.stringify({ model: 'MiniMax-Hailuo-2.3', prompt, duration: 6, resolution: '768P' }),
	});
	const { task_id: taskId } = (await created.json()) as { task_id: string };
	target.advanceTime(60_000);
	const query = await fetch(`${target.url}/v1/query/video_generation?task_id=${taskId}`, {
		headers,
	});
	const { status, file_id: fileId } = (await query.json()) as { status: string; file_id: string };
	if (status !== 'Success') throw new Error(`sandbox video ${taskId} is ${status}`);
	return String(fileId);
}

beforeAll(async () => {
	process.stdout.write('\n');
	rmSync(OUTPUT_DIR, { recursive: true, force: true });
	mkdirSync(OUTPUT_DIR, { recursive: true });
	await ensureDebianPackages();
	install = await ensureN8n();
	if (process.env.E2E_SKIP_BUILD !== '1') await buildPackage();
	const tarball = await packPackage(OUTPUT_DIR);
	tempDir = mkdtempSync(join(tmpdir(), 'n8n-queue-'));
	chmodSync(tempDir, 0o711); // Postgres runs as the postgres user and must reach its data folder inside
	sandbox = await startSandbox({ timeScale: 20 });
	pollSandbox = await startSandbox({ timeScale: 20 });

	redis = await startRedis(join(tempDir, 'redis'), OUTPUT_DIR);
	const base = {
		install,
		tarball,
		outputDir: OUTPUT_DIR,
		redisPort: redis.port,
		postgresPort: 0,
		workerConcurrency: 1,
	};
	const pgMajor = postgresBinDir()!.split('/').slice(-2)[0];
	postgres = await startPostgres(
		join(tempDir, 'postgres'),
		OUTPUT_DIR,
		`n8n-${N8N_VERSION}-pg${pgMajor}`,
		(port) => Cluster.migrate(base, port),
	);
	cluster = new Cluster({ ...base, postgresPort: postgres.port });

	// Credentials and workflows go into Postgres before the processes start (n8n's CLI, as users import them).
	const setup = await cluster.prepareInstance('setup');
	await importCredentials(setup, [
		sandboxCredential(sandbox.url),
		{
			id: SECOND_CREDENTIAL.id,
			name: SECOND_CREDENTIAL.name,
			type: CREDENTIAL_TYPE,
			data: {
				apiKey: SANDBOX_KEYS.global,
				region: 'custom',
				customBaseUrl: pollSandbox.url,
				groupId: '',
			},
		},
	]);
	await cluster.start(2);
	main = cluster.mainServer();
	hooks = cluster.webhookServer();
	const workflowsDir = join(setup.userFolder, 'workflows');
	mkdirSync(workflowsDir, { recursive: true });
	const workflows = [
		exampleByFile('tts-webhook.json').workflow,
		exampleByFile('video-callback-trigger.json').workflow,
		submitWithCallbackWorkflow(hooks.url),
		videoBatchWorkflow(),
		largeVideoWorkflow(),
		pollingTriggerWorkflow(),
	];
	for (const workflow of workflows)
		writeFileSync(join(workflowsDir, `${workflow.id}.json`), JSON.stringify(workflow));
	await n8nOk(setup, ['import:workflow', '--separate', `--input=${workflowsDir}`]);
	await setupOwner(main);
	await createApiKey(main);
	for (const workflow of workflows) await activateWorkflow(main, workflow.id);
	// The polling trigger's first poll (at activation, which main may finish after the API call returns) only
	// remembers what exists: these two videos come after it.
	await waitFor(
		'the first poll of the Video Trigger',
		() => (pollSandbox.log.some((entry) => entry.path === '/v1/files/list') ? true : undefined),
		60000,
	);
	results.pollCreatedFirst = [
		await finishedVideoOn(pollSandbox, 'A lighthouse at dusk'),
		await finishedVideoOn(pollSandbox, 'A fox in the snow'),
	];
	say(`setup done (${elapsed(began)})`);
}, 900000);

afterAll(async () => {
	results.totalSeconds = (Date.now() - began) / 1000;
	if (existsSync(OUTPUT_DIR))
		writeFileSync(join(OUTPUT_DIR, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
	say(`results: ${JSON.stringify(results)}`);
	await cluster?.stopAll();
	await stopAll();
	await sandbox?.close();
	await pollSandbox?.close();
	if (tempDir) rmSync(tempDir, { recursive: true, force: true });
	say(`everything stopped (${elapsed(began)} in all)`);
}, 120000);

test('1. the Text to Speech webhook example on the production URL (webhook processor → worker) returns the MP3', async () => {
	sandbox.reset();
	const workflowId = exampleByFile('tts-webhook.json').workflow.id;
	const { status, body, response } = await postJson('minimax-tts', {
		text: 'Hello from n8n queue mode. This answer is an MP3 file.',
	});
	if (status !== 200) throw new Error(`HTTP ${status}: ${body.toString('utf8').slice(0, 500)}`);
	expect(response.headers.get('content-type')).toBe('audio/mpeg');
	const info = await probe(body, { decode: true });
	expect(info).toMatchObject({ format_name: 'mp3', errors: [] });
	expect(info.duration).toBeGreaterThan(1);
	const [execution] = await finishedExecutions(workflowId, 1);
	expect(execution.status).toBe('success');
	const worker = await cluster.waitForWorkerOf(execution.id);
	expect(worker).toMatch(/^worker-[12]$/);
	// The MP3 the worker produced is stored in Postgres (binary data mode "database").
	const [speech] = lastOutput(execution, 'Speak the text');
	expect(speech.binary?.data.id).toMatch(/^database:/);
	results.tts = { executionId: execution.id, worker, bytes: body.length };
	say(`TTS webhook: execution ${execution.id} ran on ${worker}`);
});

async function runBatch(label: string): Promise<{ seconds: number; workers: string[] }> {
	sandbox.reset();
	const before = new Set(
		(await executionsOf(videoBatchWorkflow().id)).map((execution) => execution.id),
	);
	const begin = Date.now();
	const calls = [0, 1].map((batch) =>
		postJson(BATCH_PATH, {
			prompts: [1, 2, 3].map(
				(index) => `${label} batch ${batch} video ${index}: a kite over the dunes`,
			),
		}),
	);
	const answers = await Promise.all(calls);
	const seconds = (Date.now() - begin) / 1000;
	for (const answer of answers) {
		if (answer.status !== 200)
			throw new Error(`HTTP ${answer.status}: ${answer.body.toString('utf8').slice(0, 500)}`);
		const items = JSON.parse(answer.body.toString('utf8')) as Array<Record<string, unknown>>;
		expect(items).toHaveLength(3);
		for (const item of items)
			expect(item).toMatchObject({
				status: 'Success',
				mimeType: 'video/mp4',
				resolution: '768P',
				duration: 6,
			});
		for (const item of items) expect(Number(item.fileSizeBytes)).toBeGreaterThan(10000);
	}
	expect(
		sandbox.log.filter((entry) => entry.kind === 'api' && entry.path === '/v1/video_generation'),
	).toHaveLength(6);
	const executions = (await finishedExecutions(videoBatchWorkflow().id, before.size + 2)).filter(
		(execution) => !before.has(execution.id),
	);
	expect(executions.map((execution) => execution.status)).toEqual(['success', 'success']);
	const workers = await Promise.all(
		executions.map((execution) => cluster.waitForWorkerOf(execution.id)),
	);
	return { seconds, workers };
}

test('2. six videos (Wait for the Video) as two executions at once are split over both workers; then one worker alone', async () => {
	const two = await runBatch('two workers');
	expect([...two.workers].sort()).toEqual(['worker-1', 'worker-2']);
	say(`6 videos on 2 workers: ${two.seconds.toFixed(1)} s (${two.workers.join(', ')})`);

	await cluster.stop('worker-2');
	const one = await runBatch('one worker');
	expect(one.workers).toEqual(['worker-1', 'worker-1']);
	say(`6 videos on 1 worker: ${one.seconds.toFixed(1)} s`);
	await cluster.restart('worker-2');
	results.batch = {
		videos: 6,
		executions: 2,
		twoWorkersSeconds: two.seconds,
		oneWorkerSeconds: one.seconds,
		ratio: one.seconds / two.seconds,
		twoWorkers: two.workers,
	};
});

test('3. callback path: submitted with the MiniMax Video Callback Trigger URL; the callback reaches the webhook processor, a worker saves the MP4', async () => {
	sandbox.reset();
	const trigger = exampleByFile('video-callback-trigger.json').workflow;
	const submitted = await postJson(SUBMIT_PATH, {});
	if (submitted.status !== 200)
		throw new Error(`HTTP ${submitted.status}: ${submitted.body.toString('utf8').slice(0, 500)}`);
	const { taskId, status } = JSON.parse(submitted.body.toString('utf8')) as {
		taskId: string;
		status: string;
	};
	expect(status).toBe('Submitted');
	const [created] = sandbox.log.filter(
		(entry) => entry.kind === 'api' && entry.path === '/v1/video_generation',
	);
	const webhookId = trigger.nodes[0].webhookId;
	expect(created.body).toMatchObject({
		callback_url: `${hooks.url}/webhook/${webhookId}/minimax-callback?secret=change-this-callback-secret`,
	});

	const [execution] = await finishedExecutions(trigger.id, 1, 120000);
	const error = execution.data?.resultData.error;
	expect({
		status: execution.status,
		error: error && `${error.node?.name}: ${error.message}`,
	}).toEqual({ status: 'success', error: undefined });
	const [finished] = lastOutput(execution, 'Video finished');
	expect(finished.json).toMatchObject({ taskId, status: 'Success' });
	expect(finished.binary?.data).toMatchObject({ mimeType: 'video/mp4' });
	const worker = await cluster.waitForWorkerOf(execution.id);
	const saved = join(
		cluster.process(worker).instance.userFolder,
		'.n8n-files',
		`minimax-video-${taskId}.mp4`,
	);
	expect(existsSync(saved)).toBe(true);
	expect(await probeVideo(saved, { decode: true })).toMatchObject({ codec: 'h264', errors: [] });
	// Every callback POST (challenge, then each status) was answered by the webhook processor.
	const callbacks = videoStore(sandbox.state).callbacksOf(taskId);
	expect(callbacks.map((entry) => [entry.kind, entry.ok])).toEqual([
		['challenge', true],
		['status', true],
		['status', true],
	]);
	expect(cluster.webhook.service.log()).not.toMatch(/Error/);

	// A repeated final callback that reaches another process (here main, which also serves production
	// webhooks) starts nothing: the "once per task" memory is the workflow's static data in Postgres.
	const final = callbacks[callbacks.length - 1];
	const replay = await fetch(
		`${main.url}/webhook/${webhookId}/minimax-callback?secret=change-this-callback-secret`,
		{
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(final.body),
		},
	);
	expect(await replay.json()).toEqual({ received: true, duplicate: true });
	expect(await executionsOf(trigger.id)).toHaveLength(1);
	results.callback = { taskId, executionId: execution.id, worker };
	say(`callback: execution ${execution.id} ran on ${worker}, saved ${saved}`);
});

test(`5. a ${LARGE_MB} MB video in database binary mode works; ${TOO_LARGE_MB} MB fails clearly, the worker stays up`, async () => {
	sandbox.reset();
	const workflowId = largeVideoWorkflow().id;
	const pids = Object.fromEntries(
		cluster.workers().map((worker) => [worker.name, worker.service.pid]),
	);
	const baseline = Object.fromEntries(
		cluster.workers().map((worker) => [worker.name, cluster.memory(worker.name)]),
	);

	const large = await postJson(LARGE_PATH, {
		prompt: `A very long take [[sandbox:size=${LARGE_MB}MB]]`,
	});
	if (large.status !== 200)
		throw new Error(`HTTP ${large.status}: ${large.body.toString('utf8').slice(0, 500)}`);
	expect(JSON.parse(large.body.toString('utf8'))).toMatchObject({
		status: 'Success',
		fileSizeBytes: LARGE_MB * MB,
	});
	const [execution] = await finishedExecutions(workflowId, 1);
	const worker = await cluster.waitForWorkerOf(execution.id);
	const memory = cluster.memory(worker);
	const [video] = lastOutput(execution, 'Generate the video');
	const fileId = String(video.binary?.data.id ?? '').replace(/^database:/, '');
	expect(fileId).not.toBe('');
	expect(
		await postgres.query(`select "fileSize" from binary_data where "fileId" = '${fileId}'`),
	).toBe(String(LARGE_MB * MB));
	say(
		`${LARGE_MB} MB video on ${worker}: peak RSS ${(memory.peakRss / MB).toFixed(0)} MB (before: ${(baseline[worker].rss / MB).toFixed(0)} MB)`,
	);

	const before = new Set((await executionsOf(workflowId)).map((entry) => entry.id));
	const tooLarge = await postJson(LARGE_PATH, {
		prompt: `An even longer take [[sandbox:size=${TOO_LARGE_MB}MB]]`,
	});
	expect(tooLarge.status).toBeGreaterThanOrEqual(400);
	const failed = (await finishedExecutions(workflowId, before.size + 1)).find(
		(entry) => !before.has(entry.id),
	)!;
	expect(failed.status).toBe('error');
	const failure = failed.data!.resultData.error!;
	const text = `${failure.message} ${failure.description ?? ''}`;
	expect(text).toContain('N8N_BINARY_DATA_DATABASE_MAX_FILE_SIZE');
	expect(text).toContain('Download URL Only');
	expect(failure.node?.name).toBe('Generate the video');
	const failedWorker = await cluster.waitForWorkerOf(failed.id);
	// Downloaded once (no retry of a download that can never fit), no out-of-memory crash, same worker processes.
	expect(sandbox.log.filter((entry) => entry.kind === 'download')).toHaveLength(2);
	for (const entry of cluster.workers()) {
		expect(entry.service.exited).toBe(false);
		expect(entry.service.pid).toBe(pids[entry.name]);
		expect(entry.service.log()).not.toMatch(
			/heap out of memory|ERR_STRING_TOO_LONG|Allocation failed/,
		);
		expect((await fetch(`${entry.url}/healthz/readiness`)).ok).toBe(true);
	}
	const failedMemory = cluster.memory(failedWorker);
	results.largeVideo = {
		sizeMb: LARGE_MB,
		worker,
		workerRssBeforeMb: baseline[worker].rss / MB,
		workerPeakRssMb: memory.peakRss / MB,
		tooLarge: {
			sizeMb: TOO_LARGE_MB,
			worker: failedWorker,
			error: failure.message,
			workerPeakRssMb: failedMemory.peakRss / MB,
		},
	};
	say(
		`${TOO_LARGE_MB} MB video on ${failedWorker}: "${failure.message}"; peak RSS ${(failedMemory.peakRss / MB).toFixed(0)} MB; workers still up`,
	);

	// The worker that refused the file still runs executions.
	const after = await postJson('minimax-tts', { text: 'Still here after the large file.' });
	expect(after.status).toBe(200);
});

test('4. the polling Video Trigger (on the main process) emits each finished video exactly once across a worker restart', async () => {
	const workflowId = pollingTriggerWorkflow().id;
	const first = results.pollCreatedFirst as string[];
	const emitted = async () => {
		const executions = (await executionsOf(workflowId)).filter(
			(execution) => execution.status !== 'running' && execution.status !== 'new',
		);
		return executions.map((execution) => ({
			execution,
			items: lastOutput(execution, 'New video'),
		}));
	};
	// The first two, emitted by a poll on the main process while the other scenarios ran (or within a minute).
	const polls = () => pollSandbox.log.filter((entry) => entry.path === '/v1/files/list').length;
	await waitFor(
		'the first poll emission',
		async () => ((await emitted()).flatMap((entry) => entry.items).length >= 2 ? true : undefined),
		75000,
		1000,
	).catch((error: Error) => {
		throw new Error(
			`${error.message} (polls seen by the sandbox: ${polls()}; main log:\n${cluster.main.service.log().slice(-3000)})`,
		);
	});

	await cluster.restart('worker-1');
	const second = [
		await finishedVideoOn(pollSandbox, 'A tram in the rain'),
		await finishedVideoOn(pollSandbox, 'Koi in a pond'),
	];
	const all = await waitFor(
		'the second poll emission',
		async () => {
			const found = await emitted();
			return found.flatMap((entry) => entry.items).length >= 4 ? found : undefined;
		},
		75000,
		1000,
	);
	for (const { execution } of all) expect(execution.status).toBe('success');
	const ids = all.flatMap((entry) => entry.items.map((item) => String(item.json.fileId)));
	expect(ids.sort()).toEqual([...first, ...second].sort());
	for (const { items } of all)
		for (const item of items)
			expect(item.binary?.data).toMatchObject({
				mimeType: 'video/mp4',
				id: expect.stringMatching(/^database:/),
			});
	// Polls run on the main process (leader); the executions they start run on workers.
	expect(cluster.main.service.log()).not.toMatch(/Worker started execution/);
	const workers = await Promise.all(
		all.map((entry) => cluster.waitForWorkerOf(entry.execution.id)),
	);
	// The worker read each MP4 the main process stored (binary data in Postgres, no shared disk) and saved it.
	for (const [index, { items }] of all.entries()) {
		for (const item of items) {
			const saved = join(
				cluster.process(workers[index]).instance.userFolder,
				'.n8n-files',
				`polled-${String(item.json.fileId)}.mp4`,
			);
			expect(await probeVideo(saved)).toMatchObject({ codec: 'h264', width: 1366, height: 768 });
		}
	}
	results.pollingTrigger = {
		executions: all.map((entry, index) => ({
			id: entry.execution.id,
			worker: workers[index],
			fileIds: entry.items.map((item) => item.json.fileId),
		})),
	};
	say(`polling trigger: ${ids.length} videos in ${all.length} executions on ${workers.join(', ')}`);
});
