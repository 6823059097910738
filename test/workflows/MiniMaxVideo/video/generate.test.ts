import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { binaryPath } from '../../../harness';
import type { FixtureItem } from '../../../harness';
import { probeVideo } from '../../../sandbox/families/video/probe';
import { pngImage } from '../../../sandbox/families/video/testImages';
import { apiRequests, downloads, runOk, useSandbox } from '../../helpers';

const sandbox = useSandbox({ timeScale: 100 });
const FAST = { pollIntervalSeconds: 0.1, retryDelayMs: 10 };
const video = (parameters: IDataObject) => ({ type: 'n8n-nodes-minimax.miniMaxVideo', parameters });

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

async function probeItem(item: INodeExecutionData, field = 'data') {
	const path = binaryPath(item.binary![field]);
	expect(path).toBeDefined();
	return await probeVideo(path as string, { decode: true });
}

const createBody = () => apiRequests(sandbox(), '/v1/video_generation')[0].body as IDataObject;
const dataUrlOf = (image: Buffer) => `data:image/png;base64,${image.toString('base64')}`;

describe('MiniMax Video › Generate Video (waits, then streams the MP4)', () => {
	it('text to video: creates, polls, fetches a fresh link and returns a decodable MP4 of the requested size and length', async () => {
		const [item] = await runOk(
			sandbox(),
			video({
				prompt: 'A paper boat drifts down a rainy street. [Tracking shot]',
				model: 'MiniMax-Hailuo-02',
				duration: 10,
				resolution: '768P',
				options: FAST,
			}),
		);
		expect(createBody()).toEqual({
			model: 'MiniMax-Hailuo-02',
			prompt: 'A paper boat drifts down a rainy street. [Tracking shot]',
			duration: 10,
			resolution: '768P',
			prompt_optimizer: true,
		});
		expect(apiRequests(sandbox(), '/v1/query/video_generation').length).toBeGreaterThanOrEqual(2);
		expect(apiRequests(sandbox(), '/v1/files/retrieve')).toHaveLength(1);
		expect(downloads(sandbox()).every((entry) => entry.headers.authorization === undefined)).toBe(
			true,
		);

		expect(item.json).toMatchObject({
			status: 'Success',
			model: 'MiniMax-Hailuo-02',
			mode: 'textToVideo',
			duration: 10,
			resolution: '768P',
			width: 1366,
			height: 768,
			fileName: 'a-paper-boat-drifts-down-a-rainy-street.mp4',
			mimeType: 'video/mp4',
			downloadUrlValidHours: 9,
		});
		expect(item.json.taskId).toMatch(/^\d+$/);
		expect(item.json.fileId).toMatch(/^\d+$/);
		expect(item.json.traceId).toEqual(expect.any(String));
		expect(item.json.downloadUrl).toMatch(/\/dl\//);
		expect(Date.parse(item.json.downloadUrlExpiresAt as string) - Date.now()).toBeGreaterThan(
			8.9 * 3600_000,
		);
		expect(item.binary!.data).toMatchObject({
			mimeType: 'video/mp4',
			fileExtension: 'mp4',
			fileName: 'a-paper-boat-drifts-down-a-rainy-street.mp4',
		});
		expect(item.binary!.data.id).toMatch(/^filesystem/);

		const info = await probeItem(item);
		expect(info).toMatchObject({ codec: 'h264', width: 1366, height: 768, errors: [] });
		expect(info.duration).toBeCloseTo(10, 0);
		expect(item.json.fileSizeBytes).toBe(info.size);
	});

	it('image to video from an input binary: sends a data URL, and the video takes the image aspect', async () => {
		const frame = pngImage(400, 720);
		const [item] = await runOk(
			sandbox(),
			video({
				mode: 'imageToVideo',
				model: 'MiniMax-Hailuo-2.3',
				prompt: 'She turns around',
				resolution: '1080P',
				binaryPropertyNameFirstFrame: 'photo',
				options: { ...FAST, fastPretreatment: true, promptOptimizer: false, aigcWatermark: true },
			}),
			{ items: imageItems({ photo: frame }) },
		);
		expect(createBody()).toEqual({
			model: 'MiniMax-Hailuo-2.3',
			prompt: 'She turns around',
			duration: 6,
			resolution: '1080P',
			prompt_optimizer: false,
			fast_pretreatment: true,
			aigc_watermark: true,
			first_frame_image: dataUrlOf(frame),
		});
		expect(item.json).toMatchObject({ mode: 'imageToVideo', width: 1080, height: 1944 });
		expect(await probeItem(item)).toMatchObject({ width: 1080, height: 1944 });
	});

	it('image to video from a URL: passes the URL through unchanged', async () => {
		const [item] = await runOk(
			sandbox(),
			video({
				mode: 'imageToVideo',
				model: 'I2V-01-live',
				imageSource: 'url',
				firstFrameUrl: 'https://example.com/frames/cat.jpg',
				options: FAST,
			}),
		);
		expect(createBody()).toEqual({
			model: 'I2V-01-live',
			duration: 6,
			prompt_optimizer: true,
			first_frame_image: 'https://example.com/frames/cat.jpg',
		});
		expect(item.json).toMatchObject({
			resolution: '720P',
			width: 1280,
			height: 720,
			fileName: `video-${item.json.taskId}.mp4`,
		});
		expect((await probeItem(item)).duration).toBeCloseTo(6, 0);
	});

	it('first and last frame: sends both frames (Hailuo-02)', async () => {
		const first = pngImage(640, 360, [200, 40, 40]);
		const last = pngImage(640, 360, [40, 200, 40]);
		const [item] = await runOk(
			sandbox(),
			video({
				mode: 'firstLastFrame',
				prompt: 'The sky turns from red to green',
				resolution: '1080P',
				options: FAST,
			}),
			{ items: imageItems({ data: first, lastFrame: last }) },
		);
		expect(createBody()).toMatchObject({
			model: 'MiniMax-Hailuo-02',
			resolution: '1080P',
			first_frame_image: dataUrlOf(first),
			last_frame_image: dataUrlOf(last),
		});
		expect(await probeItem(item)).toMatchObject({ width: 1920, height: 1080 });
	});

	it('subject reference: sends one character subject (S2V-01)', async () => {
		const face = pngImage(512, 512);
		const [item] = await runOk(
			sandbox(),
			video({ mode: 'subjectReference', prompt: 'The detective walks in the rain', options: FAST }),
			{
				items: imageItems({ data: face }),
			},
		);
		expect(createBody()).toEqual({
			model: 'S2V-01',
			prompt: 'The detective walks in the rain',
			duration: 6,
			prompt_optimizer: true,
			subject_reference: [{ type: 'character', image: [dataUrlOf(face)] }],
		});
		expect(await probeItem(item)).toMatchObject({ width: 720, height: 720 });
	});

	it('returns the download URL only when asked, without downloading', async () => {
		const [item] = await runOk(
			sandbox(),
			video({ prompt: 'A quiet lake', options: { ...FAST, output: 'url', fileName: 'lake' } }),
		);
		expect(item.binary).toBeUndefined();
		expect(downloads(sandbox())).toHaveLength(0);
		expect(item.json).toMatchObject({ fileName: 'lake.mp4', downloadUrlValidHours: 9 });
		expect(item.json.downloadUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/dl\//);
	});

	it('handles several items with concurrency, keeping the input order', async () => {
		const items = ['One fox', 'Two foxes', 'Three foxes'].map((prompt) => ({ json: { prompt } }));
		const out = await runOk(
			sandbox(),
			video({ prompt: '={{ $json.prompt }}', options: { ...FAST, concurrency: 3, output: 'url' } }),
			{ items },
		);
		expect(out.map((item) => item.json.fileName)).toEqual([
			'one-fox.mp4',
			'two-foxes.mp4',
			'three-foxes.mp4',
		]);
		expect(out.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});
});
