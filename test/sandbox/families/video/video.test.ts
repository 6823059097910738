import axios, { type AxiosInstance } from 'axios';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'fs';
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'http';
import type { AddressInfo } from 'net';
import { tmpdir } from 'os';
import { join } from 'path';
import { pipeline } from 'stream/promises';

import { SANDBOX_KEYS, type Sandbox, startSandbox } from '../..';
import { readBoxes } from '../../media/mp4';
import { VIDEO_FAIL_MARKER } from './markers';
import { probeVideo } from './probe';
import { videoStore } from './store';
import { dataUrl, gifImage, pngImage } from './testImages';

let sandbox: Sandbox;
let api: AxiosInstance;
let dir: string;

beforeAll(async () => {
	sandbox = await startSandbox({ timeScale: 1 });
	api = axios.create({
		baseURL: sandbox.url,
		headers: { Authorization: `Bearer ${SANDBOX_KEYS.global}` },
		validateStatus: () => true,
	});
	dir = mkdtempSync(join(tmpdir(), 'sandbox-video-'));
});
afterAll(async () => {
	await sandbox.close();
	rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => sandbox.reset());

const code = (res: { data: { base_resp: { status_code: number } } }) =>
	res.data.base_resp.status_code;
const message = (res: { data: { base_resp: { status_msg: string } } }) =>
	res.data.base_resp.status_msg;
const FINISH = 10 * 60_000;

async function create(body: Record<string, unknown>): Promise<string> {
	const res = await api.post('/v1/video_generation', body);
	expect(message(res)).toBe('success');
	expect(res.data.task_id).toMatch(/^\d+$/);
	return res.data.task_id as string;
}

const query = async (taskId: string) =>
	(await api.get('/v1/query/video_generation', { params: { task_id: taskId } })).data;

async function download(url: string, name: string): Promise<string> {
	const file = join(dir, name);
	const res = await axios.get(url, { responseType: 'stream' });
	await pipeline(res.data as NodeJS.ReadableStream, createWriteStream(file));
	return file;
}

describe('v1 video generation', () => {
	it('walks Preparing → Queueing → Processing → Success and serves a real MP4 of the right size and length', async () => {
		const taskId = await create({
			model: 'MiniMax-Hailuo-02',
			prompt: 'A red fox in the snow',
			duration: 10,
			resolution: '768P',
		});
		expect(sandbox.log.at(-1)).toMatchObject({ billable: true, jobId: taskId });
		expect((await query(taskId)).status).toBe('Preparing');
		sandbox.advanceTime(2000);
		expect((await query(taskId)).status).toBe('Queueing');
		sandbox.advanceTime(3000);
		expect((await query(taskId)).status).toBe('Processing');
		sandbox.advanceTime(FINISH);
		const done = await query(taskId);
		expect(done).toMatchObject({
			status: 'Success',
			video_width: 1366,
			video_height: 768,
			base_resp: { status_code: 0 },
		});
		expect(done.file_id).toMatch(/^\d+$/);

		const retrieved = (await api.get('/v1/files/retrieve', { params: { file_id: done.file_id } }))
			.data;
		expect(retrieved.file).toMatchObject({ purpose: 'video_generation', filename: 'output.mp4' });
		const info = await probeVideo(await download(retrieved.file.download_url, 'fox.mp4'), {
			decode: true,
		});
		expect(info).toMatchObject({ codec: 'h264', width: 1366, height: 768 });
		expect(info.duration).toBeCloseTo(10, 0);
		expect(info.errors).toEqual([]);
	});

	it('follows the first frame aspect for image-to-video and checks the images', async () => {
		const portrait = dataUrl('image/png', pngImage(360, 640));
		const taskId = await create({
			model: 'MiniMax-Hailuo-2.3',
			first_frame_image: portrait,
			resolution: '1080P',
			duration: 6,
		});
		videoStore(sandbox.state).forceStatus(taskId, 'Success');
		expect(await query(taskId)).toMatchObject({
			status: 'Success',
			video_width: 1080,
			video_height: 1920,
		});

		const bad = async (body: Record<string, unknown>, text: RegExp) => {
			const res = await api.post('/v1/video_generation', { model: 'MiniMax-Hailuo-2.3', ...body });
			expect(code(res)).toBe(2013);
			expect(message(res)).toMatch(text);
		};
		await bad({ first_frame_image: dataUrl('image/gif', gifImage()) }, /data:image/);
		await bad({ first_frame_image: dataUrl('image/png', gifImage()) }, /JPG, JPEG, PNG or WebP/);
		await bad({ first_frame_image: dataUrl('image/png', pngImage(200, 200)) }, /short side/);
		await bad({ first_frame_image: dataUrl('image/png', pngImage(1800, 320)) }, /aspect ratio/);
		await bad({ first_frame_image: 'ftp://example.com/a.png' }, /http\(s\) URL/);
		expect(sandbox.log.filter((entry) => entry.billable)).toHaveLength(1);
	});

	it.each([
		[
			{ model: 'MiniMax-Hailuo-02', prompt: 'x', resolution: '1080P', duration: 10 },
			/duration: MiniMax-Hailuo-02 at 1080P supports 6 s/,
		],
		[
			{ model: 'MiniMax-Hailuo-02', prompt: 'x', resolution: '512P' },
			/resolution: MiniMax-Hailuo-02 does not support 512P for text-to-video/,
		],
		[
			{ model: 'MiniMax-Hailuo-2.3-Fast', prompt: 'x' },
			/model: MiniMax-Hailuo-2.3-Fast does not support text-to-video/,
		],
		[{ model: 'T2V-01', prompt: 'x', resolution: '768P' }, /resolution/],
		[{ model: 'T2V-01', prompt: 'x', fast_pretreatment: true }, /fast_pretreatment/],
		[{ model: 'MiniMax-Hailuo-2.3', prompt: 'x', video_length: 6 }, /video_length: unknown field/],
		[{ model: 'MiniMax-Hailuo-2.3' }, /prompt: is required for text-to-video/],
		[{ model: 'MiniMax-Hailuo-2.3', prompt: 'x', callback_url: 'not a url' }, /callback_url/],
		[
			{
				model: 'S2V-01',
				prompt: 'x',
				subject_reference: [{ type: 'face', image: ['https://example.com/a.png'] }],
			},
			/type: must be one of character/,
		],
	])('rejects %j with 2013 (HTTP 200), without billing', async (body, text) => {
		const res = await api.post('/v1/video_generation', body);
		expect(res.status).toBe(200);
		expect(code(res)).toBe(2013);
		expect(message(res)).toMatch(text);
		expect(sandbox.log.at(-1)?.billable).toBeUndefined();
	});

	it('fails on demand: [[sandbox:fail]] → Fail with 1027, fail(code 0) → Fail with the message in status_msg', async () => {
		const flagged = await create({
			model: 'MiniMax-Hailuo-2.3',
			prompt: `Doomed ${VIDEO_FAIL_MARKER}`,
		});
		sandbox.advanceTime(FINISH);
		expect(await query(flagged)).toMatchObject({
			status: 'Fail',
			file_id: '',
			base_resp: { status_code: 1027 },
		});

		const other = await create({ model: 'MiniMax-Hailuo-2.3', prompt: 'Fine' });
		videoStore(sandbox.state).fail(other, { code: 0, message: 'rendering cluster lost the job' });
		expect(await query(other)).toMatchObject({
			status: 'Fail',
			base_resp: { status_code: 0, status_msg: 'rendering cluster lost the job' },
		});
	});

	it('lists finished videos newest first, with created_at, and only finished ones', async () => {
		const first = await create({ model: 'MiniMax-Hailuo-2.3', prompt: 'One' });
		sandbox.advanceTime(60_000);
		const second = await create({ model: 'MiniMax-Hailuo-2.3', prompt: 'Two' });
		sandbox.advanceTime(60_000);
		const pending = await create({ model: 'MiniMax-Hailuo-2.3', prompt: 'Three' });
		await videoStore(sandbox.state).settled();
		const listed = (await api.get('/v1/files/list', { params: { purpose: 'video_generation' } }))
			.data.files as Array<{ file_id: number; created_at: number }>;
		expect(listed).toHaveLength(2);
		expect(listed.map((f) => String(f.file_id))).toEqual([
			(await query(second)).file_id,
			(await query(first)).file_id,
		]);
		expect(listed[0].created_at).toBeGreaterThan(listed[1].created_at);
		expect((await query(pending)).status).toBe('Preparing');
	});
});

describe('large videos', () => {
	it('serves [[sandbox:size=220MB]] as a valid, streamed MP4 of exactly that size (download and retrieve_content)', async () => {
		const before = process.memoryUsage().rss;
		const taskId = await create({
			model: 'MiniMax-Hailuo-2.3',
			prompt: 'Huge [[sandbox:size=220MB]]',
			duration: 6,
		});
		videoStore(sandbox.state).forceStatus(taskId, 'Success');
		const done = await query(taskId);
		const retrieved = (await api.get('/v1/files/retrieve', { params: { file_id: done.file_id } }))
			.data;
		expect(retrieved.file.bytes).toBe(220 * 1024 * 1024);

		const file = await download(retrieved.file.download_url, 'huge.mp4');
		expect(statSync(file).size).toBe(220 * 1024 * 1024);
		const info = await probeVideo(file);
		expect(info).toMatchObject({ codec: 'h264', width: 1366, height: 768 });
		expect(info.duration).toBeCloseTo(6, 0);
		expect(process.memoryUsage().rss - before).toBeLessThan(100 * 1024 * 1024);

		const range = await axios.get<ArrayBuffer>(retrieved.file.download_url, {
			responseType: 'arraybuffer',
			headers: { Range: 'bytes=0-65535' },
		});
		expect(range.status).toBe(206);
		expect(
			readBoxes(Buffer.from(range.data))
				.map((box) => box.type)
				.slice(0, 2),
		).toEqual(['ftyp', 'moov']);

		const content = await api.get('/v1/files/retrieve_content', {
			params: { file_id: done.file_id },
			responseType: 'stream',
		});
		expect(Number(content.headers['content-length'])).toBe(220 * 1024 * 1024);
		const copy = join(dir, 'huge-content.mp4');
		await pipeline(content.data as NodeJS.ReadableStream, createWriteStream(copy));
		expect(statSync(copy).size).toBe(220 * 1024 * 1024);
		rmSync(file);
		rmSync(copy);
	});
});

describe('callbacks', () => {
	let receiver: Server;
	let receiverUrl: string;
	let mode: 'echo' | 'wrong' | 'slow' = 'echo';
	const received: Array<Record<string, unknown>> = [];

	beforeAll(async () => {
		receiver = createServer((req: IncomingMessage, res: ServerResponse) => {
			let text = '';
			req.on('data', (chunk) => (text += chunk));
			req.on('end', () => {
				const body = JSON.parse(text) as Record<string, unknown>;
				received.push(body);
				const answer = () => {
					res.writeHead(200, { 'content-type': 'application/json' });
					res.end(
						JSON.stringify(
							'challenge' in body
								? { challenge: mode === 'wrong' ? 'nope' : body.challenge }
								: { ok: true },
						),
					);
				};
				if (mode === 'slow' && 'challenge' in body) setTimeout(answer, 400);
				else answer();
			});
		});
		await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
		receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
	});
	afterAll(() => new Promise<void>((resolve) => receiver.close(() => resolve())));
	beforeEach(() => {
		received.length = 0;
		mode = 'echo';
	});

	it('sends the challenge, then processing and success with the file id once the echo validated the URL', async () => {
		const taskId = await create({
			model: 'MiniMax-Hailuo-2.3',
			prompt: 'Called back',
			callback_url: receiverUrl,
		});
		const store = videoStore(sandbox.state);
		await store.settled();
		expect(store.callbacksOf(taskId)).toEqual([
			expect.objectContaining({ kind: 'challenge', ok: true, httpStatus: 200 }),
		]);
		sandbox.advanceTime(FINISH);
		await waitFor(() => store.callbacksOf(taskId).length === 3);
		await store.settled();
		const posts = store.callbacksOf(taskId).slice(1);
		const fileId = (await query(taskId)).file_id;
		expect(posts.map((entry) => entry.body)).toEqual([
			{
				task_id: taskId,
				status: 'processing',
				file_id: '',
				base_resp: { status_code: 0, status_msg: 'success' },
			},
			{
				task_id: taskId,
				status: 'success',
				file_id: fileId,
				base_resp: { status_code: 0, status_msg: 'success' },
			},
		]);
		expect(received.map((body) => body.status ?? 'challenge')).toEqual([
			'challenge',
			'processing',
			'success',
		]);
	});

	it('posts failed with the base_resp of the failure', async () => {
		const taskId = await create({
			model: 'MiniMax-Hailuo-2.3',
			prompt: `No ${VIDEO_FAIL_MARKER}`,
			callback_url: receiverUrl,
		});
		const store = videoStore(sandbox.state);
		await store.settled();
		sandbox.advanceTime(FINISH);
		await waitFor(() => store.callbacksOf(taskId).length === 3);
		expect(store.callbacksOf(taskId)[2].body).toMatchObject({
			status: 'failed',
			base_resp: { status_code: 1027 },
		});
	});

	it.each([
		['wrong', /not echoed/],
		['slow', /no answer within 200 ms/],
	] as const)(
		'does not validate a receiver that answers %s, and then sends nothing else',
		async (behaviour, error) => {
			mode = behaviour;
			const store = videoStore(sandbox.state);
			store.challengeTimeoutMs = 200;
			const taskId = await create({
				model: 'MiniMax-Hailuo-2.3',
				prompt: 'Ignored',
				callback_url: receiverUrl,
			});
			await store.settled();
			sandbox.advanceTime(FINISH);
			await new Promise((resolve) => setTimeout(resolve, 100));
			await store.settled();
			const log = store.callbacksOf(taskId);
			expect(log).toHaveLength(1);
			expect(log[0]).toMatchObject({ kind: 'challenge', ok: false });
			expect(log[0].error).toMatch(error);
		},
	);

	it('records a receiver that cannot be reached', async () => {
		const closed = createServer();
		await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
		const port = (closed.address() as AddressInfo).port;
		await new Promise<void>((resolve) => closed.close(() => resolve()));
		const taskId = await create({
			model: 'MiniMax-Hailuo-2.3',
			prompt: 'Nobody home',
			callback_url: `http://127.0.0.1:${port}/hook`,
		});
		await videoStore(sandbox.state).settled();
		expect(videoStore(sandbox.state).callbacksOf(taskId)[0]).toMatchObject({
			ok: false,
			error: 'ECONNREFUSED',
		});
	});
});

describe('templates', () => {
	it('creates from a template and returns video_url directly, a fresh link on each query', async () => {
		const media = dataUrl('image/png', pngImage(640, 640));
		const res = await api.post('/v1/video_template_generation', {
			template_id: '392747428568649728',
			text_inputs: [{ value: 'Lion' }],
			media_inputs: [{ value: media }, { value: 'https://example.com/pet.jpg' }],
		});
		expect(code(res)).toBe(0);
		const taskId = res.data.task_id as string;
		const ask = async () =>
			(await api.get('/v1/query/video_template_generation', { params: { task_id: taskId } })).data;
		expect((await ask()).status).toBe('Preparing');
		sandbox.advanceTime(FINISH);
		await videoStore(sandbox.state).settled();
		const first = await ask();
		const second = await ask();
		expect(first.status).toBe('Success');
		expect(first.video_url).not.toBe(second.video_url);
		expect(first.file_id).toBeUndefined();
		const info = await probeVideo(await download(first.video_url, 'template.mp4'));
		expect(info).toMatchObject({ width: 720, height: 720 });
		expect(info.duration).toBeCloseTo(6, 0);
	});

	it.each([
		[{ template_id: 'abc', text_inputs: [{ value: 'x' }] }, /template "abc" not found/],
		[{ template_id: '1' }, /at least one text or media input/],
		[{ template_id: '1', text_inputs: ['Lion'] }, /must be an object/],
		[
			{ template_id: '1', media_inputs: [{ value: dataUrl('image/png', pngImage(100, 100)) }] },
			/short side/,
		],
	])('rejects %j', async (body, text) => {
		const res = await api.post('/v1/video_template_generation', body);
		expect(code(res)).toBe(2013);
		expect(message(res)).toMatch(text);
	});
});

describe('v2 (MiniMax-H3)', () => {
	const v2 = (body: Record<string, unknown>) =>
		api.post('/v2/video_generation', { model: 'MiniMax-H3', ...body });
	const text = (value: string) => ({ type: 'text', text: value });

	it('creates a task and reports queued → running → succeeded with task.content.url', async () => {
		const res = await v2({
			content: [text('Ocean waves')],
			resolution: '768P',
			duration: 4,
			ratio: '9:16',
		});
		expect(res.status).toBe(200);
		expect(res.data).toEqual({ task_id: expect.stringMatching(/^\d+$/) });
		const ask = async () =>
			(await api.get(`/v2/query/video_generation/${res.data.task_id}`)).data.task;
		expect((await ask()).status).toBe('queued');
		sandbox.advanceTime(6000);
		expect((await ask()).status).toBe('running');
		sandbox.advanceTime(FINISH);
		await videoStore(sandbox.state).settled();
		const done = await ask();
		expect(done).toMatchObject({
			id: res.data.task_id,
			status: 'succeeded',
			model: 'MiniMax-H3',
			duration: 4,
			resolution: '768P',
			ratio: '9:16',
		});
		const info = await probeVideo(await download(done.content.url, 'h3.mp4'));
		expect(info).toMatchObject({ width: 768, height: 1366 });
		expect(info.duration).toBeCloseTo(4, 0);
	});

	it.each([
		[{ content: [text('x')], ratio: 'adaptive' }, /adaptive is not supported/],
		[{ content: [text('x')], ratio: '16:9', duration: 3 }, /duration: must be in range \[4, 15\]/],
		[
			{ content: [text('x')], ratio: '16:9', resolution: '1080P' },
			/resolution: must be one of 768P, 2K/,
		],
		[
			{
				content: [
					{ type: 'image_url', image_url: { url: 'https://e.com/a.png' }, role: 'first_frame' },
				],
			},
			/non-empty text item/,
		],
		[
			{
				content: [
					text('x'),
					{ type: 'image_url', image_url: { url: 'https://e.com/a.png' }, role: 'first_frame' },
					{ type: 'image_url', image_url: { url: 'https://e.com/b.png' }, role: 'reference_image' },
				],
			},
			/cannot be combined/,
		],
		[
			{
				content: [
					text('x'),
					{ type: 'audio_url', audio_url: { url: 'https://e.com/a.mp3' }, role: 'reference_audio' },
				],
			},
			/reference_audio needs/,
		],
	])('answers HTTP 400 with an error object for %j', async (body, pattern) => {
		const res = await v2(body);
		expect(res.status).toBe(400);
		expect(res.data).toMatchObject({
			type: 'error',
			error: { type: 'bad_request_error', http_code: '400' },
			request_id: expect.any(String),
		});
		expect(res.data.error.message).toMatch(pattern);
		expect(res.data.error.message).toMatch(/\(2013\)$/);
	});

	it('answers 404 for an unknown task and reports failures in task.error', async () => {
		expect((await api.get('/v2/query/video_generation/123')).status).toBe(404);
		const res = await v2({ content: [text(`x ${VIDEO_FAIL_MARKER}`)], ratio: '1:1' });
		sandbox.advanceTime(FINISH);
		const task = (await api.get(`/v2/query/video_generation/${res.data.task_id}`)).data.task;
		expect(task).toMatchObject({ status: 'failed', error: { code: '1027' } });
	});
});

async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!condition()) {
		if (Date.now() > deadline) throw new Error('condition not met in time');
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
}
