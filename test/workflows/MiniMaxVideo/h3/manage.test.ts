import type { IDataObject } from 'n8n-workflow';

import { binaryPath } from '../../../harness';
import { probeVideo } from '../../../sandbox/families/video/probe';
import { videoStore } from '../../../sandbox/families/video/store';
import { apiRequests, run, runOk, useSandbox } from '../../helpers';

const sandbox = useSandbox({ timeScale: 100 });
const FAST = { pollIntervalSeconds: 0.1, retryDelayMs: 10 };
const h3 = (parameters: IDataObject) => ({
	type: 'n8n-nodes-minimax.miniMaxVideo',
	parameters: { resource: 'h3', ...parameters },
});
const description = (error: unknown) =>
	String((error as { description?: string })?.description ?? '');
const store = () => videoStore(sandbox().state);

/** Submits `count` text-to-video H3 tasks (768P, 4 s) and returns their IDs, oldest first. */
async function submit(count: number, parameters: IDataObject = {}): Promise<string[]> {
	const ids: string[] = [];
	for (let i = 0; i < count; i++) {
		const [item] = await runOk(
			sandbox(),
			h3({
				prompt: `Task ${i}`,
				ratio: '16:9',
				resolution: '768P',
				duration: 4,
				waitMode: 'submit',
				...parameters,
			}),
		);
		ids.push(item.json.taskId as string);
	}
	return ids;
}

describe('MiniMax Video › MiniMax-H3-Max', () => {
	it('text to video with MiniMax-H3-Max: 480P, 5 s, no watermark field', async () => {
		const [item] = await runOk(
			sandbox(),
			h3({
				model: 'MiniMax-H3-Max',
				prompt: 'A fox runs',
				resolution: '480P',
				duration: 5,
				options: FAST,
			}),
		);
		expect(apiRequests(sandbox(), '/v2/video_generation')[0].body).toEqual({
			model: 'MiniMax-H3-Max',
			content: [{ type: 'text', text: 'A fox runs' }],
			resolution: '480P',
			duration: 5,
			ratio: '16:9',
		});
		expect(item.json).toMatchObject({ model: 'MiniMax-H3-Max', resolution: '480P', duration: 5 });
		expect(await probeVideo(binaryPath(item.binary!.data) as string)).toMatchObject({
			width: 854,
			height: 480,
		});
	});

	it('MiniMax-H3-Max defaults to 768P', async () => {
		await runOk(sandbox(), h3({ model: 'MiniMax-H3-Max', prompt: 'x', waitMode: 'submit' }));
		expect(apiRequests(sandbox(), '/v2/video_generation')[0].body).toMatchObject({
			resolution: '768P',
			duration: 5,
		});
	});

	it.each([
		[
			{ model: 'MiniMax-H3-Max', duration: 4 },
			'Invalid "Duration (Seconds)" for item 0: MiniMax-H3-Max makes videos of 5 to 15 whole seconds, not 4',
		],
		[
			{ model: 'MiniMax-H3-Max', resolution: '2K' },
			'Invalid "Resolution" for item 0: MiniMax-H3-Max does not offer 2K; it takes 480P or 768P',
		],
		[
			{ model: 'MiniMax-H3', resolution: '480P' },
			'Invalid "Resolution" for item 0: MiniMax-H3 does not offer 480P; it takes 768P or 2K',
		],
		[
			{
				model: 'MiniMax-H3-Max',
				media: {
					values: [
						{ type: 'image', role: 'reference_image', source: 'url', url: 'https://e.com/a.png' },
					],
				},
			},
			'Invalid "Media" for item 0: MiniMax-H3-Max takes text, or a first and/or last frame only: no reference images, videos or audio. Use MiniMax-H3 for references.',
		],
		[
			{ model: 'MiniMax-H3-Max', ratio: 'adaptive' },
			'Invalid "Aspect Ratio" for item 0: "Adaptive" takes the ratio from an input image, and this task has none',
		],
		[
			{ duration: 4.5 },
			'Invalid "Duration (Seconds)" for item 0: it must be a whole number (got 4.5)',
		],
		[
			{ media: { values: [{ type: 'video', source: 'file', fileId: 'abc' }] } },
			'Invalid "Media 1 › File ID" for item 0: "abc" is not a Files API file ID (digits, or mm_file://<file_id>); upload the file with the MiniMax Files node first',
		],
	])('refuses bad H3 inputs before any request (%#)', async (parameters, message) => {
		const result = await run(sandbox(), h3({ prompt: 'x', ...parameters }));
		expect(result.error?.message).toBe(message);
		expect(sandbox().log).toHaveLength(0);
	});

	it('MiniMax-H3-Max has no watermark option: the option is hidden and never sent', async () => {
		await runOk(
			sandbox(),
			h3({
				model: 'MiniMax-H3-Max',
				prompt: 'x',
				waitMode: 'submit',
				options: { aigcWatermark: true },
			}),
		);
		expect(apiRequests(sandbox(), '/v2/video_generation')[0].body).not.toHaveProperty(
			'aigc_watermark',
		);
	});

	it('the service refuses what the node would refuse (sandbox parity)', async () => {
		const { default: axios } = await import('axios');
		const answer = await axios.post(
			`${sandbox().url}/v2/video_generation`,
			{
				model: 'MiniMax-H3-Max',
				content: [{ type: 'text', text: 'x' }],
				resolution: '2K',
				duration: 5,
				ratio: '16:9',
			},
			{ headers: { authorization: 'Bearer sk-sandbox-global-0001' }, validateStatus: () => true },
		);
		expect(answer.status).toBe(400);
		expect(JSON.stringify(answer.data)).toContain('must be one of 480P, 768P');
	});
});

