import { createServer, type Server } from 'http';
import type { AddressInfo } from 'net';
import type { IDataObject } from 'n8n-workflow';

import { binaryPath } from '../../../harness';
import { probeVideo } from '../../../sandbox/families/video/probe';
import { videoStore } from '../../../sandbox/families/video/store';
import { apiRequests, downloads, run, runOk, useSandbox } from '../../helpers';

const sandbox = useSandbox({ timeScale: 100 });
const FAST = { pollIntervalSeconds: 0.1, retryDelayMs: 10 };
const video = (parameters: IDataObject) => ({ type: 'n8n-nodes-minimax.miniMaxVideo', parameters });
const HOURS = 3600_000;

async function submit(prompt = 'A hummingbird at a feeder'): Promise<string> {
	const [item] = await runOk(sandbox(), video({ prompt, waitMode: 'submit' }));
	return item.json.taskId as string;
}

describe('MiniMax Video › submit only, then Get Task Status and Download Video', () => {
	it('returns the task at once, reports progress, then downloads by task ID', async () => {
		videoStore(sandbox().state).timing.preparingMs = 60 * 60_000; // stays Preparing however slow the machine
		const [submitted] = await runOk(
			sandbox(),
			video({
				prompt: 'A hummingbird at a feeder',
				model: 'MiniMax-Hailuo-2.3',
				waitMode: 'submit',
			}),
		);
		expect(submitted.json).toMatchObject({
			status: 'Submitted',
			waitMode: 'submit',
			model: 'MiniMax-Hailuo-2.3',
			duration: 6,
			resolution: '768P',
		});
		expect(submitted.json.next).toMatch(/Get Task Status/);
		expect(submitted.binary).toBeUndefined();
		expect(apiRequests(sandbox(), '/v1/query/video_generation')).toHaveLength(0);
		const taskId = submitted.json.taskId as string;

		const [pending] = await runOk(sandbox(), video({ operation: 'getTask', taskId }));
		expect(pending.json).toMatchObject({
			taskId,
			status: 'Preparing',
			finished: false,
			succeeded: false,
		});
		expect(pending.json.next).toContain(taskId);

		const early = await run(sandbox(), video({ operation: 'download', taskId }));
		expect(early.status).toBe('error');
		expect(early.error?.message).toBe(
			`MiniMax: Video task ${taskId} is not finished yet (status: Preparing)`,
		);
		expect((early.error as { description?: string }).description).toContain('Get Task Status');

		sandbox().advanceTime(2 * HOURS);
		await videoStore(sandbox().state).settled();
		const [done] = await runOk(sandbox(), video({ operation: 'getTask', taskId }));
		expect(done.json).toMatchObject({
			taskId,
			status: 'Success',
			finished: true,
			succeeded: true,
			width: 1366,
			height: 768,
			downloadUrlValidHours: 9,
		});
		expect(done.json.fileId).toMatch(/^\d+$/);
		expect(done.json.downloadUrl).toMatch(/\/dl\//);

		const [downloaded] = await runOk(sandbox(), video({ operation: 'download', taskId }));
		expect(downloaded.json).toMatchObject({
			taskId,
			fileId: done.json.fileId,
			status: 'Success',
			fileName: `video-${taskId}.mp4`,
		});
		expect((await probeVideo(binaryPath(downloaded.binary!.data) as string)).duration).toBeCloseTo(
			6,
			0,
		);
	});

	it('downloads by file ID', async () => {
		const taskId = await submit();
		videoStore(sandbox().state).forceStatus(taskId, 'Success');
		await videoStore(sandbox().state).settled();
		const fileId = String(videoStore(sandbox().state).get(taskId).fileId);
		const [item] = await runOk(
			sandbox(),
			video({
				operation: 'download',
				downloadBy: 'fileId',
				fileId,
				options: { binaryPropertyOutput: 'clip' },
			}),
		);
		expect(apiRequests(sandbox(), '/v1/query/video_generation')).toHaveLength(0);
		expect(item.json).toMatchObject({
			fileId,
			fileName: `video-${fileId}.mp4`,
			binaryField: 'clip',
		});
		expect(item.binary!.clip.mimeType).toBe('video/mp4');
	});

	it('never hits a dead end on an expired link: Download asks files/retrieve for a fresh one', async () => {
		const taskId = await submit();
		videoStore(sandbox().state).forceStatus(taskId, 'Success');
		const [status] = await runOk(sandbox(), video({ operation: 'getTask', taskId }));
		sandbox().advanceTime(10 * HOURS);
		const stale = await fetch(status.json.downloadUrl as string);
		expect(stale.status).toBe(403);

		const [item] = await runOk(sandbox(), video({ operation: 'download', taskId }));
		expect(item.json.downloadUrl).not.toBe(status.json.downloadUrl);
		expect(item.binary!.data.bytes).toBeGreaterThan(1000);
	});

	it('re-fetches the link once when it expires during the download itself', async () => {
		sandbox().faults.add({ kind: 'expired_url', path: /^\/dl\//, times: 1 });
		const [item] = await runOk(
			sandbox(),
			video({ prompt: 'A lighthouse at night', options: FAST }),
		);
		expect(apiRequests(sandbox(), '/v1/files/retrieve')).toHaveLength(2);
		expect(downloads(sandbox()).map((entry) => entry.status)).toEqual([403, 200]);
		expect(new URL(item.json.downloadUrl as string).pathname).toBe(downloads(sandbox())[1].path);
		expect((await probeVideo(binaryPath(item.binary!.data) as string)).width).toBe(1366);
	});
});

describe('MiniMax Video › callback URL mode', () => {
	let receiver: Server;
	let url: string;
	const bodies: IDataObject[] = [];

	beforeAll(async () => {
		receiver = createServer((req, res) => {
			let text = '';
			req.on('data', (chunk) => (text += chunk));
			req.on('end', () => {
				const body = JSON.parse(text) as IDataObject;
				bodies.push(body);
				res.writeHead(200, { 'content-type': 'application/json' });
				res.end(JSON.stringify(body.challenge ? { challenge: body.challenge } : {}));
			});
		});
		await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
		url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhook/minimax`;
	});
	afterAll(() => new Promise<void>((resolve) => receiver.close(() => resolve())));

	it('sends callback_url, returns the task at once, and MiniMax calls back after the handshake', async () => {
		const [item] = await runOk(
			sandbox(),
			video({ prompt: 'Fireworks over a harbour', waitMode: 'callback', callbackUrl: url }),
		);
		const taskId = item.json.taskId as string;
		expect(item.json).toMatchObject({
			status: 'Submitted',
			waitMode: 'callback',
			callbackUrl: url,
		});
		expect(item.json.next).toMatch(/POST status changes to the callback URL/);
		expect(
			(apiRequests(sandbox(), '/v1/video_generation')[0].body as IDataObject).callback_url,
		).toBe(url);
		expect(apiRequests(sandbox(), '/v1/query/video_generation')).toHaveLength(0);

		const store = videoStore(sandbox().state);
		sandbox().advanceTime(10 * 60_000);
		const deadline = Date.now() + 5000;
		while (store.callbacksOf(taskId).length < 3 && Date.now() < deadline)
			await new Promise((resolve) => setTimeout(resolve, 20));
		await store.settled();
		expect(
			store.callbacksOf(taskId).map((entry) => [entry.kind, entry.body.status, entry.ok]),
		).toEqual([
			['challenge', undefined, true],
			['status', 'processing', true],
			['status', 'success', true],
		]);
		expect(bodies.at(-1)).toMatchObject({
			task_id: taskId,
			status: 'success',
			base_resp: { status_code: 0 },
		});
	});

	it('rejects a callback URL that is not http(s) before any request', async () => {
		const result = await run(
			sandbox(),
			video({ prompt: 'x', waitMode: 'callback', callbackUrl: 'ftp://example.com/hook' }),
		);
		expect(result.error?.message).toBe(
			'Invalid "Callback URL" for item 0: "ftp://example.com/hook" is not an http(s) URL',
		);
		expect(apiRequests(sandbox())).toHaveLength(0);
	});
});
