import axios from 'axios';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { IDataObject, INode } from 'n8n-workflow';

import { readBinary, type FixtureItem } from '../../harness';
import { sttStore } from '../../sandbox/families/stt/routes';
import { base64, encodedTone, sineWav } from '../../support/audioSamples';
import { apiRequests, downloads, run, runOk, SANDBOX_KEYS, useSandbox } from '../helpers';

const STT_TYPE = 'n8n-nodes-minimax.miniMaxSpeechToText';
const PATH = '/v1/speech_to_text';
const sandbox = useSandbox();

function stt(parameters: IDataObject, onError?: INode['onError']) {
	return { type: STT_TYPE, parameters, onError };
}

const fileItem = (
	data: Buffer,
	fileName: string,
	mimeType = 'audio/wav',
	json: IDataObject = {},
): FixtureItem => ({
	json,
	binary: { data: { base64: base64(data), fileName, mimeType } },
});

/** A signed download link on the sandbox's object store (no API key needed), as a public URL would be. */
async function publicUrl(data: Buffer, filename: string): Promise<string> {
	const stored = sandbox().state.addFile({ purpose: 'video_generation', filename, data });
	const retrieve = await axios.get(`${sandbox().url}/v1/files/retrieve`, {
		params: { file_id: stored.file_id },
		headers: { Authorization: `Bearer ${SANDBOX_KEYS.global}` },
	});
	sandbox().log.length = 0;
	return retrieve.data.file.download_url as string;
}

const uploads = () => apiRequests(sandbox(), PATH);
const text = async (binary: Parameters<typeof readBinary>[0]) =>
	(await readBinary(binary)).toString('utf8');

