import type { IDataObject } from 'n8n-workflow';

import { binaryPath } from '../../../harness';
import type { FixtureItem } from '../../../harness';
import { VIDEO_FAIL_MARKER } from '../../../sandbox/families/video/markers';
import { probeVideo } from '../../../sandbox/families/video/probe';
import { videoStore } from '../../../sandbox/families/video/store';
import { pngImage } from '../../../sandbox/families/video/testImages';
import { apiRequests, downloads, run, runOk, useSandbox } from '../../helpers';

const sandbox = useSandbox({ timeScale: 100 });
const FAST = { pollIntervalSeconds: 0.1, retryDelayMs: 10 };
const video = (parameters: IDataObject) => ({ type: 'n8n-nodes-minimax.miniMaxVideo', parameters });
const description = (error: unknown) =>
	String((error as { description?: string })?.description ?? '');

const imageItems = (binary: Record<string, Buffer>): FixtureItem[] => [
	{
		json: {},
		binary: Object.fromEntries(
			Object.entries(binary).map(([field, data]) => [
				field,
				{ base64: data.toString('base64'), fileName: `${field}.png`, mimeType: 'image/png' },
			]),
		),
	},
];

describe('MiniMax Video › MiniMax-H3 (v2 API)', () => {
	const h3 = (parameters: IDataObject) => video({ resource: 'h3', ...parameters });
	const createBody = () => apiRequests(sandbox(), '/v2/video_generation')[0].body as IDataObject;

	it('text to video: content array, ratio and duration; polls the v2 query and downloads task.content.url', async () => {
		const [item] = await runOk(
			sandbox(),
			h3({
				prompt: 'Waves at sunset',
				ratio: '9:16',
				duration: 4,
				resolution: '768P',
				options: FAST,
			}),
		);
		expect(createBody()).toEqual({
			model: 'MiniMax-H3',
			content: [{ type: 'text', text: 'Waves at sunset' }],
			resolution: '768P',
			duration: 4,
			ratio: '9:16',
		});
		const taskId = item.json.taskId as string;
		expect(
			apiRequests(sandbox()).some((entry) => entry.path === `/v2/query/video_generation/${taskId}`),
		).toBe(true);
		expect(item.json).toMatchObject({
			status: 'succeeded',
			model: 'MiniMax-H3',
			duration: 4,
			resolution: '768P',
			ratio: '9:16',
			fileName: 'waves-at-sunset.mp4',
		});
		expect(item.json.usage).toMatchObject({ output_seconds: 4 });
		const info = await probeVideo(binaryPath(item.binary!.data) as string, { decode: true });
		expect(info).toMatchObject({ width: 768, height: 1366, errors: [] });
		expect(info.duration).toBeCloseTo(4, 0);
	});

	it('image frame from an input binary: adaptive ratio follows the image', async () => {
		const frame = pngImage(720, 720);
		const [item] = await runOk(
			sandbox(),
			h3({
				prompt: 'The cube spins',
				duration: 5,
				resolution: '768P',
				media: {
					values: [
						{ type: 'image', role: 'first_frame', source: 'binary', binaryPropertyName: 'data' },
					],
				},
				options: { ...FAST, aigcWatermark: true },
			}),
			{ items: imageItems({ data: frame }) },
		);
		expect(createBody()).toMatchObject({
			ratio: 'adaptive',
			aigc_watermark: true,
			content: [
				{ type: 'text', text: 'The cube spins' },
				{
					type: 'image_url',
					image_url: { url: `data:image/png;base64,${frame.toString('base64')}` },
					role: 'first_frame',
				},
			],
		});
		expect(await probeVideo(binaryPath(item.binary!.data) as string)).toMatchObject({
			width: 768,
			height: 768,
		});
	});

	it('references: image, video and audio URLs become reference content items', async () => {
		await runOk(
			sandbox(),
			h3({
				prompt: 'Keep the same character',
				waitMode: 'submit',
				media: {
					values: [
						{
							type: 'image',
							role: 'reference_image',
							source: 'url',
							url: 'https://example.com/hero.png',
						},
						{ type: 'video', source: 'url', url: 'https://example.com/motion.mp4' },
						{ type: 'audio', source: 'url', url: 'https://example.com/voice.mp3' },
					],
				},
			}),
		);
		expect(createBody().content).toEqual([
			{ type: 'text', text: 'Keep the same character' },
			{
				type: 'image_url',
				image_url: { url: 'https://example.com/hero.png' },
				role: 'reference_image',
			},
			{
				type: 'video_url',
				video_url: { url: 'https://example.com/motion.mp4' },
				role: 'reference_video',
			},
			{
				type: 'audio_url',
				audio_url: { url: 'https://example.com/voice.mp3' },
				role: 'reference_audio',
			},
		]);
	});

	it('submit only, then Get Task Status and Download', async () => {
		videoStore(sandbox().state).timing.preparingMs = 60 * 60_000; // stays queued however slow the machine
		const [submitted] = await runOk(
			sandbox(),
			h3({ prompt: 'A kite', ratio: '1:1', waitMode: 'submit' }),
		);
		const taskId = submitted.json.taskId as string;
		expect(submitted.json).toMatchObject({
			status: 'Submitted',
			ratio: '1:1',
			duration: 5,
			resolution: '2K',
		});
		const [queued] = await runOk(sandbox(), h3({ operation: 'getTask', taskId }));
		expect(queued.json).toMatchObject({ taskId, status: 'queued', finished: false });
		const early = await run(sandbox(), h3({ operation: 'download', taskId }));
		expect(early.error?.message).toBe(
			`MiniMax: MiniMax-H3 task ${taskId} is not finished yet (status: queued)`,
		);

		videoStore(sandbox().state).forceStatus(taskId, 'Success');
		await videoStore(sandbox().state).settled();
		const [done] = await runOk(sandbox(), h3({ operation: 'getTask', taskId }));
		expect(done.json).toMatchObject({
			status: 'succeeded',
			finished: true,
			succeeded: true,
			ratio: '1:1',
		});
		const [item] = await runOk(
			sandbox(),
			h3({ operation: 'download', taskId, options: { fileName: 'kite.mp4' } }),
		);
		expect(item.json.fileName).toBe('kite.mp4');
		expect(await probeVideo(binaryPath(item.binary!.data) as string)).toMatchObject({
			width: 1440,
			height: 1440,
		});
	});

	it('maps v2 HTTP errors (400 with an error object) without retrying the paid call', async () => {
		// "adaptive" without an image is now refused locally (video-callback-check.test.ts); the service's
		// own answer to it is replayed here.
		sandbox().faults.add({
			path: '/v2/video_generation',
			kind: 'replay',
			status: 400,
			body: {
				type: 'error',
				error: {
					type: 'bad_request_error',
					message:
						'invalid params, ratio: text-to-video requires a concrete ratio; adaptive is not supported (2013)',
					http_code: '400',
				},
				request_id: 'r-1',
			},
		});
		const result = await run(sandbox(), h3({ prompt: 'Just text', ratio: '16:9', options: FAST }));
		expect(result.error?.message).toBe(
			'MiniMax: invalid params, ratio: text-to-video requires a concrete ratio; adaptive is not supported (2013)',
		);
		expect(description(result.error)).toMatch(/HTTP 400, trace ID [0-9a-f]{32}/);
		expect(apiRequests(sandbox(), '/v2/video_generation')).toHaveLength(1);
	});

	it("a failed H3 task → error with MiniMax's reason and the task ID", async () => {
		const result = await run(
			sandbox(),
			h3({ prompt: `Doomed ${VIDEO_FAIL_MARKER}`, ratio: '16:9', duration: 4, options: FAST }),
		);
		const taskId = apiRequests(sandbox(), '/v2/video_generation')[0].jobId as string;
		expect(result.error?.message).toBe(
			`MiniMax: MiniMax-H3 task ${taskId} ended with status "failed": generated video contains sensitive content (1027)`,
		);
		expect(description(result.error)).toContain(`Task ID: ${taskId}`);
		expect(downloads(sandbox())).toHaveLength(0);
	});

	it.each([
		[
			{ duration: 3 },
			'Invalid "Duration (Seconds)" for item 0: it must be at least 4 and at most 15 (got 3)',
		],
		[
			{
				media: {
					values: [
						{ type: 'image', role: 'first_frame', source: 'url', url: 'https://e.com/a.png' },
						{ type: 'image', role: 'reference_image', source: 'url', url: 'https://e.com/b.png' },
					],
				},
			},
			'Invalid "Media" for item 0: frames (first/last) and references (reference images, videos, audio) cannot be used together',
		],
		[
			{ media: { values: [{ type: 'audio', source: 'url', url: 'https://e.com/a.mp3' }] } },
			'Invalid "Media" for item 0: reference audio needs at least one reference image or reference video',
		],
		[
			{ media: { values: [{ type: 'video', source: 'url', url: 'ftp://e.com/a.mp4' }] } },
			'Invalid "Media 1 › URL" for item 0: "ftp://e.com/a.mp4" is not an http(s) URL or mm_file:// ID',
		],
	])('checks H3 inputs before any request (%#)', async (parameters, message) => {
		const result = await run(sandbox(), h3({ prompt: 'x', ...parameters }));
		expect(result.error?.message).toBe(message);
		expect(sandbox().log).toHaveLength(0);
	});
});
