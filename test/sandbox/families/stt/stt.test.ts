import { type AxiosInstance } from 'axios';
import { request as httpRequest } from 'http';
import { Readable } from 'stream';

import { SANDBOX_KEYS, type Sandbox } from '../..';
import { encodedTone, sineWav } from '../../../support/audioSamples';
import { sttStore } from './routes';
import { useSandbox } from '../../testing';

let sandbox: Sandbox;
let api: AxiosInstance;

useSandbox((started, client) => {
	sandbox = started;
	api = client;
});

function form(
	fields: Record<string, string>,
	file?: { data: Buffer; name: string; type?: string },
) {
	const body = new FormData();
	for (const [name, value] of Object.entries(fields)) body.append(name, value);
	if (file)
		body.append('file', new Blob([file.data], { type: file.type ?? 'audio/wav' }), file.name);
	return body;
}

async function transcribe(
	fields: Record<string, string>,
	file = { data: sineWav(7), name: 'a.wav' },
) {
	return await api.post('/v1/speech_to_text', form({ model: 'asr-1.0', ...fields }, file));
}

describe('speech_to_text', () => {
	it('answers {text} by default and verbose segments in seconds, the same words for the same bytes', async () => {
		const plain = await transcribe({});
		expect(plain.status).toBe(200);
		expect(plain.data.base_resp).toEqual({ status_code: 0, status_msg: 'success' });
		expect(Object.keys(plain.data).sort()).toEqual(['base_resp', 'text', 'trace_id']);
		const verbose = await transcribe({ response_format: 'verbose_json', language: 'en' });
		expect(verbose.data).toMatchObject({
			task: 'transcribe',
			language: 'en',
			duration: 7,
			text: plain.data.text,
		});
		expect(verbose.data.segments).toHaveLength(3);
		expect(verbose.data.segments[2]).toMatchObject({
			id: 2,
			end: 7,
			text: expect.stringMatching(/\.$/),
		});
		expect(verbose.data.segments[0].speaker).toBeUndefined();
		const other = await transcribe({}, { data: sineWav(7, 16000, 440), name: 'b.wav' });
		expect(other.data.text).not.toBe(plain.data.text);
		expect(sandbox.log[0]).toMatchObject({
			billable: true,
			body: {
				fields: { model: 'asr-1.0' },
				files: [{ field: 'file', filename: 'a.wav', bytes: sineWav(7).length }],
			},
		});
	});

	it('labels speakers with diarization and reads MP3 and MP4 lengths', async () => {
		const res = await transcribe(
			{ response_format: 'verbose_json', diarization: 'true', speaker_count: '3' },
			{ data: encodedTone(10, 'mp3'), name: 'talk.mp3' },
		);
		expect(res.data.n_speakers).toBe(3);
		expect(res.data.segments.map((s: { speaker: string }) => s.speaker)).toEqual([
			'speaker_0',
			'speaker_1',
			'speaker_2',
			'speaker_0',
		]);
		expect(res.data.duration).toBeCloseTo(10, 0);
		const m4a = await transcribe(
			{ response_format: 'verbose_json' },
			{ data: encodedTone(4, 'm4a'), name: 'x.m4a' },
		);
		expect(m4a.data.duration).toBeCloseTo(4, 0);
	});

	it('answers the alternative spellings: start_time/end_time in ms, numeric speakers, duration_ms', async () => {
		sttStore(sandbox.state).settings.spelling = 'alternative';
		const res = await transcribe({ response_format: 'verbose_json', diarization: 'true' });
		expect(res.data.duration_ms).toBe(7000);
		expect(res.data.segments[0]).toEqual({
			start_time: 0,
			end_time: expect.any(Number),
			text: expect.any(String),
			speaker: 0,
		});
		expect(res.data.segments[1].speaker).toBe(1);
	});

	it('answers srt and vtt as plain subtitle text, and SSE deltas when streaming', async () => {
		const srt = await transcribe({ response_format: 'srt' });
		expect(srt.headers['content-type']).toMatch(/^text\/plain/);
		expect(srt.data).toMatch(/^1\n00:00:00,000 --> 00:00:02,333\n[A-Z]/);
		const vtt = await transcribe({ response_format: 'vtt' });
		expect(vtt.data).toMatch(/^WEBVTT\n\n00:00:00\.000 --> 00:00:02\.333\n/);
		const sse = await transcribe({ stream: 'true' });
		expect(sse.headers['content-type']).toBe('text/event-stream');
		const events = String(sse.data)
			.split('\n\n')
			.filter(Boolean)
			.map((event) => JSON.parse(event.replace(/^data: /, '')));
		expect(events[0]).toEqual({ index: 0, delta: expect.stringMatching(/^[A-Z]/), finish: false });
		expect(events[events.length - 1]).toEqual({
			index: events.length - 1,
			delta: '',
			finish: true,
			duration: 7,
		});
		expect(events.map((event) => event.delta).join('')).toBe((await transcribe({})).data.text);
	});

	it.each([
		[{ model: 'whisper-1' }, undefined, 'model: must be asr-1.0'],
		[{}, null, 'file: is required'],
		[{}, { data: Buffer.alloc(0), name: 'empty.wav' }, 'file: is empty'],
		[
			{},
			{ data: Buffer.from('just some text'), name: 'notes.txt', type: 'text/plain' },
			'unsupported audio/video format ("notes.txt")',
		],
		[
			{ response_format: 'text' },
			undefined,
			'response_format: must be one of json, verbose_json, srt, vtt',
		],
		[{ language: 'english' }, undefined, 'language: unsupported language'],
		[{ speaker_count: '2' }, undefined, 'speaker_count: needs diarization=true'],
		[{ stream: 'true', response_format: 'srt' }, undefined, 'stream: cannot be combined'],
		[{ temperature: '0' }, undefined, 'temperature: unknown field'],
		[{ timestamp_level: 'char' }, undefined, 'timestamp_level: must be sentence or word'],
	])('refuses %j with 2013 (%s)', async (fields, file, message) => {
		const body = form(
			{ model: 'asr-1.0', ...fields },
			file === null ? undefined : (file ?? { data: sineWav(1), name: 'a.wav' }),
		);
		const res = await api.post('/v1/speech_to_text', body);
		expect(res.status).toBe(200);
		expect(res.data.base_resp.status_code).toBe(2013);
		expect(res.data.base_resp.status_msg).toContain(message);
		expect(sandbox.log[0].billable).toBeUndefined();
	});

	it('takes the language from the header independent clients send, and word timestamps', async () => {
		const res = await api.post(
			'/v1/speech_to_text',
			form(
				{ model: 'asr-1.0', response_format: 'verbose_json', timestamp_level: 'word' },
				{
					data: sineWav(3),
					name: 'a.wav',
				},
			),
			{ headers: { language: 'ja' } },
		);
		expect(res.data.language).toBe('ja');
		expect(res.data.segments.length).toBe(res.data.text.split(' ').length);
		expect(res.data.segments.every((s: { text: string }) => !s.text.includes(' '))).toBe(true);
		const clash = await api.post(
			'/v1/speech_to_text',
			form({ model: 'asr-1.0', language: 'en' }, { data: sineWav(1), name: 'a.wav' }),
			{ headers: { language: 'ja' } },
		);
		expect(clash.data.base_resp.status_msg).toContain(
			'language: header "ja" and field "en" disagree',
		);
	});

	it('refuses a file over 50 MB (50,000,000 bytes)', async () => {
		// The 50 MB body is streamed by hand (no Blob copies), and a failure is reported as a short
		// message: Jest cannot copy an error that holds a 50 MB buffer.
		const size = 50_000_001;
		const boundary = 'sttboundary1234';
		const head = Buffer.from(
			`--${boundary}\r\nContent-Disposition: form-data; name="model"\r\n\r\nasr-1.0\r\n` +
				`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.wav"\r\nContent-Type: audio/wav\r\n\r\n`,
		);
		const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
		async function* body() {
			yield head;
			const wav = sineWav(1);
			yield wav;
			const chunk = Buffer.alloc(1024 * 1024);
			for (let left = size - wav.length; left > 0; left -= chunk.length)
				yield left >= chunk.length ? chunk : chunk.subarray(0, left);
			yield tail;
		}
		const answer = await new Promise<string>((resolve, reject) => {
			const request = httpRequest(
				`${sandbox.url}/v1/speech_to_text`,
				{
					method: 'POST',
					headers: {
						authorization: `Bearer ${SANDBOX_KEYS.global}`,
						'content-type': `multipart/form-data; boundary=${boundary}`,
						'content-length': String(head.length + size + tail.length),
					},
				},
				(response) => {
					const chunks: Buffer[] = [];
					response.on('data', (chunk: Buffer) => chunks.push(chunk));
					response.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
					response.on('error', (error) => reject(new Error(error.message)));
				},
			);
			request.on('error', (error) => reject(new Error(error.message)));
			Readable.from(body()).pipe(request);
		});
		expect(JSON.parse(answer).base_resp).toMatchObject({
			status_code: 2013,
			status_msg: expect.stringContaining('at most 50 MB'),
		});
	});

	it('answers the v2 error object with a real HTTP status in v2 mode', async () => {
		sttStore(sandbox.state).settings.errors = 'v2';
		const res = await transcribe({ model: 'asr-2' });
		expect(res.status).toBe(400);
		expect(res.data).toEqual({
			type: 'error',
			error: {
				type: 'bad_request_error',
				message: 'invalid params, model: must be asr-1.0, got "asr-2" (2013)',
				http_code: '400',
			},
			request_id: expect.any(String),
		});
		sandbox.reset();
		expect(sttStore(sandbox.state).settings).toEqual({ spelling: 'standard', errors: 'base_resp' });
	});
});