describe('Speech to Text › Transcribe', () => {
	it('transcribes an input binary: text, language, seconds, segments and SRT subtitles', async () => {
		const wav = sineWav(7);
		const [item] = await runOk(sandbox(), stt({}), { items: [fileItem(wav, 'interview.wav')] });
		expect(item.json).toMatchObject({
			text: expect.stringMatching(/^[A-Z].+\.$/),
			language: 'en',
			durationSeconds: 7,
			model: 'asr-1.0',
			fileName: 'interview.wav',
			fileSize: wav.length,
		});
		const segments = item.json.segments as IDataObject[];
		expect(segments).toHaveLength(3);
		expect(segments[0]).toEqual({ start: 0, end: 2.333, text: expect.any(String), speaker: null });
		expect(segments[2].end).toBe(7);
		expect(item.pairedItem).toEqual({ item: 0 });
		expect(Object.keys(item.binary ?? {})).toEqual(['subtitles']);
		expect(item.binary!.subtitles).toMatchObject({
			fileName: 'interview.srt',
			mimeType: 'application/x-subrip',
			fileExtension: 'srt',
		});
		expect(await text(item.binary!.subtitles)).toBe(
			`1\n00:00:00,000 --> 00:00:02,333\n${String(segments[0].text)}\n\n2\n00:00:02,333 --> 00:00:04,667\n${String(segments[1].text)}\n\n3\n00:00:04,667 --> 00:00:07,000\n${String(segments[2].text)}\n`,
		);
		const [request] = uploads();
		expect(request.body).toEqual({
			fields: { model: 'asr-1.0', response_format: 'verbose_json' },
			files: [
				{ field: 'file', filename: 'interview.wav', contentType: 'audio/wav', bytes: wav.length },
			],
		});
		expect(request.headers.authorization).toBe(`Bearer ${SANDBOX_KEYS.global}`);
		expect(request.headers['content-length']).toBeDefined();
	});

	it('sends language, diarization and speaker count; adds VTT and the raw JSON on request', async () => {
		const mp3 = encodedTone(10, 'mp3');
		const [item] = await runOk(
			sandbox(),
			stt({
				options: {
					language: 'de',
					diarization: true,
					speakerCount: 3,
					extraFiles: ['vtt', 'json'],
				},
			}),
			{ items: [fileItem(mp3, 'meeting.mp3', 'audio/mpeg')] },
		);
		expect(uploads()[0].headers.language).toBe('de');
		expect(uploads()[0].body).toMatchObject({
			fields: {
				model: 'asr-1.0',
				response_format: 'verbose_json',
				language: 'de',
				diarization: 'true',
				speaker_count: '3',
			},
		});
		expect(item.json).toMatchObject({ language: 'de', speakers: 3 });
		expect((item.json.segments as IDataObject[]).map((s) => s.speaker)).toEqual([
			'speaker_0',
			'speaker_1',
			'speaker_2',
			'speaker_0',
		]);
		expect(item.binary!.subtitlesVtt).toMatchObject({
			fileName: 'meeting.vtt',
			mimeType: 'text/vtt',
			fileExtension: 'vtt',
		});
		expect(await text(item.binary!.subtitlesVtt)).toMatch(
			/^WEBVTT\n\n00:00:00\.000 --> 00:00:02\.\d{3}\n\[speaker_0\] [A-Z]/,
		);
		expect(await text(item.binary!.subtitles)).toMatch(/^1\n00:00:00,000 --> .*\n\[speaker_0\] /);
		expect(item.binary!.transcriptJson).toMatchObject({
			fileName: 'meeting.transcript.json',
			mimeType: 'application/json',
			fileExtension: 'json',
		});
		const raw = JSON.parse(await text(item.binary!.transcriptJson));
		expect(raw).toMatchObject({ task: 'transcribe', n_speakers: 3, segments: expect.any(Array) });
	});

	it('options from expressions: "true"/"EN " strings are read as diarization on and language en', async () => {
		const [item] = await runOk(
			sandbox(),
			stt({
				options: {
					language: "={{ ' EN ' }}",
					diarization: "={{ 'true' }}",
					speakerCount: '={{ 2 }}',
				},
			}),
			{ items: [fileItem(sineWav(2), 'a.wav')] },
		);
		expect(uploads()).toHaveLength(1);
		expect(uploads()[0].headers.language).toBe('en');
		expect(uploads()[0].body).toMatchObject({
			fields: { language: 'en', diarization: 'true', speaker_count: '2' },
		});
		expect(item.json.language).toBe('en');
		// SubRip and WebVTT outputs are both text to n8n.
		expect(item.binary!.subtitles).toMatchObject({ fileType: 'text', fileExtension: 'srt' });
	});

	it('"false" from an expression turns diarization off (a speaker count is then refused)', async () => {
		const result = await run(
			sandbox(),
			stt({ options: { diarization: "={{ 'FALSE' }}", speakerCount: 3 } }),
			{ items: [fileItem(sineWav(1), 'a.wav')] },
		);
		expect(result.error?.message).toMatch(
			/Invalid "Speaker Count" for item 0: it only applies with Speaker Diarization on/,
		);
		expect(uploads()).toHaveLength(0);
	});

	it.each([
		[
			'answers 404',
			404,
			'text/plain',
			'not here',
			/failed with HTTP 404$/,
			/has no file at this URL \(HTTP 404\)/,
		],
		[
			'sends an HTML page',
			200,
			'text/html',
			'<html><body>Sign in</body></html>',
			/sent an HTML page instead of the file/,
			/points straight at the file/,
		],
	])(
		'a Media URL whose server %s: no "MiniMax:" prefix, advice on the URL, nothing sent to MiniMax',
		async (_name, status, type, body, message, description) => {
			const server: Server = createServer((_req, res) => {
				res.writeHead(status, { 'content-type': type });
				res.end(body);
			});
			await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
			try {
				const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/talk.mp3`;
				const result = await run(
					sandbox(),
					stt({ mediaSource: 'url', mediaUrl: url, options: { maxRetries: 0 } }),
				);
				expect(result.status).toBe('error');
				expect(result.error?.message).toMatch(/^Downloading the file at Media URL/);
				expect(result.error?.message).toMatch(message);
				const details = result.error as Error & { description?: string };
				expect(details.description).toMatch(description);
				expect(details.description).toMatch(/Nothing was sent to MiniMax\.$/);
				expect(details.description).not.toBe(result.error?.message);
				expect(uploads()).toHaveLength(0);
			} finally {
				server.closeAllConnections();
				await new Promise((resolve) => server.close(resolve));
			}
		},
	);

	it('reads the alternative spellings (start_time/end_time in ms, numeric speakers, duration_ms) to the same output', async () => {
		const items = [fileItem(sineWav(7), 'a.wav')];
		const node = stt({ options: { diarization: true, extraFiles: ['vtt'] } });
		const standard = await runOk(sandbox(), node, { items });
		sttStore(sandbox().state).settings.spelling = 'alternative';
		const alternative = await runOk(sandbox(), node, { items });
		expect(alternative[0].json.segments).toEqual(standard[0].json.segments);
		expect(alternative[0].json.durationSeconds).toBe(7);
		expect(alternative[0].json.speakers).toBe(2);
		expect(await text(alternative[0].binary!.subtitles)).toBe(
			await text(standard[0].binary!.subtitles),
		);
	});

	it('transcribes an MP4 video (the container decides, not the name) from a URL, fetched without the API key', async () => {
		const video = encodedTone(6, 'm4a');
		const url = await publicUrl(video, 'clip.mp4');
		const [item] = await runOk(sandbox(), stt({ mediaSource: 'url', mediaUrl: url }));
		expect(downloads(sandbox())).toHaveLength(1);
		expect(downloads(sandbox())[0].headers.authorization).toBeUndefined();
		expect(uploads()[0].body).toMatchObject({
			files: [
				{ field: 'file', filename: 'clip.mp4', contentType: 'video/mp4', bytes: video.length },
			],
		});
		expect(item.binary!.subtitles.fileName).toBe('clip.srt');
		expect(item.json.durationSeconds).toBeCloseTo(6, 0);
	});

	it('names a file without extension by its content and keeps each item paired', async () => {
		const items = [
			fileItem(encodedTone(3, 'mp3'), 'voice-memo', 'application/octet-stream'),
			fileItem(sineWav(2), 'b.wav'),
		];
		const output = await runOk(sandbox(), stt({ options: { concurrency: 2 } }), { items });
		expect(output.map((item) => [item.pairedItem, item.json.fileName])).toEqual([
			[{ item: 0 }, 'voice-memo.mp3'],
			[{ item: 1 }, 'b.wav'],
		]);
		expect(
			uploads()
				.map(
					(entry) => (entry.body as { files: Array<{ contentType: string }> }).files[0].contentType,
				)
				.sort(),
		).toEqual(['audio/mpeg', 'audio/wav']);
	});

	it('word timestamps: one segment and one cue per word', async () => {
		const [item] = await runOk(sandbox(), stt({ options: { timestampLevel: 'word' } }), {
			items: [fileItem(sineWav(3), 'a.wav')],
		});
		expect(uploads()[0].body).toMatchObject({ fields: { timestamp_level: 'word' } });
		const segments = item.json.segments as IDataObject[];
		expect(segments.length).toBe(String(item.json.text).split(' ').length);
		expect((await text(item.binary!.subtitles)).split('\n\n')).toHaveLength(segments.length);
	});

	// Field reports: uploads named or typed by the input rather than by the content were refused by
	// transcription services (telegram-mcp#219 Telegram ".oga" voice notes, typebot.io#2521 ".weba",
	// vercel/ai#17352 an M4A sent as "audio.wav", open-webui#17636 no content type at all).
	it.each([
		[
			'a Telegram voice note',
			Buffer.concat([Buffer.from('OggS'), Buffer.alloc(4000, 1)]),
			'file_17.oga',
			'audio/ogg',
			'file_17.ogg',
			'audio/ogg',
		],
		[
			'a browser recording',
			Buffer.concat([Buffer.from([0x1a, 0x45, 0xdf, 0xa3]), Buffer.alloc(4000, 2)]),
			'recording.weba',
			'audio/webm',
			'recording.webm',
			'video/webm',
		],
		[
			'an M4A saved as .wav',
			encodedTone(3, 'm4a'),
			'audio.wav',
			'audio/wav',
			'audio.mp4',
			'video/mp4',
		],
		[
			'an M4A without a content type',
			encodedTone(3, 'm4a'),
			'memo.m4a',
			'application/octet-stream',
			'memo.m4a',
			'audio/mp4',
		],
		[
			'an AIFF recording',
			Buffer.concat([
				Buffer.from('FORM'),
				Buffer.from([0, 0, 0x0f, 0xa0]),
				Buffer.from('AIFF'),
				Buffer.alloc(4000, 3),
			]),
			'take.aif',
			'audio/x-aiff',
			'take.aif',
			'audio/aiff',
		],
	])(
		'uploads %s under a name and type that match its content',
		async (_name, data, fileName, mimeType, sentName, sentType) => {
			const [item] = await runOk(sandbox(), stt({}), {
				items: [fileItem(data, fileName, mimeType)],
			});
			expect(uploads()[0].body).toMatchObject({
				files: [{ field: 'file', filename: sentName, contentType: sentType, bytes: data.length }],
			});
			expect(item.json.fileName).toBe(sentName);
			expect(item.binary!.subtitles.fileName).toBe(`${fileName.replace(/\.[^.]+$/, '')}.srt`);
		},
	);

	it('streams a large file from filesystem storage with the exact bytes', async () => {
		const big = Buffer.alloc(12 * 1024 * 1024);
		sineWav(1).copy(big);
		big.writeUInt32LE(big.length - 8, 4);
		for (let i = 4096; i < big.length; i += 4) big.writeUInt32LE((i * 2654435761) >>> 0, i);
		const [item] = await runOk(sandbox(), stt({}), { items: [fileItem(big, 'long.wav')] });
		expect(uploads()[0].body).toMatchObject({ files: [{ bytes: big.length }] });
		expect(item.json.fileSize).toBe(big.length);
	});

	// n8n-io/n8n#26504 (fixed by buffering in n8n-io/n8n#26530): in database binary mode the OpenAI
	// node passed a stream to form-data, which sent a wrong Content-Length, and OpenAI reset the
	// connection. Here the part's length comes from n8n's metadata, so the streamed body is exact.
	it('database binary mode (queue mode default): the streamed upload has the exact length', async () => {
		const wav = sineWav(5);
		const [item] = await runOk(sandbox(), stt({}), {
			items: [fileItem(wav, 'queue.wav')],
			binaryMode: 'database',
		});
		const [request] = uploads();
		expect(request.body).toMatchObject({ files: [{ filename: 'queue.wav', bytes: wav.length }] });
		expect(request.status).toBe(200);
		expect(Number(request.headers['content-length'])).toBeGreaterThan(wav.length);
		expect(item.json.durationSeconds).toBe(5);
		expect(sandbox().state.files.size).toBe(0);
	});

	it('transcribes from n8n in-memory binary mode too', async () => {
		const wav = sineWav(4);
		const [item] = await runOk(sandbox(), stt({}), {
			items: [fileItem(wav, 'memo.wav')],
			binaryMode: 'default',
		});
		expect(item.json.durationSeconds).toBe(4);
		expect(uploads()[0].body).toMatchObject({ files: [{ bytes: wav.length }] });
	});

	describe('refuses bad input before any request, naming the parameter and the item', () => {
		const over = Buffer.alloc(50_000_001);
		sineWav(1).copy(over);
		it.each([
			[
				'an empty file',
				fileItem(Buffer.alloc(0), 'empty.wav'),
				{},
				/Invalid "Input Binary Field" for item 0: the file "empty.wav" is empty/,
			],
			[
				'a file over 50 MB',
				fileItem(over, 'huge.wav'),
				{},
				/Invalid "Input Binary Field" for item 0: the file "huge.wav" is 50\.0 MB; MiniMax transcribes files of at most 50 MB \(50,000,000 bytes\)/,
			],
			[
				'an unsupported container',
				fileItem(Buffer.from('%PDF-1.7 not audio'), 'talk.mp3', 'audio/mpeg'),
				{},
				/Invalid "Input Binary Field" for item 0: the file "talk.mp3" is not an audio or video file MiniMax can transcribe/,
			],
			[
				'a missing binary field',
				fileItem(sineWav(1), 'a.wav'),
				{ binaryPropertyName: 'audio' },
				/Invalid "Input Binary Field" for item 0: there is no binary field "audio"/,
			],
			[
				'a URL that is not http(s)',
				fileItem(sineWav(1), 'a.wav'),
				{ mediaSource: 'url', mediaUrl: 'ftp://x/y.mp3' },
				/Invalid "Media URL" for item 0/,
			],
			[
				'a Media URL expression that resolves to null',
				fileItem(sineWav(1), 'a.wav'),
				{ mediaSource: 'url', mediaUrl: '={{ null }}' },
				/Invalid "Media URL" for item 0: it is empty \(the value is null\); give an http\(s\) URL/,
			],
			[
				'a diarization value that is not true or false',
				fileItem(sineWav(1), 'a.wav'),
				{ options: { diarization: "={{ 'yes' }}" } },
				/Invalid "Speaker Diarization" for item 0: expected true or false, got string "yes"/,
			],
			[
				'a speaker count of 1',
				fileItem(sineWav(1), 'a.wav'),
				{ options: { diarization: true, speakerCount: 1 } },
				/Invalid "Speaker Count" for item 0: it must be at least 2 and at most 10 \(got 1\)/,
			],
			[
				'an unknown language',
				fileItem(sineWav(1), 'a.wav'),
				{ options: { language: 'english' } },
				/Invalid "Language" for item 0: "english"/,
			],
			[
				'a speaker count without diarization',
				fileItem(sineWav(1), 'a.wav'),
				{ options: { speakerCount: 3 } },
				/Invalid "Speaker Count" for item 0: it only applies with Speaker Diarization/,
			],
			[
				'a speaker count out of range',
				fileItem(sineWav(1), 'a.wav'),
				{ options: { diarization: true, speakerCount: 11 } },
				/Invalid "Speaker Count" for item 0/,
			],
		])('%s', async (_name, item, parameters, message) => {
			const result = await run(sandbox(), stt(parameters as IDataObject), { items: [item] });
			expect(result.status).toBe('error');
			expect(result.error?.message).toMatch(message);
			expect(uploads()).toHaveLength(0);
		});

		it('with Continue On Fail: an error item per bad input, the good ones transcribed, all paired', async () => {
			const items = [
				fileItem(sineWav(2), 'good.wav'),
				fileItem(Buffer.alloc(0), 'empty.wav'),
				fileItem(Buffer.from('hello'), 'notes.txt', 'text/plain'),
			];
			const output = await runOk(sandbox(), stt({}, 'continueRegularOutput'), { items });
			expect(output.map((item) => item.pairedItem)).toEqual([
				{ item: 0 },
				{ item: 1 },
				{ item: 2 },
			]);
			expect(output[0].json.text).toEqual(expect.any(String));
			expect(output[1].json.error).toMatch(/for item 1: the file "empty.wav" is empty/);
			expect(output[2].json.error).toMatch(
				/for item 2: the file "notes.txt" is not an audio or video file/,
			);
			expect(uploads()).toHaveLength(1);
		});
	});

	describe('MiniMax errors', () => {
		it('a base_resp error (HTTP 200) fails the item with the code, message and trace ID', async () => {
			sandbox().faults.add({ path: PATH, kind: 'base_resp', code: 1008 });
			const result = await run(sandbox(), stt({}), { items: [fileItem(sineWav(1), 'a.wav')] });
			expect(result.status).toBe('error');
			expect(result.error?.message).toBe('MiniMax: insufficient balance (1008)');
			expect(String((result.error as { description?: string }).description)).toMatch(/trace ID/);
		});

		it('the v2 error object (real HTTP status) is read the same way', async () => {
			sttStore(sandbox().state).settings.errors = 'v2';
			sandbox().faults.add({
				path: PATH,
				kind: 'replay',
				status: 402,
				body: {
					type: 'error',
					error: {
						type: 'insufficient_balance_error',
						message: 'insufficient balance (1008)',
						http_code: '402',
					},
					request_id: 'req-1',
				},
			});
			const result = await run(sandbox(), stt({}), { items: [fileItem(sineWav(1), 'a.wav')] });
			expect(result.error?.message).toBe('MiniMax: insufficient balance (1008)');
			expect(String((result.error as { description?: string }).description)).toMatch(/HTTP 402/);
		});

		it('a parameter the service refuses in v2 mode surfaces its message and code', async () => {
			sttStore(sandbox().state).settings.errors = 'v2';
			sandbox().faults.add({
				path: PATH,
				kind: 'replay',
				status: 400,
				body: {
					type: 'error',
					error: {
						type: 'bad_request_error',
						message: 'invalid params, language: unsupported language "xx" (2013)',
						http_code: '400',
					},
				},
			});
			const [item] = await runOk(sandbox(), stt({}, 'continueRegularOutput'), {
				items: [fileItem(sineWav(1), 'a.wav')],
			});
			expect(item.json.error).toBe(
				'MiniMax: invalid params, language: unsupported language "xx" (2013)',
			);
			expect(item.pairedItem).toEqual({ item: 0 });
		});

		it('a rate limit (1002) is retried with the file read again; a server error on the paid call is not', async () => {
			sandbox().faults.add({ path: PATH, kind: 'rate_limit', times: 1 });
			const wav = sineWav(2);
			const [item] = await runOk(sandbox(), stt({ options: { retryDelayMs: 10 } }), {
				items: [fileItem(wav, 'a.wav')],
			});
			expect(item.json.text).toEqual(expect.any(String));
			expect(
				uploads().map(
					(entry) => (entry.body as { files: Array<{ bytes: number }> }).files[0].bytes,
				),
			).toEqual([wav.length, wav.length]);

			sandbox().reset();
			sandbox().faults.add({ path: PATH, kind: 'http_status', status: 500, times: 1 });
			const failed = await run(sandbox(), stt({ options: { retryDelayMs: 10 } }), {
				items: [fileItem(wav, 'a.wav')],
			});
			expect(failed.status).toBe('error');
			expect(uploads()).toHaveLength(1);
		});

		it('an answer without speech gives empty text, no segments and an empty subtitle file', async () => {
			sandbox().faults.add({
				path: PATH,
				kind: 'replay',
				body: {
					task: 'transcribe',
					language: 'en',
					duration: 3.2,
					text: '',
					segments: [],
					base_resp: { status_code: 0, status_msg: 'success' },
				},
			});
			const [item] = await runOk(sandbox(), stt({}), {
				items: [fileItem(sineWav(3), 'silence.wav')],
			});
			expect(item.json).toMatchObject({ text: '', segments: [], durationSeconds: 3.2 });
			expect(await text(item.binary!.subtitles)).toBe('');
		});
	});
});
