import { createServer, type Server } from 'http';
import type { AddressInfo } from 'net';
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { binaryPath } from '../../harness';
import { callWebhook } from '../../harness/triggers';
import type { WorkflowJson } from '../../harness';
import { probeVideo } from '../../sandbox/families/video/probe';
import { videoStore } from '../../sandbox/families/video/store';
import { apiRequests, credentialsFor, runOk, useSandbox, triggerWorkflow } from '../helpers';

const sandbox = useSandbox({ timeScale: 100 });
const video = (parameters: IDataObject) => ({ type: 'n8n-nodes-minimax.miniMaxVideo', parameters });

async function until(condition: () => boolean, what: string): Promise<void> {
	const deadline = Date.now() + 8000;
	while (!condition()) {
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 20));
	}
}

describe('MiniMax Video Callback Trigger (webhook)', () => {
	let receiver: Server;
	let baseUrl: string;
	let workflow: WorkflowJson;
	let staticData: IDataObject;
	const emitted: INodeExecutionData[] = [];
	const answers: Array<{ status: number; body: unknown }> = [];

	/** A stand-in for n8n's webhook server: each POST runs the trigger's webhook() in a real WebhookContext. */
	beforeAll(async () => {
		receiver = createServer((req, res) => {
			let text = '';
			req.on('data', (chunk) => (text += chunk));
			req.on('end', async () => {
				const query = Object.fromEntries(new URL(req.url ?? '/', 'http://x').searchParams);
				try {
					const result = await callWebhook(
						workflow,
						'Trigger',
						{ body: JSON.parse(text || '{}'), query },
						{ credentials: credentialsFor(sandbox()), staticData },
					);
					if (result.workflowData) emitted.push(...result.workflowData[0]);
					const status = result.noWebhookResponse ? (result.response.statusCode ?? 200) : 200;
					const body = result.noWebhookResponse ? result.response.body : result.webhookResponse;
					answers.push({ status, body });
					res.writeHead(status, { 'content-type': 'application/json' });
					res.end(JSON.stringify(body ?? {}));
				} catch (error) {
					answers.push({ status: 500, body: (error as Error).message });
					res.writeHead(500);
					res.end();
				}
			});
		});
		await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
		baseUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhook/minimax-callback`;
	});
	afterAll(async () => {
		receiver.closeAllConnections();
		await new Promise<void>((resolve) => receiver.close(() => resolve()));
	});
	beforeEach(() => {
		emitted.length = 0;
		answers.length = 0;
		staticData = {};
		workflow = triggerWorkflow('n8n-nodes-minimax.miniMaxTrigger', {
			secret: 's3cret',
			download: true,
		});
	});

	async function submitWithCallback(prompt: string): Promise<string> {
		const [item] = await runOk(
			sandbox(),
			video({ prompt, waitMode: 'callback', callbackUrl: `${baseUrl}?secret=s3cret` }),
		);
		return item.json.taskId as string;
	}

	it('answers the challenge, ignores progress, confirms the task with MiniMax and emits the finished video once', async () => {
		const taskId = await submitWithCallback('A paper boat on a river');
		const store = videoStore(sandbox().state);
		await until(
			() =>
				store.callbacksOf(taskId).length >= 1 &&
				store.callbacksOf(taskId)[0].ok !== undefined &&
				answers.length >= 1,
			'the handshake',
		);
		sandbox().advanceTime(10 * 60_000);
		await until(() => store.callbacksOf(taskId).length >= 3, 'the status callbacks');
		await store.settled();
		await until(() => answers.length >= 3, 'the trigger answers');

		expect(
			store.callbacksOf(taskId).map((entry) => [entry.kind, entry.body.status, entry.ok]),
		).toEqual([
			['challenge', undefined, true],
			['status', 'processing', true],
			['status', 'success', true],
		]);
		expect(store.callbacksOf(taskId)[0].durationMs).toBeLessThan(3000);
		expect(emitted).toHaveLength(1);
		expect(emitted[0].json).toMatchObject({
			taskId,
			taskType: 'video',
			status: 'Success',
			callbackStatus: 'success',
			width: 1366,
			height: 768,
		});
		const mp4 = emitted[0].binary!.data;
		expect(mp4.mimeType).toBe('video/mp4');
		const info = await probeVideo(binaryPath(mp4)!);
		expect(info).toMatchObject({ width: 1366, height: 768 });
		expect(apiRequests(sandbox(), '/v1/query/video_generation').length).toBeGreaterThanOrEqual(1);

		// MiniMax may deliver a final status twice: the workflow still starts once.
		const again = await callWebhook(
			workflow,
			'Trigger',
			{
				body: { task_id: taskId, status: 'success', file_id: emitted[0].json.fileId },
				query: { secret: 's3cret' },
			},
			{ credentials: credentialsFor(sandbox()), staticData },
		);
		expect(again.workflowData).toBeUndefined();
	});

	it('rejects forged callbacks: unknown task, unfinished task, wrong secret', async () => {
		const call = (body: IDataObject, query: Record<string, string> = { secret: 's3cret' }) =>
			callWebhook(
				workflow,
				'Trigger',
				{ body, query },
				{ credentials: credentialsFor(sandbox()), staticData },
			);

		const unknown = await call({ task_id: '106916112212032', status: 'success', file_id: '1' });
		expect(unknown.workflowData).toBeUndefined();

		const [submitted] = await runOk(
			sandbox(),
			video({ prompt: 'Still running', waitMode: 'submit' }),
		);
		const early = await call({ task_id: submitted.json.taskId, status: 'success', file_id: '42' });
		expect(early.workflowData).toBeUndefined();

		const wrongSecret = await call({ challenge: 'abc' }, { secret: 'guess' });
		expect(wrongSecret.noWebhookResponse).toBe(true);
		expect(wrongSecret.response).toEqual({ statusCode: 403, body: { error: 'invalid secret' } });
		const noSecret = await call({ task_id: submitted.json.taskId, status: 'success' }, {});
		expect(noSecret.response.statusCode).toBe(403);
		expect(emitted).toHaveLength(0);
	});

	it("emits a failed task with MiniMax's reason, unless failed tasks are excluded", async () => {
		const taskId = await submitWithCallback('A doomed scene [[sandbox:fail]]');
		const store = videoStore(sandbox().state);
		sandbox().advanceTime(10 * 60_000);
		await until(
			() => store.callbacksOf(taskId).some((entry) => entry.body.status === 'failed'),
			'the failure callback',
		);
		await store.settled();
		await until(() => emitted.length >= 1, 'the failed item');
		expect(emitted[0].json).toMatchObject({ taskId, status: 'Fail' });
		expect(emitted[0].json.failureReason).toMatch(/sensitive/);
		expect(emitted[0].binary).toBeUndefined();

		workflow = triggerWorkflow('n8n-nodes-minimax.miniMaxTrigger', { includeFailed: false });
		const quiet = await callWebhook(
			workflow,
			'Trigger',
			{ body: { task_id: taskId, status: 'failed' } },
			{ credentials: credentialsFor(sandbox()), staticData: {} },
		);
		expect(quiet.workflowData).toBeUndefined();
	});
});