describe('MiniMax Video › media from the Files API (mm_file://)', () => {
	it('an uploaded file ID becomes mm_file://<id> for frames and references; the service knows the file', async () => {
		const image = sandbox().state.addFile({
			purpose: 'video_generation',
			filename: 'hero.png',
			data: Buffer.from('not read'),
		});
		const clip = sandbox().state.addFile({
			purpose: 'video_generation',
			filename: 'motion.mp4',
			data: Buffer.from('clip'),
		});
		await runOk(
			sandbox(),
			h3({
				prompt: 'Keep the hero',
				waitMode: 'submit',
				media: {
					values: [
						{
							type: 'image',
							role: 'reference_image',
							source: 'file',
							fileId: String(image.file_id),
						},
						{ type: 'video', source: 'url', url: `mm_file://${clip.file_id}` },
					],
				},
			}),
		);
		expect(apiRequests(sandbox(), '/v2/video_generation')[0].body).toMatchObject({
			content: [
				{ type: 'text', text: 'Keep the hero' },
				{
					type: 'image_url',
					image_url: { url: `mm_file://${image.file_id}` },
					role: 'reference_image',
				},
				{
					type: 'video_url',
					video_url: { url: `mm_file://${clip.file_id}` },
					role: 'reference_video',
				},
			],
		});
	});

	it("an unknown file is the service's 2013, shown with its message", async () => {
		const result = await run(
			sandbox(),
			h3({
				prompt: 'x',
				waitMode: 'submit',
				media: { values: [{ type: 'video', source: 'file', fileId: '999' }] },
			}),
		);
		expect(result.error?.message).toBe(
			'MiniMax: invalid params, content[1].video_url.url: file 999 not found (2013)',
		);
	});
});

describe('MiniMax Video › List MiniMax-H3 Tasks', () => {
	it('pages through the list (Return All), newest first, status filter applied locally', async () => {
		store().timing.preparingMs = 60 * 60_000; // all stay queued
		const ids = await submit(3);
		store().forceStatus(ids[1], 'Success');
		await store().settled();
		const all = await runOk(sandbox(), h3({ operation: 'listTasks', returnAll: true }));
		expect(all.map((item) => item.json.taskId)).toEqual([...ids].reverse());
		expect(all[1].json).toMatchObject({
			status: 'succeeded',
			taskType: 'generation',
			model: 'MiniMax-H3',
			resolution: '768P',
		});
		expect(all[1].json.downloadUrl).toMatch(/^http/);
		expect(all[0].json.createdAt).toMatch(/^\d{4}-\d\d-\d\dT/);
		const lists = apiRequests(sandbox(), '/v2/query/video_generation');
		expect(lists[0].query).toEqual({ page_num: '1', page_size: '100' });

		const queued = await runOk(
			sandbox(),
			h3({ operation: 'listTasks', returnAll: true, statusFilter: ['queued'] }),
		);
		expect(queued.map((item) => item.json.taskId)).toEqual([ids[2], ids[0]]);
		const limited = await runOk(sandbox(), h3({ operation: 'listTasks', limit: 1 }));
		expect(limited.map((item) => item.json.taskId)).toEqual([ids[2]]);
	});

	it('Return All follows more than one page', async () => {
		store().timing.preparingMs = 60 * 60_000;
		const created = Array.from({ length: 105 }, (_, i) =>
			store().create({
				kind: 'v2',
				region: 'global',
				model: 'MiniMax-H3',
				prompt: `p${i}`,
				seconds: 4,
				resolution: '768P',
				width: 1366,
				height: 768,
				ratio: '16:9',
				request: {},
				taskType: 'generation',
				failure: { code: 1000, message: 'not rendered' },
			}),
		);
		const all = await runOk(sandbox(), h3({ operation: 'listTasks', returnAll: true }));
		expect(all).toHaveLength(created.length);
		expect(
			apiRequests(sandbox(), '/v2/query/video_generation').map((entry) => entry.query.page_num),
		).toEqual(['1', '2']);
	});

	it('a bad limit is refused before any request', async () => {
		const result = await run(sandbox(), h3({ operation: 'listTasks', limit: 0 }));
		expect(result.error?.message).toMatch(/^Invalid "Limit" for item 0/);
		expect(sandbox().log).toHaveLength(0);
	});
});

