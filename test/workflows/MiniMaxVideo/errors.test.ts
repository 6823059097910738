import type { IDataObject } from 'n8n-workflow';

import { startWorkflow } from '../../harness';
import type { FixtureItem } from '../../harness';
import { VIDEO_FAIL_MARKER } from '../../sandbox/families/video/markers';
import { videoStore } from '../../sandbox/families/video/store';
import { gifImage, pngImage, webpHeader } from '../../sandbox/families/video/testImages';
import { apiRequests, credentialsFor, downloads, run, useSandbox, workflowOf } from '../helpers';

const sandbox = useSandbox({ timeScale: 100 });
const FAST = { pollIntervalSeconds: 0.1, retryDelayMs: 10 };
const video = (parameters: IDataObject, onError?: 'continueRegularOutput') => ({
	type: 'n8n-nodes-minimax.miniMaxVideo',
	parameters,
	onError,
});
const description = (error: unknown) =>
	String((error as { description?: string })?.description ?? '');
const QUERY = '/v1/query/video_generation';

const fileItem = (data: Buffer, fileName: string, mimeType: string): FixtureItem[] => [
	{ json: {}, binary: { data: { base64: data.toString('base64'), fileName, mimeType } } },
];

async function waitUntil(condition: () => boolean, timeoutMs = 5000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!condition()) {
		if (Date.now() > deadline) throw new Error('condition not met in time');
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
}

