import axios, { type AxiosInstance } from 'axios';

import { SANDBOX_KEYS, type Sandbox } from '../..';
import { parseMp3Frames } from '../../media/mp3';
import { probe } from '../../../support/ffprobe';
import { useSandbox } from '../../testing';

type Json = Record<string, unknown>;

interface TtsResponse {
	data?: { audio: string; status: number; subtitle_file?: string };
	extra_info?: {
		audio_length: number;
		audio_sample_rate: number;
		audio_size: number;
		bitrate: number;
		word_count: number;
		invisible_character_ratio: number;
		usage_characters: number;
		audio_format: string;
		audio_channel: number;
	};
	trace_id: string;
	base_resp: { status_code: number; status_msg: string };
}

let sandbox: Sandbox;
let api: AxiosInstance;

useSandbox((started, client) => {
	sandbox = started;
	api = client;
});

const base = (): Json => ({
	model: 'speech-2.8-hd',
	text: 'Hello world.',
	voice_setting: { voice_id: 'English_expressive_narrator' },
});

async function tts(body: Json): Promise<TtsResponse> {
	const res = await api.post<TtsResponse>('/v1/t2a_v2', body);
	expect(res.status).toBe(200);
	return res.data;
}

async function ok(
	body: Json,
): Promise<Required<Pick<TtsResponse, 'data' | 'extra_info'>> & TtsResponse> {
	const data = await tts(body);
	expect(data.base_resp).toEqual({ status_code: 0, status_msg: 'success' });
	return data as Required<Pick<TtsResponse, 'data' | 'extra_info'>> & TtsResponse;
}

function parseSse(text: string): Json[] {
	return text
		.split('\n\n')
		.filter((block) => block.trim() !== '')
		.map((block) => {
			expect(block.startsWith('data: ')).toBe(true);
			return JSON.parse(block.slice('data: '.length)) as Json;
		});
}

function withPath(path: string, value: unknown): Json {
	const body = base();
	const keys = path.split('.');
	let target: Json = body;
	for (const key of keys.slice(0, -1)) {
		target[key] = (target[key] as Json | undefined) ?? {};
		target = target[key] as Json;
	}
	target[keys[keys.length - 1]] = value;
	return body;
}