describe('MiniMax Video › Cancel Or Delete MiniMax-H3 Task', () => {
	it('a queued task is cancelled (not billed); a finished one has its record deleted', async () => {
		store().timing.preparingMs = 60 * 60_000;
		const [queuedId, doneId] = await submit(2);
		const [cancelled] = await runOk(sandbox(), h3({ operation: 'deleteTask', taskId: queuedId }));
		expect(cancelled.json).toMatchObject({
			taskId: queuedId,
			previousStatus: 'queued',
			action: 'cancelled',
			billed: false,
		});
		expect(store().get(queuedId).unbilled).toBe(true);
		const [status] = await runOk(sandbox(), h3({ operation: 'getTask', taskId: queuedId }));
		expect(status.json).toMatchObject({ status: 'cancelled', finished: true });

		store().forceStatus(doneId, 'Success');
		await store().settled();
		const [deleted] = await runOk(sandbox(), h3({ operation: 'deleteTask', taskId: doneId }));
		expect(deleted.json).toMatchObject({
			taskId: doneId,
			previousStatus: 'succeeded',
			action: 'deleted',
		});
		const gone = await run(sandbox(), h3({ operation: 'getTask', taskId: doneId }));
		expect(gone.error?.message).toBe(`MiniMax: task ${doneId} not found (2013)`);
		expect(apiRequests(sandbox()).filter((entry) => entry.method === 'DELETE')).toHaveLength(2);
	});

	it.each([
		['Processing', 'is running', /A running task can be neither cancelled nor deleted/],
		['Cancelled', 'is cancelled', /already cancelled/],
	] as const)('a %s task: the service error with a hint', async (phase, says, hint) => {
		store().timing.preparingMs = 60 * 60_000;
		const [taskId] = await submit(1);
		store().forceStatus(taskId, phase);
		const result = await run(sandbox(), h3({ operation: 'deleteTask', taskId }));
		expect(result.error?.message).toBe(
			`MiniMax: invalid params, task_id: task ${taskId} ${says} and cannot be cancelled or deleted (2013)`,
		);
		expect(description(result.error)).toMatch(hint);
		expect(description(result.error)).toContain(`Task ID: ${taskId}`);
	});

	it('a bad task ID is refused before any request', async () => {
		const result = await run(sandbox(), h3({ operation: 'deleteTask', taskId: 'abc' }));
		expect(result.error?.message).toBe(
			'Invalid "Task ID" for item 0: "abc" is not a MiniMax ID (digits only)',
		);
		expect(sandbox().log).toHaveLength(0);
	});
});

