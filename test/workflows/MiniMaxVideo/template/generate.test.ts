import type { IDataObject } from 'n8n-workflow';

import { binaryPath } from '../../../harness';
import type { FixtureItem } from '../../../harness';
import { VIDEO_FAIL_MARKER } from '../../../sandbox/families/video/markers';
import { probeVideo } from '../../../sandbox/families/video/probe';
import { videoStore } from '../../../sandbox/families/video/store';
import { pngImage } from '../../../sandbox/families/video/testImages';
import { apiRequests, run, runOk, useSandbox } from '../../helpers';

const sandbox = useSandbox({ timeScale: 100 });
const FAST = { pollIntervalSeconds: 0.1, retryDelayMs: 10 };
const video = (parameters: IDataObject) => ({ type: 'n8n-nodes-minimax.miniMaxVideo', parameters });
const description = (error: unknown) =>
	String((error as { description?: string })?.description ?? '');
const HOURS = 3600_000;

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

describe('MiniMax Video › Video Template', () => {
	const template = (parameters: IDataObject) =>
		video({ resource: 'template', templateId: '392747428568649728', ...parameters });

	it('fills a template with text and an input image, waits, and returns the MP4 from video_url', async () => {
		const pet = pngImage(640, 640);
		const [item] = await runOk(
			sandbox(),
			template({
				textInputs: { values: [{ value: 'Lion' }] },
				mediaInputs: {
					values: [
						{ source: 'binary', binaryPropertyName: 'pet' },
						{ source: 'url', url: 'https://example.com/bg.jpg' },
					],
				},
				options: FAST,
			}),
			{ items: imageItems({ pet }) },
		);
		expect(apiRequests(sandbox(), '/v1/video_template_generation')[0].body).toEqual({
			template_id: '392747428568649728',
			text_inputs: [{ value: 'Lion' }],
			media_inputs: [
				{ value: `data:image/png;base64,${pet.toString('base64')}` },
				{ value: 'https://example.com/bg.jpg' },
			],
		});
		expect(apiRequests(sandbox(), '/v1/files/retrieve')).toHaveLength(0);
		expect(item.json).toMatchObject({
			status: 'Success',
			templateId: '392747428568649728',
			fileName: 'lion.mp4',
			downloadUrlValidHours: 9,
		});
		const info = await probeVideo(binaryPath(item.binary!.data) as string);
		expect(info).toMatchObject({ width: 720, height: 720 });
		expect(info.duration).toBeCloseTo(6, 0);
	});

	it('submits, reports status, and downloads later with a fresh link even after the first one expired', async () => {
		const [submitted] = await runOk(
			sandbox(),
			template({ textInputs: { values: [{ value: 'Tiger' }] }, waitMode: 'submit' }),
		);
		const taskId = submitted.json.taskId as string;
		expect(submitted.json.next).toMatch(/Get Template Task Status/);
		videoStore(sandbox().state).forceStatus(taskId, 'Success');
		await videoStore(sandbox().state).settled();
		const [status] = await runOk(sandbox(), template({ operation: 'getTask', taskId }));
		expect(status.json).toMatchObject({
			taskId,
			status: 'Success',
			finished: true,
			succeeded: true,
		});
		sandbox().advanceTime(10 * HOURS);
		expect((await fetch(status.json.downloadUrl as string)).status).toBe(403);

		const [item] = await runOk(sandbox(), template({ operation: 'download', taskId }));
		expect(item.json).toMatchObject({ taskId, fileName: `template-video-${taskId}.mp4` });
		expect(item.binary!.data.mimeType).toBe('video/mp4');
	});

	it('turns a failed template task into an error with the task ID', async () => {
		const result = await run(
			sandbox(),
			template({ textInputs: { values: [{ value: `Nope ${VIDEO_FAIL_MARKER}` }] }, options: FAST }),
		);
		const taskId = apiRequests(sandbox(), '/v1/video_template_generation')[0].jobId as string;
		expect(result.error?.message).toBe(
			'MiniMax: generated video contains sensitive content (1027)',
		);
		expect(description(result.error)).toContain(`Task ID: ${taskId}`);
	});

	it('needs at least one input and checks template images before any request', async () => {
		const empty = await run(sandbox(), template({}));
		expect(empty.error?.message).toBe(
			'Invalid "Text Inputs" for item 0: add the text or media inputs the template asks for',
		);
		const small = await run(
			sandbox(),
			template({ mediaInputs: { values: [{ source: 'binary', binaryPropertyName: 'pet' }] } }),
			{
				items: imageItems({ pet: pngImage(200, 200) }),
			},
		);
		expect(small.error?.message).toMatch(
			/^Invalid "Media Inputs › Binary Field 1" for item 0: the image "pet.png" is 200×200 px/,
		);
		expect(sandbox().log).toHaveLength(0);
	});
});