describe('MiniMax Video › checks before any paid call (zero requests)', () => {
	it.each([
		[
			{ model: 'MiniMax-Hailuo-02', resolution: '1080P', duration: 10 },
			'Invalid "Duration" for item 0: MiniMax-Hailuo-02 at 1080P only supports 6 s. Allowed for MiniMax-Hailuo-02: 512P (I2V) 6/10 s, 768P 6/10 s, 1080P 6 s',
		],
		[
			{ model: 'MiniMax-Hailuo-02', resolution: '512P' },
			'Invalid "Resolution" for item 0: MiniMax-Hailuo-02 supports 512P only for image-to-video. Allowed for MiniMax-Hailuo-02: 512P (I2V) 6/10 s, 768P 6/10 s, 1080P 6 s',
		],
		[
			{ model: 'MiniMax-Hailuo-2.3', resolution: '720P' },
			'Invalid "Resolution" for item 0: MiniMax-Hailuo-2.3 does not support 720P. Allowed for MiniMax-Hailuo-2.3: 768P 6/10 s, 1080P 6 s',
		],
		[
			{ model: 'T2V-01', duration: 10 },
			'Invalid "Duration" for item 0: T2V-01 at 720P only supports 6 s. Allowed for T2V-01: 720P 6 s',
		],
		[
			{ model: 'MiniMax-Hailuo-2.3-Fast' },
			'Invalid "Model" for item 0: MiniMax-Hailuo-2.3-Fast does not support text-to-video. Models for text-to-video: MiniMax-Hailuo-2.3, MiniMax-Hailuo-02, T2V-01-Director, T2V-01',
		],
		[
			{ model: 'T2V-01-Director', options: { fastPretreatment: true } },
			'Invalid "Fast Pretreatment" for item 0: T2V-01-Director does not support it; only MiniMax-Hailuo-2.3, MiniMax-Hailuo-2.3-Fast, MiniMax-Hailuo-02 do',
		],
		[{ model: 'video-01' }, /Invalid "Model" for item 0: "video-01" is not a MiniMax video model/],
		[{ prompt: '' }, 'Invalid "Prompt" for item 0: it is empty; text to video needs a prompt'],
		[
			{ prompt: 'x'.repeat(2001) },
			'Invalid "Prompt" for item 0: it has 2,001 characters, the maximum is 2,000',
		],
	])('text to video, case %# → a clear error', async (parameters, message) => {
		const result = await run(sandbox(), video({ prompt: 'A fox', ...parameters }));
		expect(result.status).toBe('error');
		if (typeof message === 'string') expect(result.error?.message).toBe(message);
		else expect(result.error?.message).toMatch(message);
		expect(sandbox().log).toHaveLength(0);
	});

	it.each([
		[
			fileItem(gifImage(), 'anim.gif', 'image/gif'),
			'the file "anim.gif" is image/gif; MiniMax accepts JPG, PNG or WebP images',
		],
		[
			fileItem(gifImage(), 'renamed.png', 'image/png'),
			'the file "renamed.png" is not a JPG, PNG or WebP image (its content says gif)',
		],
		[
			fileItem(pngImage(280, 400), 'small.png', 'image/png'),
			'the image "small.png" is 280×400 px; its short side must be over 300 px',
		],
		[
			fileItem(pngImage(1600, 320), 'banner.png', 'image/png'),
			'the image "banner.png" is 1600×320 px; its aspect ratio must be between 2:5 and 5:2',
		],
		[
			fileItem(webpHeader(200, 900), 'tall.webp', 'image/webp'),
			'the image "tall.webp" is 200×900 px; its short side must be over 300 px',
		],
		[
			fileItem(
				Buffer.concat([pngImage(640, 360), Buffer.alloc(21 * 1024 * 1024)]),
				'huge.png',
				'image/png',
			),
			'the file "huge.png" is 21.0 MB; images must be smaller than 20 MB',
		],
	])('image to video rejects a bad first frame before any request (%#)', async (items, problem) => {
		const result = await run(sandbox(), video({ mode: 'imageToVideo', prompt: 'Go' }), { items });
		expect(result.error?.message).toBe(`Invalid "First Frame Binary Field" for item 0: ${problem}`);
		expect(sandbox().log).toHaveLength(0);
	});

	it('names the missing binary field and the fields that exist', async () => {
		const result = await run(sandbox(), video({ mode: 'firstLastFrame', prompt: 'Go' }), {
			items: fileItem(pngImage(640, 360), 'a.png', 'image/png'),
		});
		expect(result.error?.message).toBe(
			'Invalid "Last Frame Binary Field" for item 0: there is no binary field "lastFrame"',
		);
		expect(description(result.error)).toBe('Binary fields on this item: data.');
		expect(sandbox().log).toHaveLength(0);
	});

	it('rejects an image URL that is not http(s)', async () => {
		const result = await run(
			sandbox(),
			video({ mode: 'imageToVideo', imageSource: 'url', firstFrameUrl: 'file:///etc/passwd' }),
		);
		expect(result.error?.message).toBe(
			'Invalid "First Frame URL" for item 0: "file:///etc/passwd" is not an http(s) URL',
		);
		expect(sandbox().log).toHaveLength(0);
	});

	it('with continue-on-fail, a bad item becomes an error item and the others still run', async () => {
		const items = [
			{ json: { duration: 10, resolution: '1080P' } },
			{ json: { duration: 6, resolution: '1080P' } },
		];
		const result = await run(
			sandbox(),
			video(
				{
					prompt: 'A fox',
					model: 'MiniMax-Hailuo-2.3',
					duration: '={{ $json.duration }}',
					resolution: '={{ $json.resolution }}',
					options: { ...FAST, output: 'url' },
				},
				'continueRegularOutput',
			),
			{ items },
		);
		const [bad, good] = result.output('MiniMax');
		expect(bad.json.error).toMatch(/MiniMax-Hailuo-2.3 at 1080P only supports 6 s/);
		expect(good.json).toMatchObject({ status: 'Success', resolution: '1080P' });
		expect(apiRequests(sandbox(), '/v1/video_generation')).toHaveLength(1);
	});
});