describe('MiniMax Video › Regenerate MiniMax-H3 Video At 2K', () => {
	it('from a source task ID: waits and streams the 2K MP4', async () => {
		const [source] = await runOk(
			sandbox(),
			h3({
				prompt: 'Harbour at dawn',
				resolution: '768P',
				ratio: '16:9',
				duration: 4,
				options: FAST,
			}),
		);
		const sourceTaskId = source.json.taskId as string;
		const [item] = await runOk(
			sandbox(),
			h3({ operation: 'regenerate', sourceTaskId, options: FAST }),
		);
		expect(apiRequests(sandbox(), '/v2/video_regeneration')[0].body).toEqual({
			model: 'MiniMax-H3',
			source_task_id: sourceTaskId,
		});
		expect(item.json).toMatchObject({
			sourceTaskId,
			taskType: 'regeneration',
			resolution: '2K',
			status: 'succeeded',
			duration: 4,
			mimeType: 'video/mp4',
		});
		const info = await probeVideo(binaryPath(item.binary!.data) as string);
		expect(info).toMatchObject({ width: 2560, height: 1440 });
		const [listed] = await runOk(sandbox(), h3({ operation: 'listTasks', limit: 1 }));
		expect(listed.json).toMatchObject({ taskId: item.json.taskId, taskType: 'regeneration' });
	});

	it('from the video (uploaded file) with its prompt, submit only and callback modes', async () => {
		const file = sandbox().state.addFile({
			purpose: 'video_generation',
			filename: 'h3-768p.mp4',
			data: Buffer.from('mp4'),
		});
		const [submitted] = await runOk(
			sandbox(),
			h3({
				operation: 'regenerate',
				regenerateFrom: 'video',
				videoSource: 'file',
				videoFileId: String(file.file_id),
				prompt: 'Harbour at dawn',
				waitMode: 'submit',
			}),
		);
		expect(submitted.json).toMatchObject({ status: 'Submitted', taskType: 'regeneration' });
		expect(apiRequests(sandbox(), '/v2/video_regeneration')[0].body).toEqual({
			model: 'MiniMax-H3',
			content: [
				{ type: 'text', text: 'Harbour at dawn' },
				{ type: 'video_url', video_url: { url: `mm_file://${file.file_id}` }, role: 'base_video' },
			],
		});
		await runOk(
			sandbox(),
			h3({
				operation: 'regenerate',
				regenerateFrom: 'video',
				videoSource: 'url',
				videoUrl: 'https://example.com/h3.mp4',
				prompt: 'Harbour at dawn',
				waitMode: 'callback',
				callbackUrl: 'https://example.com/hook',
			}),
		);
		expect(apiRequests(sandbox(), '/v2/video_regeneration')[1].body).toMatchObject({
			callback_url: 'https://example.com/hook',
		});
	});

	it('a 2K or Max source, or an account without access: the 2013 with a hint, not retried', async () => {
		const [source] = await runOk(
			sandbox(),
			h3({ prompt: 'x', ratio: '16:9', duration: 4, waitMode: 'submit' }),
		);
		const sourceTaskId = source.json.taskId as string;
		store().forceStatus(sourceTaskId, 'Success');
		await store().settled();
		const wrong = await run(sandbox(), h3({ operation: 'regenerate', sourceTaskId }));
		expect(wrong.error?.message).toMatch(/is not a MiniMax-H3 768P generation \(MiniMax-H3, 2K/);
		expect(description(wrong.error)).toMatch(/unmodified MiniMax-H3 768P video/);

		store().regenerationAccess = false;
		const denied = await run(sandbox(), h3({ operation: 'regenerate', sourceTaskId }));
		expect(denied.error?.message).toBe(
			'MiniMax: invalid params, model: no permission: video regeneration is not enabled for this account (2013)',
		);
		expect(description(denied.error)).toMatch(/ask MiniMax support to enable it/);
		expect(apiRequests(sandbox(), '/v2/video_regeneration')).toHaveLength(2);
	});

	it.each([
		[{ sourceTaskId: '' }, /Parameter "Source Task ID" is required/],
		[
			{ regenerateFrom: 'video', videoSource: 'url', videoUrl: 'https://e.com/a.mp4' },
			/Parameter "Prompt" is required/,
		],
		[
			{ regenerateFrom: 'video', prompt: 'x', videoSource: 'url', videoUrl: 'ftp://a' },
			/^Invalid "Video URL" for item 0/,
		],
		[
			{ regenerateFrom: 'video', prompt: 'x', videoSource: 'file', videoFileId: 'x1' },
			/^Invalid "File ID" for item 0/,
		],
		[
			{ sourceTaskId: '1', waitMode: 'callback', callbackUrl: 'nope' },
			/^Invalid "Callback URL" for item 0/,
		],
	])('refuses bad regeneration inputs before any request (%#)', async (parameters, message) => {
		const result = await run(sandbox(), h3({ operation: 'regenerate', ...parameters }));
		expect(result.error?.message).toMatch(message);
		expect(sandbox().log).toHaveLength(0);
	});
});