describe('sync TTS validation (HTTP 200, base_resp 2013)', () => {
	const cases: Array<[string, unknown, string]> = [
		['model', undefined, 'model'],
		['model', 'speech-3', 'model'],
		['model', 28, 'model: Mismatch type'],
		['text', undefined, 'text'],
		['text', '', 'text'],
		['text', 'x'.repeat(10_000), 'text'],
		['voice_setting', ['English_expressive_narrator'], 'voice_setting: Mismatch type'],
		['voice_setting.voice_id', undefined, 'voice_setting.voice_id'],
		['voice_setting.speed', 0.4, 'voice_setting.speed'],
		['voice_setting.speed', 2.1, 'voice_setting.speed'],
		['voice_setting.speed', '1', 'voice_setting.speed: Mismatch type'],
		['voice_setting.vol', 0, 'voice_setting.vol'],
		['voice_setting.vol', 10.5, 'voice_setting.vol'],
		['voice_setting.pitch', 1.5, 'voice_setting.pitch'],
		['voice_setting.pitch', 13, 'voice_setting.pitch'],
		['voice_setting.emotion', 'neutral', 'voice_setting.emotion'],
		['voice_setting.emotion', 'whisper', 'voice_setting.emotion'],
		['voice_setting.text_normalization', 'yes', 'voice_setting.text_normalization'],
		['voice_setting.latex_read', 1, 'voice_setting.latex_read'],
		['text_normalization', 'true', 'text_normalization'],
		['audio_setting.sample_rate', 48000, 'audio_setting.sample_rate'],
		['audio_setting.bitrate', 320000, 'audio_setting.bitrate'],
		['audio_setting.format', 'ogg', 'audio_setting.format'],
		['audio_setting.channel', 3, 'audio_setting.channel'],
		[
			'pronunciation_dict',
			[{ tone: 'Omg', text: 'Oh my god' }],
			'pronunciation_dict: Mismatch type',
		],
		['pronunciation_dict', { tone: ['Omg Oh my god'] }, 'pronunciation_dict.tone[0]'],
		['pronunciation_dict.tone', 'Omg/Oh my god', 'pronunciation_dict.tone: Mismatch type'],
		['timbre_weights', [], 'timbre_weights'],
		[
			'timbre_weights',
			Array.from({ length: 5 }, () => ({ voice_id: 'Wise_Woman', weight: 10 })),
			'timbre_weights',
		],
		['timbre_weights', [{ voice_id: 'Wise_Woman', weight: 0 }], 'timbre_weights[0].weight'],
		['timbre_weights', [{ voice_id: 'Wise_Woman', weight: 1.5 }], 'timbre_weights[0].weight'],
		['timbre_weights', [{ weight: 10 }], 'timbre_weights[0].voice_id'],
		['language_boost', 'english', 'language_boost'],
		['voice_modify.pitch', 101, 'voice_modify.pitch'],
		['voice_modify.intensity', 2.5, 'voice_modify.intensity'],
		['voice_modify.sound_effects', 'reverb', 'voice_modify.sound_effects'],
		['subtitle_enable', 'true', 'subtitle_enable'],
		['subtitle_type', 'line', 'subtitle_type'],
		['output_format', 'base64', 'output_format'],
		['stream', 'true', 'stream'],
		['stream_options.exclude_aggregated_audio', 1, 'stream_options.exclude_aggregated_audio'],
		['aigc_watermark', 'no', 'aigc_watermark'],
	];

	it.each(cases)('%s = %j', async (path, value, fragment) => {
		const data = await tts(withPath(path, value));
		expect(data.base_resp.status_code).toBe(2013);
		expect(data.base_resp.status_msg).toContain(`invalid params, ${fragment}`);
		expect(data.data).toBeUndefined();
		const entry = sandbox.log[sandbox.log.length - 1];
		expect(entry.baseRespCode).toBe(2013);
		expect(entry.billable).toBeUndefined();
	});

	it('names the PronunciationDict type when the array form is sent', async () => {
		const data = await tts(withPath('pronunciation_dict', [{ tone: 'a', text: 'b' }]));
		expect(data.base_resp.status_msg).toMatch(/Mismatch type.*PronunciationDict/);
	});

	it.each([
		['whisper', 'speech-2.8-turbo', 2013],
		['whisper', 'speech-2.6-hd', 0],
		['fluent', 'speech-02-hd', 2013],
		['fluent', 'speech-2.6-turbo', 0],
		['fluent', 'speech-2.8-hd', 0],
		['calm', 'speech-01-turbo', 0],
	])('emotion %s with %s -> %i', async (emotion, model, code) => {
		const data = await tts({ ...withPath('voice_setting.emotion', emotion), model });
		expect(data.base_resp.status_code).toBe(code);
	});

	it('answers 2054 for an unknown voice id, also inside timbre_weights', async () => {
		const direct = await tts(withPath('voice_setting.voice_id', 'Nobody_Voice'));
		expect(direct.base_resp).toEqual({ status_code: 2054, status_msg: 'voice id not exist' });
		const mixed = await tts({
			...base(),
			voice_setting: {},
			timbre_weights: [
				{ voice_id: 'Wise_Woman', weight: 50 },
				{ voice_id: 'Nobody', weight: 50 },
			],
		});
		expect(mixed.base_resp.status_code).toBe(2054);
	});

	it('accepts boundary values and timbre_weights without voice_id', async () => {
		await ok({
			...base(),
			text: 'x'.repeat(9_999),
			voice_setting: { speed: 2, vol: 10, pitch: -12, text_normalization: true, latex_read: false },
			timbre_weights: [
				{ voice_id: 'Wise_Woman', weight: 1 },
				{ voice_id: 'Deep_Voice_Man', weight: 100 },
			],
			text_normalization: false,
			language_boost: 'Chinese,Yue',
			voice_modify: { pitch: -100, intensity: 100, timbre: 0, sound_effects: 'robotic' },
			audio_setting: { sample_rate: 8000, bitrate: 32000, format: 'mp3', channel: 2 },
			pronunciation_dict: { tone: ['Omg/Oh my god', '处理/(chu3)(li3)'] },
			aigc_watermark: true,
		});
	});
});