describe('MiniMax Video › failures while waiting', () => {
	it("a task flagged by MiniMax (Fail with base_resp 1027) → error with MiniMax's message and the task ID", async () => {
		const result = await run(
			sandbox(),
			video({ prompt: `A forbidden scene ${VIDEO_FAIL_MARKER}`, options: FAST }),
		);
		const taskId = apiRequests(sandbox(), '/v1/video_generation')[0].jobId as string;
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe(
			'MiniMax: generated video contains sensitive content (1027)',
		);
		expect(description(result.error)).toContain(`Task ID: ${taskId}`);
		expect(description(result.error)).toMatch(/content moderation/);
		expect(description(result.error)).not.toMatch(/fetch the video/);
		expect(downloads(sandbox())).toHaveLength(0);
	});

	it('status Fail with base_resp 0 → error carrying the status message and the task ID', async () => {
		sandbox().setTimeScale(1);
		const execution = startWorkflow(
			workflowOf(video({ prompt: 'A harbour at dawn', options: FAST })),
			{ credentials: credentialsFor(sandbox()) },
		);
		await waitUntil(() => apiRequests(sandbox(), QUERY).length >= 1);
		const taskId = apiRequests(sandbox(), '/v1/video_generation')[0].jobId as string;
		videoStore(sandbox().state).fail(taskId, {
			code: 0,
			message: 'rendering cluster lost the job',
		});
		const result = await execution.done;
		expect(result.error?.message).toBe(
			`MiniMax: Video task ${taskId} failed: rendering cluster lost the job`,
		);
		expect(description(result.error)).toContain(`Task ID: ${taskId}`);
	});

	it('a base_resp error during polling stops at once (no further polls, no retries)', async () => {
		sandbox().faults.add({
			path: QUERY,
			kind: 'base_resp',
			code: 1004,
			message: 'token not match group',
			times: 1,
		});
		const result = await run(sandbox(), video({ prompt: 'A red balloon', options: FAST }));
		const taskId = apiRequests(sandbox(), '/v1/video_generation')[0].jobId as string;
		expect(result.error?.message).toBe('MiniMax: token not match group (1004)');
		expect(description(result.error)).toContain(
			`Task ID: ${taskId}. Run "Get Task Status" or "Download Video"`,
		);
		expect(apiRequests(sandbox(), QUERY)).toHaveLength(1);
	});

	it('a temporary error while polling is retried and the wait goes on', async () => {
		sandbox().faults.add({ path: QUERY, kind: 'rate_limit', times: 1 });
		const result = await run(
			sandbox(),
			video({ prompt: 'A red balloon', options: { ...FAST, output: 'url' } }),
		);
		expect(result.status).toBe('success');
		expect(
			apiRequests(sandbox(), QUERY).filter((entry) => entry.fault === 'rate_limit'),
		).toHaveLength(1);
	});

	it('times out with the task ID and how to resume; the job is not cancelled', async () => {
		sandbox().setTimeScale(1);
		const result = await run(
			sandbox(),
			video({
				prompt: 'A long journey',
				options: { pollIntervalSeconds: 0.2, waitTimeoutMinutes: 0.01 },
			}),
		);
		const taskId = apiRequests(sandbox(), '/v1/video_generation')[0].jobId as string;
		expect(result.error?.message).toMatch(
			new RegExp(
				`^MiniMax video task ${taskId} did not finish within 600 ms \\(last status: (Preparing|Queueing)\\)$`,
			),
		);
		expect(description(result.error)).toContain(
			`run "Get Task Status" or "Download Video" with task ID ${taskId}`,
		);
		expect(videoStore(sandbox().state).get(taskId)).toBeDefined();
	});

	it('stops polling within one interval when the execution is cancelled', async () => {
		sandbox().setTimeScale(1);
		const execution = startWorkflow(
			workflowOf(video({ prompt: 'A slow sunrise', options: { pollIntervalSeconds: 0.3 } })),
			{
				credentials: credentialsFor(sandbox()),
			},
		);
		await waitUntil(() => apiRequests(sandbox(), QUERY).length >= 2);
		execution.cancel();
		const cancelledAt = Date.now();
		const result = await execution.done;
		expect(result.status).toBe('canceled');
		await new Promise((resolve) => setTimeout(resolve, 700));
		expect(
			apiRequests(sandbox(), QUERY).filter((entry) => entry.time > cancelledAt + 300),
		).toHaveLength(0);
	});

	it('a 5xx on create is not retried (it may have created a billed job)', async () => {
		sandbox().faults.add({
			path: '/v1/video_generation',
			kind: 'http_status',
			status: 502,
			times: 1,
		});
		const result = await run(sandbox(), video({ prompt: 'A fox', options: FAST }));
		expect(result.error?.message).toMatch(/^MiniMax: /);
		expect(apiRequests(sandbox(), '/v1/video_generation')).toHaveLength(1);
	});
});
