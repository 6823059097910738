/**
 * Streams and downloads that end early, go silent or bring the wrong body (docs/minimax-api.md §17.4, issue
 * 11 cases 2, 6, 7): each is an error with the trace id, never a short file, in Text to Speech,
 * Music and Video. Transient ones are retried first, like any transient failure.
 */
import type { IDataObject } from 'n8n-workflow';

import { readBinary } from '../../harness';
import { videoStore } from '../../sandbox/families/video/store';
import { apiRequests, downloads, run, runOk, tts, useSandbox } from '../helpers';

const sandbox = useSandbox({ timeScale: 100 });
const FAST = { retryDelayMs: 10 };
const DOWNLOAD = /^\/dl\//;
const LYRICS = '[Verse]\nStreetlights flicker\nOn the empty road\n[Chorus]\nWalking home alone';

const music = (parameters: IDataObject) => ({
	type: 'n8n-nodes-minimax.miniMaxMusic',
	parameters: { operation: 'generate', ...parameters },
});
const video = (parameters: IDataObject) => ({ type: 'n8n-nodes-minimax.miniMaxVideo', parameters });

function said(result: Awaited<ReturnType<typeof run>>): string {
	return `${result.error?.message ?? ''} ${(result.error as { description?: string } | undefined)?.description ?? ''}`;
}

describe('Text to Speech › a stream that stops early (issue 11 case 6)', () => {
	const TEXT = 'A stream that stops before its final event must not become a short file.';

	it('is an error with the trace id after the retries, never a short MP3', async () => {
		sandbox().faults.add({ path: '/v1/t2a_v2', kind: 'truncate_stream', times: Infinity });
		const result = await run(
			sandbox(),
			tts({ text: TEXT, options: { ...FAST, stream: true, maxRetries: 1 } }),
		);
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(
			/The audio stream ended before MiniMax completed it \(no final status 2 event; \d+ bytes of audio received\)/,
		);
		expect(said(result)).toMatch(/trace ID \S+/);
		expect(apiRequests(sandbox(), '/v1/t2a_v2')).toHaveLength(2);
	});

	it('is retried (sync speech creates no job) and then gives the whole file', async () => {
		const [whole] = await runOk(sandbox(), tts({ text: TEXT, options: { stream: true } }));
		sandbox().reset();
		sandbox().faults.add({ path: '/v1/t2a_v2', kind: 'truncate_stream' });
		const [item] = await runOk(sandbox(), tts({ text: TEXT, options: { ...FAST, stream: true } }));
		expect(apiRequests(sandbox(), '/v1/t2a_v2').map((entry) => entry.fault ?? 'none')).toEqual([
			'truncate_stream',
			'none',
		]);
		expect((await readBinary(item.binary!.data)).equals(await readBinary(whole.binary!.data))).toBe(
			true,
		);
	});

	it('a stream split at every multi-byte character still gives the same file', async () => {
		const [whole] = await runOk(
			sandbox(),
			tts({ text: '你好世界。早上好。', options: { stream: true } }),
		);
		sandbox().reset();
		sandbox().faults.add({ path: '/v1/t2a_v2', kind: 'byte_split' });
		const [item] = await runOk(
			sandbox(),
			tts({ text: '你好世界。早上好。', options: { stream: true } }),
		);
		expect((await readBinary(item.binary!.data)).equals(await readBinary(whole.binary!.data))).toBe(
			true,
		);
	});
});

describe('Text to Speech › a stream that goes silent (issue 11 case 7)', () => {
	it('fails after the idle timeout instead of hanging', async () => {
		sandbox().faults.add({ path: '/v1/t2a_v2', kind: 'stall_stream', times: Infinity });
		const result = await run(
			sandbox(),
			tts({
				text: 'Silence.',
				options: { ...FAST, stream: true, idleTimeoutSeconds: 1, maxRetries: 0 },
			}),
		);
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(
			/MiniMax stopped sending the audio stream: nothing arrived for 1 s/,
		);
		expect(said(result)).toMatch(/trace ID \S+/);
	});
});