describe('sync TTS output', () => {
	it('returns lowercase hex MP3 with truthful extra_info, billed once', async () => {
		const text = 'Hello there. How are you today?';
		const res = await ok({ ...base(), text });
		expect(res.data.status).toBe(2);
		expect(res.data.audio).toMatch(/^[0-9a-f]+$/);
		const audio = Buffer.from(res.data.audio, 'hex');
		expect(res.extra_info).toEqual({
			audio_length: expect.any(Number),
			audio_sample_rate: 32000,
			audio_size: audio.length,
			bitrate: 128000,
			word_count: 6,
			invisible_character_ratio: 0,
			usage_characters: text.length,
			audio_format: 'mp3',
			audio_channel: 1,
		});
		const frames = parseMp3Frames(audio);
		expect(frames.reduce((n, f) => n + f.length, 0)).toBe(audio.length);
		expect(res.extra_info.audio_length).toBe(Math.round((frames.length * 1152 * 1000) / 32000));
		const info = await probe(audio);
		expect(info.format_name).toBe('mp3');
		expect(Math.abs(info.duration * 1000 - res.extra_info.audio_length)).toBeLessThan(30);
		const entry = sandbox.log[sandbox.log.length - 1];
		expect(entry).toMatchObject({ billable: true, baseRespCode: 0, status: 200 });
	});

	it.each([
		['mp3', 32000, 1, 128000, 'mp3', 'mp3'],
		['mp3', 44100, 2, 256000, 'mp3', 'mp3'],
		['mp3', 16000, 1, 64000, 'mp3', 'mp3'],
		['wav', 24000, 2, 128000, 'pcm_s16le', 'wav'],
		['flac', 44100, 1, 128000, 'flac', 'flac'],
		['flac', 22050, 2, 128000, 'flac', 'flac'],
		['pcm', 16000, 1, 128000, 'pcm_s16le', 's16le'],
	])(
		'%s %i Hz %i ch decodes with ffprobe',
		async (format, sampleRate, channels, bitrate, codec, container) => {
			const res = await ok({
				...base(),
				text: 'The quick brown fox jumps.',
				audio_setting: { format, sample_rate: sampleRate, channel: channels, bitrate },
			});
			const audio = Buffer.from(res.data.audio, 'hex');
			expect(res.extra_info).toMatchObject({
				audio_format: format,
				audio_sample_rate: sampleRate,
				audio_channel: channels,
				audio_size: audio.length,
			});
			const info = await probe(audio, {
				decode: true,
				raw: format === 'pcm' ? { sampleRate, channels } : undefined,
			});
			expect(info.errors).toEqual([]);
			expect(info.format_name).toBe(container);
			expect(info.streams).toHaveLength(1);
			expect(info.streams[0]).toMatchObject({
				codec_name: codec,
				sample_rate: sampleRate,
				channels,
			});
			expect(info.duration * 1000).toBeCloseTo(res.extra_info.audio_length, -2);
			if (format === 'mp3') expect(info.streams[0].bit_rate).toBe(res.extra_info.bitrate);
			if (format === 'pcm')
				expect(audio.length).toBe((res.extra_info.audio_length / 1000) * sampleRate * channels * 2);
		},
	);

	it('reports the bitrate the MP3 really has when the requested one does not exist at that rate', async () => {
		const res = await ok({ ...base(), audio_setting: { sample_rate: 16000, bitrate: 256000 } });
		const frames = parseMp3Frames(Buffer.from(res.data.audio, 'hex'));
		expect(frames[0].bitrate).toBe(160000);
		expect(res.extra_info.bitrate).toBe(160000);
	});

	it('makes longer audio for longer text, slower speed and pause markers', async () => {
		const short = await ok({ ...base(), text: 'Hi there.' });
		const long = await ok({
			...base(),
			text: 'Hi there. This sentence is quite a lot longer than the first.',
		});
		const paused = await ok({ ...base(), text: 'Hi there.<#1.5#>' });
		const fast = await ok({
			...base(),
			text: 'Hi there. This sentence is quite a lot longer than the first.',
			voice_setting: { voice_id: 'English_expressive_narrator', speed: 2 },
		});
		expect(long.extra_info.audio_length).toBeGreaterThan(short.extra_info.audio_length * 3);
		expect(paused.extra_info.audio_length - short.extra_info.audio_length).toBeGreaterThan(1400);
		expect(paused.extra_info.audio_length - short.extra_info.audio_length).toBeLessThan(1600);
		expect(fast.extra_info.audio_length).toBeLessThan(long.extra_info.audio_length * 0.6);
		const tiny = await ok({ ...base(), text: 'a' });
		expect(tiny.extra_info.audio_length).toBeGreaterThanOrEqual(500);
	});

	it('is deterministic: same input, same bytes; another voice, other bytes', async () => {
		const a = await ok(base());
		const b = await ok(base());
		const c = await ok(withPath('voice_setting.voice_id', 'Deep_Voice_Man'));
		expect(b.data.audio).toBe(a.data.audio);
		expect(c.data.audio).not.toBe(a.data.audio);
	});

	it('puts a signed download URL in data.audio for output_format url, served without auth', async () => {
		const hex = await ok(base());
		const res = await ok({ ...base(), output_format: 'url' });
		expect(res.data.audio).toMatch(
			new RegExp(
				`^${sandbox.url.replace(/[.:/]/g, '\\$&')}/dl/[0-9a-f]+/[^?]+\\.mp3\\?expires=\\d+&signature=[0-9a-f]{64}$`,
			),
		);
		const download = await axios.get<ArrayBuffer>(res.data.audio, {
			responseType: 'arraybuffer',
			validateStatus: () => true,
		});
		expect(download.status).toBe(200);
		expect(download.headers['content-type']).toBe('audio/mpeg');
		expect(Number(download.headers['content-length'])).toBe(download.data.byteLength);
		expect(Buffer.from(download.data).toString('hex')).toBe(hex.data.audio);
		expect(sandbox.log[sandbox.log.length - 1]).toMatchObject({
			kind: 'download',
			region: null,
			status: 200,
		});
	});

	it('links sentence or word subtitles as JSON with ms timings', async () => {
		const text = 'Hello there. How are you?';
		const sentences = await ok({ ...base(), text, subtitle_enable: true });
		const words = await ok({ ...base(), text, subtitle_enable: true, subtitle_type: 'word' });
		const fetchTitles = async (url: string | undefined) => {
			expect(url).toMatch(/\/dl\//);
			const res = await axios.get<Array<{ text: string; time_begin: number; time_end: number }>>(
				url as string,
			);
			expect(res.headers['content-type']).toBe('application/json');
			return res.data;
		};
		const s = await fetchTitles(sentences.data.subtitle_file);
		expect(s.map((t) => t.text)).toEqual(['Hello there.', 'How are you?']);
		const w = await fetchTitles(words.data.subtitle_file);
		expect(w.map((t) => t.text)).toEqual(['Hello', 'there', 'How', 'are', 'you']);
		for (const list of [s, w]) {
			list.forEach((item, i) => {
				expect(item.time_end).toBeGreaterThan(item.time_begin);
				if (i > 0) expect(item.time_begin).toBeGreaterThanOrEqual(list[i - 1].time_end);
			});
			expect(list[list.length - 1].time_end).toBeLessThanOrEqual(sentences.extra_info.audio_length);
		}
		const plain = await ok({ ...base(), text });
		expect(plain.data.subtitle_file).toBeUndefined();
	});

	it('works on the China host with the China key and activates a fresh clone', async () => {
		sandbox.state.addClonedVoice('MyCloneVoice01', { activated: false });
		const res = await api.post<TtsResponse>(
			`${sandbox.chinaUrl}/v1/t2a_v2`,
			withPath('voice_setting.voice_id', 'MyCloneVoice01'),
			{
				headers: { Authorization: `Bearer ${SANDBOX_KEYS.china}` },
			},
		);
		expect(res.data.base_resp.status_code).toBe(0);
		expect(sandbox.state.findVoice('MyCloneVoice01')?.activated).toBe(true);
	});

	it('flags text that is mostly invisible characters with 1042', async () => {
		const data = await tts({ ...base(), text: 'ab\u200b\u200b\u200b' });
		expect(data.base_resp.status_code).toBe(1042);
	});
});

describe('sync TTS streaming', () => {
	async function stream(body: Json) {
		const res = await api.post<string>(
			'/v1/t2a_v2',
			{ ...body, stream: true },
			{ responseType: 'text' },
		);
		expect(res.status).toBe(200);
		expect(res.headers['content-type']).toBe('text/event-stream');
		return parseSse(res.data);
	}

	it('sends status-1 hex chunks on frame boundaries, then status 2 with extra_info and the whole audio', async () => {
		const events = await stream({
			...base(),
			text: 'Streaming speech arrives in several pieces. Each piece is a few frames.',
		});
		const chunks = events.filter((e) => (e.data as Json | undefined)?.status === 1);
		const final = events[events.length - 1] as unknown as TtsResponse;
		expect(chunks.length).toBeGreaterThanOrEqual(3);
		expect(events).toHaveLength(chunks.length + 1);
		const parts = chunks.map((e) => Buffer.from((e.data as { audio: string }).audio, 'hex'));
		for (const part of parts) {
			const frames = parseMp3Frames(part);
			expect(frames.length).toBeGreaterThan(0);
			expect(frames.reduce((n, f) => n + f.length, 0)).toBe(part.length);
		}
		const whole = Buffer.concat(parts);
		expect(final.data?.status).toBe(2);
		expect(final.data?.audio).toBe(whole.toString('hex'));
		expect(final.extra_info?.audio_size).toBe(whole.length);
		expect(final.base_resp.status_code).toBe(0);
		const nonStream = await ok({
			...base(),
			text: 'Streaming speech arrives in several pieces. Each piece is a few frames.',
		});
		expect(nonStream.data.audio).toBe(whole.toString('hex'));
		expect(sandbox.log[0].billable).toBe(true);
	});

	it('leaves the aggregated audio out when asked', async () => {
		const events = await stream({ ...base(), stream_options: { exclude_aggregated_audio: true } });
		const final = events[events.length - 1] as unknown as TtsResponse;
		expect(final.data).toEqual({ audio: '', status: 2 });
		expect(final.extra_info?.audio_size).toBeGreaterThan(0);
	});

	it('streams pcm and flac too', async () => {
		for (const format of ['pcm', 'flac']) {
			const events = await stream({ ...base(), audio_setting: { format, sample_rate: 16000 } });
			const chunks = events.slice(0, -1).map((e) => (e.data as { audio: string }).audio);
			expect(chunks.join('')).toBe((events[events.length - 1].data as { audio: string }).audio);
		}
	});

	it('reports business errors of a stream request as an SSE event', async () => {
		const wav = await stream({ ...base(), audio_setting: { format: 'wav' } });
		expect(wav).toHaveLength(1);
		expect(wav[0].base_resp).toEqual({
			status_code: 2013,
			status_msg: expect.stringContaining('audio_setting.format'),
		});
		const voice = await stream(withPath('voice_setting.voice_id', 'Nobody'));
		expect((voice[0].base_resp as Json).status_code).toBe(2054);
		expect(sandbox.log.every((e) => e.billable !== true)).toBe(true);
	});
});
