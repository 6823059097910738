import { readBinary, startWorkflow } from '../../harness';
import { probe } from '../../support/ffprobe';
import { FAIL_MARKER, EXPIRE_MARKER } from '../../sandbox';
import {
	apiRequests,
	credentialsFor,
	downloads,
	run,
	runOk,
	tts,
	useSandbox,
	workflowOf,
} from '../helpers';

const sandbox = useSandbox({ timeScale: 50 });

const CHAPTER = Array.from(
	{ length: 40 },
	(_, i) => `Sentence number ${i + 1} of the chapter.`,
).join(' ');
const FAST_POLL = { pollIntervalSeconds: 0.1, retryDelayMs: 10 };

describe('Text to Speech › Generate Long Speech', () => {
	it('creates the task, waits, downloads the archive and returns audio plus subtitles', async () => {
		// The task takes 2.5 s of real time, so the node polls more than once however slow the machine is.
		sandbox().setTimeScale(2);
		const [item] = await runOk(
			sandbox(),
			tts({
				operation: 'generateLong',
				text: CHAPTER,
				options: { ...FAST_POLL, sampleRate: 24000, channels: 2, emotion: 'calm' },
			}),
		);
		const [create] = apiRequests(sandbox(), '/v1/t2a_async_v2');
		expect(create.body).toEqual({
			model: 'speech-2.8-hd',
			text: CHAPTER,
			voice_setting: {
				voice_id: 'English_expressive_narrator',
				speed: 1,
				vol: 1,
				pitch: 0,
				emotion: 'calm',
			},
			audio_setting: { audio_sample_rate: 24000, bitrate: 128000, format: 'mp3', channel: 2 },
		});
		expect(apiRequests(sandbox(), '/v1/query/t2a_async_query_v2').length).toBeGreaterThanOrEqual(2);
		expect(item.json).toMatchObject({ mode: 'async', status: 'Success', format: 'mp3' });
		expect(item.json.taskId).toMatch(/^\d+$/);

		const audio = await readBinary(item.binary!.data);
		const info = await probe(audio, { decode: true });
		expect(info.streams[0]).toMatchObject({ codec_name: 'mp3', sample_rate: 24000, channels: 2 });
		expect(info.errors).toEqual([]);
		expect(info.duration).toBeGreaterThan(10);

		const srt = (await readBinary(item.binary!.subtitles)).toString('utf8');
		expect(srt.split('\n\n').filter(Boolean)).toHaveLength(40);
		expect(item.json.subtitleCount).toBe(40);
		expect(downloads(sandbox()).every((entry) => entry.headers.authorization === undefined)).toBe(
			true,
		);
	});

	it('uploads a text file from an input binary and sends its file_id as a number', async () => {
		const [item] = await runOk(
			sandbox(),
			tts({
				operation: 'generateLong',
				textSource: 'binary',
				binaryPropertyName: 'script',
				options: FAST_POLL,
			}),
			{
				items: [
					{
						json: {},
						binary: {
							script: {
								base64: Buffer.from(CHAPTER, 'utf8').toString('base64'),
								fileName: 'chapter-1.txt',
								mimeType: 'text/plain',
							},
						},
					},
				],
			},
		);
		const [upload] = apiRequests(sandbox(), '/v1/files/upload');
		expect(upload.body).toMatchObject({
			fields: { purpose: 't2a_async_input' },
			files: [{ field: 'file', filename: 'chapter-1.txt' }],
		});
		const [create] = apiRequests(sandbox(), '/v1/t2a_async_v2');
		expect(typeof (create.body as { text_file_id: unknown }).text_file_id).toBe('number');
		expect(item.binary!.data.mimeType).toBe('audio/mpeg');
		expect(item.json.durationMs as number).toBeGreaterThan(10_000);
	});

	it('returns the task at once when not waiting, and Get Long Speech Task fetches it later', async () => {
		// Virtual time nearly stopped: the task stays Processing however slow the machine is, until advanceTime().
		sandbox().setTimeScale(0.001);
		const [submitted] = await runOk(
			sandbox(),
			tts({ operation: 'generateLong', text: CHAPTER, waitForCompletion: false }),
		);
		expect(submitted.json).toMatchObject({ status: 'Processing' });
		expect(submitted.binary).toBeUndefined();
		expect(apiRequests(sandbox(), '/v1/query/t2a_async_query_v2')).toHaveLength(0);

		const [pending] = await runOk(
			sandbox(),
			tts({ operation: 'getLongTask', taskId: submitted.json.taskId }),
		);
		expect(pending.json).toMatchObject({ status: 'Processing', finished: false });

		sandbox().advanceTime(60_000);
		const [done] = await runOk(
			sandbox(),
			tts({ operation: 'getLongTask', taskId: submitted.json.taskId }),
		);
		expect(done.json).toMatchObject({ status: 'Success', taskId: submitted.json.taskId });
		expect((await probe(await readBinary(done.binary!.data))).streams[0].codec_name).toBe('mp3');
		expect(done.binary!.subtitles).toBeDefined();
	});

	it('routes text over the sync limit of Generate Speech through the async API', async () => {
		const long = 'This sentence repeats to make a very long text. '.repeat(220);
		expect(long.length).toBeGreaterThan(10_000);
		const [item] = await runOk(sandbox(), tts({ text: long, options: FAST_POLL }));
		expect(apiRequests(sandbox(), '/v1/t2a_v2')).toHaveLength(0);
		expect(apiRequests(sandbox(), '/v1/t2a_async_v2')).toHaveLength(1);
		expect(item.json.mode).toBe('async');
		expect(item.binary!.subtitles).toBeUndefined();
	});

	it.each([
		[FAIL_MARKER, /ended with status "Failed"/],
		[EXPIRE_MARKER, /ended with status "Expired"/],
	])('turns a %s task into an error with MiniMax wording', async (marker, message) => {
		const result = await run(
			sandbox(),
			tts({ operation: 'generateLong', text: `Doomed text ${marker}`, options: FAST_POLL }),
		);
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(message);
	});

	it('gives up after the wait timeout with the task ID to resume with', async () => {
		sandbox().setTimeScale(1);
		const result = await run(
			sandbox(),
			tts({
				operation: 'generateLong',
				text: CHAPTER,
				options: { pollIntervalSeconds: 0.2, waitTimeoutMinutes: 0.01 },
			}),
		);
		const [create] = apiRequests(sandbox(), '/v1/t2a_async_v2');
		const taskId = String(create.jobId ?? '');
		expect(taskId).toMatch(/^\d+$/);
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/did not finish within 600 ms/);
		expect(result.error?.message).toContain(taskId);
		expect((result.error as { description?: string }).description).toMatch(/Get Long Speech Task/);
	});

	it('stops polling within one interval when the execution is cancelled', async () => {
		sandbox().setTimeScale(1);
		const execution = startWorkflow(
			workflowOf(
				tts({ operation: 'generateLong', text: CHAPTER, options: { pollIntervalSeconds: 0.3 } }),
			),
			{ credentials: credentialsFor(sandbox()) },
		);
		const deadline = Date.now() + 5000;
		while (
			apiRequests(sandbox(), '/v1/query/t2a_async_query_v2').length < 2 &&
			Date.now() < deadline
		) {
			await new Promise((resolve) => setTimeout(resolve, 20));
		}
		execution.cancel();
		const cancelledAt = Date.now();
		const result = await execution.done;
		expect(result.status).toBe('canceled');
		await new Promise((resolve) => setTimeout(resolve, 700));
		const late = apiRequests(sandbox(), '/v1/query/t2a_async_query_v2').filter(
			(entry) => entry.time > cancelledAt + 300,
		);
		expect(late).toHaveLength(0);
	});
});