describe('Downloads that end early or bring the wrong body (issue 11 case 6)', () => {
	it.each([
		[
			'a body shorter than its Content-Length',
			'truncate_stream',
			/The download of the generated audio broke off: aborted/,
		],
		['an empty body', 'empty_body', /empty body \(0 bytes\)/],
		[
			'an HTML page instead of the audio',
			'html_body',
			/sent an HTML page instead of the file \("502 Bad Gateway"\)/,
		],
	] as const)(
		'Text to Speech (link delivery): %s is an error after the retries',
		async (_label, kind, message) => {
			sandbox().faults.add({ path: DOWNLOAD, kind, times: Infinity });
			const result = await run(
				sandbox(),
				tts({ text: 'Download me.', options: { ...FAST, audioDelivery: 'url', maxRetries: 1 } }),
			);
			expect(result.status).toBe('error');
			expect(said(result)).toMatch(message);
			expect(downloads(sandbox())).toHaveLength(2);
		},
	);

	it('Text to Speech: one bad download is retried and the file is whole', async () => {
		sandbox().faults.add({ path: DOWNLOAD, kind: 'empty_body' });
		const [item] = await runOk(
			sandbox(),
			tts({ text: 'Download me.', options: { ...FAST, audioDelivery: 'url' } }),
		);
		expect(downloads(sandbox())).toHaveLength(2);
		expect(item.binary!.data.bytes).toBeGreaterThan(1000);
	});

	it.each([
		['truncate_stream', /The download of the song broke off/],
		['html_body', /HTML page/],
	] as const)('Music (link delivery): %s is an error, not a song', async (kind, message) => {
		sandbox().faults.add({ path: DOWNLOAD, kind, times: Infinity });
		const result = await run(
			sandbox(),
			music({
				model: 'music-2.5',
				lyrics: LYRICS,
				options: { ...FAST, transfer: 'url', maxRetries: 1 },
			}),
		);
		expect(result.status).toBe('error');
		expect(said(result)).toMatch(message);
	});

	it('Video download: an empty body is an error, not an empty MP4', async () => {
		const [submitted] = await runOk(
			sandbox(),
			video({ prompt: 'A hummingbird at a feeder', waitMode: 'submit' }),
		);
		const taskId = submitted.json.taskId as string;
		videoStore(sandbox().state).forceStatus(taskId, 'Success');
		await videoStore(sandbox().state).settled();
		sandbox().faults.add({ path: DOWNLOAD, kind: 'empty_body', times: Infinity });
		const result = await run(
			sandbox(),
			video({ operation: 'download', taskId, options: { ...FAST, maxRetries: 1 } }),
		);
		expect(result.status).toBe('error');
		expect(said(result)).toMatch(/empty body \(0 bytes\)/);
	});
});

describe('Replies copied from public reports (openclaw/openclaw#117195)', () => {
	it('TTS: malformed hex audio ("666f6fZZ") is an error, not a 3-byte file', async () => {
		sandbox().faults.add({
			path: '/v1/t2a_v2',
			kind: 'replay',
			body: {
				data: { audio: '666f6fZZ', status: 2 },
				base_resp: { status_code: 0, status_msg: 'success' },
			},
		});
		const result = await run(sandbox(), tts({ text: 'Hello.', options: FAST }));
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe('MiniMax: MiniMax returned audio that is not valid hex');
	});

	it('Music: a progress-only answer (status 1, no audio) is an error, not a song', async () => {
		sandbox().faults.add({
			path: '/v1/music_generation',
			kind: 'replay',
			body: { data: { status: 1 }, base_resp: { status_code: 0, status_msg: 'success' } },
		});
		const result = await run(
			sandbox(),
			music({ model: 'music-2.5', lyrics: LYRICS, options: FAST }),
		);
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe('MiniMax: MiniMax returned an unfinished song (status 1)');
	});
});
