import axios, { type AxiosInstance } from 'axios';
import { deflateRawSync } from 'zlib';

import { EXPIRE_MARKER, FAIL_MARKER, SANDBOX_KEYS, type Sandbox } from '../..';
import { probe } from '../../../support/ffprobe';
import { useSandbox } from '../../testing';

type Json = Record<string, unknown>;

interface CreateResponse {
	task_id: number;
	task_token: string;
	file_id: number;
	usage_characters: number;
	base_resp: { status_code: number; status_msg: string };
}

interface QueryResponse {
	task_id: number;
	status: string;
	file_id: number;
	base_resp: { status_code: number; status_msg: string };
}

/** Minimal ustar reader that also verifies each header checksum. */
function readTar(buf: Buffer): Map<string, Buffer> {
	const entries = new Map<string, Buffer>();
	let pos = 0;
	expect(buf.length % 512).toBe(0);
	while (pos + 512 <= buf.length) {
		const header = buf.subarray(pos, pos + 512);
		if (header.every((b) => b === 0)) break;
		const field = (start: number, length: number) =>
			header
				.subarray(start, start + length)
				.toString('latin1')
				.replace(/\0.*$/s, '');
		expect(field(257, 6)).toBe('ustar');
		const stored = parseInt(field(148, 8).trim(), 8);
		let sum = 0;
		header.forEach((b, i) => (sum += i >= 148 && i < 156 ? 0x20 : b));
		expect(stored).toBe(sum);
		const size = parseInt(field(124, 12).trim(), 8);
		entries.set(field(0, 100), Buffer.from(buf.subarray(pos + 512, pos + 512 + size)));
		pos += 512 + Math.ceil(size / 512) * 512;
	}
	return entries;
}

/** A zip with deflated entries (CRCs left 0: the sandbox reads through the central directory only). */
function makeZip(files: Record<string, string>): Buffer {
	const locals: Buffer[] = [];
	const centrals: Buffer[] = [];
	let offset = 0;
	for (const [name, text] of Object.entries(files)) {
		const data = deflateRawSync(Buffer.from(text));
		const nameBytes = Buffer.from(name);
		const local = Buffer.alloc(30);
		local.writeUInt32LE(0x04034b50, 0);
		local.writeUInt16LE(8, 8);
		local.writeUInt32LE(data.length, 18);
		local.writeUInt32LE(Buffer.byteLength(text), 22);
		local.writeUInt16LE(nameBytes.length, 26);
		const central = Buffer.alloc(46);
		central.writeUInt32LE(0x02014b50, 0);
		central.writeUInt16LE(8, 10);
		central.writeUInt32LE(data.length, 20);
		central.writeUInt32LE(Buffer.byteLength(text), 24);
		central.writeUInt16LE(nameBytes.length, 28);
		central.writeUInt32LE(offset, 42);
		locals.push(local, nameBytes, data);
		centrals.push(central, nameBytes);
		offset += 30 + nameBytes.length + data.length;
	}
	const directory = Buffer.concat(centrals);
	const end = Buffer.alloc(22);
	end.writeUInt32LE(0x06054b50, 0);
	end.writeUInt16LE(Object.keys(files).length, 8);
	end.writeUInt16LE(Object.keys(files).length, 10);
	end.writeUInt32LE(directory.length, 12);
	end.writeUInt32LE(offset, 16);
	return Buffer.concat([...locals, directory, end]);
}

let sandbox: Sandbox;
let api: AxiosInstance;

useSandbox((started, client) => {
	sandbox = started;
	api = client;
});

const request = (extra: Json = {}): Json => ({
	model: 'speech-2.8-hd',
	text: 'A long chapter begins. It has two sentences.',
	voice_setting: {
		voice_id: 'English_expressive_narrator',
		speed: 1,
		vol: 1,
		pitch: 0,
		english_normalization: true,
	},
	audio_setting: { audio_sample_rate: 24000, bitrate: 128000, format: 'mp3', channel: 2 },
	...extra,
});

async function create(body: Json): Promise<CreateResponse> {
	const res = await api.post<CreateResponse>('/v1/t2a_async_v2', body);
	expect(res.status).toBe(200);
	return res.data;
}

async function query(taskId: number | string, prefix = ''): Promise<QueryResponse> {
	const res = await api.get<QueryResponse>(`${prefix}/v1/query/t2a_async_query_v2`, {
		params: { task_id: taskId },
	});
	expect(res.status).toBe(200);
	return res.data;
}

async function upload(name: string, data: Buffer, purpose = 't2a_async_input'): Promise<number> {
	const form = new FormData();
	form.append('purpose', purpose);
	form.append('file', new Blob([data]), name);
	const res = await api.post<{ file: { file_id: number } }>('/v1/files/upload', form);
	return res.data.file.file_id;
}

describe('async TTS', () => {
	it('creates a task with numeric ids, bills it, and reports Processing then Success', async () => {
		const created = await create(request());
		expect(created.base_resp).toEqual({ status_code: 0, status_msg: 'success' });
		expect(Number.isSafeInteger(created.task_id)).toBe(true);
		expect(Number.isSafeInteger(created.file_id)).toBe(true);
		expect(created.task_token).toMatch(/^eyJ/);
		expect(created.usage_characters).toBe(44);
		expect(sandbox.log[0]).toMatchObject({ billable: true, jobId: String(created.task_id) });

		const early = await query(created.task_id);
		expect(early).toMatchObject({
			task_id: created.task_id,
			status: 'Processing',
			base_resp: { status_code: 0 },
		});
		const notYet = await api.get('/v1/files/retrieve', { params: { file_id: created.file_id } });
		expect(notYet.data.base_resp.status_code).toBe(2013);

		sandbox.advanceTime(2100);
		const done = await query(created.task_id);
		expect(done).toMatchObject({ status: 'Success', file_id: created.file_id });
		expect(sandbox.log.filter((e) => e.billable)).toHaveLength(1);
	});

	it('progresses in real time divided by timeScale', async () => {
		// ~2.1 s of virtual processing is ~420 ms real at 5x: wide margins on both sides for a loaded CI machine.
		sandbox.setTimeScale(5);
		const created = await create(request());
		expect((await query(created.task_id)).status).toBe('Processing');
		await new Promise((resolve) => setTimeout(resolve, 900));
		expect((await query(created.task_id)).status).toBe('Success');
	});

	it('delivers a tar with the audio, sentence subtitles and extra info', async () => {
		const created = await create(request());
		sandbox.advanceTime(10_000);
		await query(created.task_id);
		const retrieved = await api.get<{ file: Json }>('/v1/files/retrieve', {
			params: { file_id: created.file_id },
		});
		expect(retrieved.data.file).toMatchObject({
			file_id: created.file_id,
			purpose: 't2a_async',
			filename: `${created.task_id}.tar`,
		});
		const download = await axios.get<ArrayBuffer>(retrieved.data.file.download_url as string, {
			responseType: 'arraybuffer',
		});
		expect(download.headers['content-type']).toBe('application/x-tar');
		const tar = Buffer.from(download.data);
		expect(retrieved.data.file.bytes).toBe(tar.length);
		const entries = readTar(tar);
		const id = created.task_id;
		expect([...entries.keys()]).toEqual([`${id}.mp3`, `${id}.titles`, `${id}.extra`]);
		const titles = JSON.parse(entries.get(`${id}.titles`)?.toString() ?? '') as Array<{
			text: string;
			time_begin: number;
			time_end: number;
		}>;
		expect(titles.map((t) => t.text)).toEqual(['A long chapter begins.', 'It has two sentences.']);
		const extra = JSON.parse(entries.get(`${id}.extra`)?.toString() ?? '') as Json;
		const audio = entries.get(`${id}.mp3`) as Buffer;
		expect(extra).toMatchObject({
			audio_size: audio.length,
			audio_sample_rate: 24000,
			audio_channel: 2,
			audio_format: 'mp3',
		});
		const info = await probe(audio);
		expect(info.streams[0]).toMatchObject({ codec_name: 'mp3', sample_rate: 24000, channels: 2 });
		expect(info.duration * 1000).toBeCloseTo(extra.audio_length as number, -2);
		expect(titles[1].time_end).toBeLessThanOrEqual(extra.audio_length as number);

		const content = await api.get<ArrayBuffer>('/v1/files/retrieve_content', {
			params: { file_id: created.file_id },
			responseType: 'arraybuffer',
		});
		expect(Buffer.from(content.data).equals(tar)).toBe(true);
		const listed = await api.get<{ files: Json[] }>('/v1/files/list', {
			params: { purpose: 't2a_async' },
		});
		expect(listed.data.files.map((f) => f.file_id)).toEqual([created.file_id]);
	});

	it.each([
		[FAIL_MARKER, 'Failed'],
		[EXPIRE_MARKER, 'Expired'],
	])('ends %s tasks as %s, without a result file', async (marker, status) => {
		const created = await create(request({ text: `Some text ${marker} here.` }));
		expect((await query(created.task_id)).status).toBe('Processing');
		sandbox.advanceTime(60_000);
		expect((await query(created.task_id)).status).toBe(status);
		const retrieve = await api.get('/v1/files/retrieve', { params: { file_id: created.file_id } });
		expect(retrieve.data.base_resp.status_code).toBe(2013);
	});

	it('lets a test force the status', async () => {
		const created = await create(request());
		sandbox.state.forceTaskStatus(created.task_id, 'Failed');
		expect((await query(created.task_id)).status).toBe('Failed');
		sandbox.state.forceTaskStatus(String(created.task_id), 'Success');
		expect((await query(created.task_id)).status).toBe('Success');
		expect(() => sandbox.state.forceTaskStatus(1, 'Success')).toThrow();
	});

	it('reads the text from an uploaded t2a_async_input file given as a JSON number', async () => {
		const fileId = await upload('chapter.txt', Buffer.from('Text from a file. Spoken aloud.'));
		const asString = await create(request({ text: undefined, text_file_id: String(fileId) }));
		expect(asString.base_resp.status_code).toBe(2013);
		expect(asString.base_resp.status_msg).toContain('text_file_id: Mismatch type');
		const created = await create(request({ text: undefined, text_file_id: fileId }));
		expect(created.base_resp.status_code).toBe(0);
		expect(created.usage_characters).toBe(31);
		sandbox.advanceTime(10_000);
		const content = await api.get<ArrayBuffer>('/v1/files/retrieve_content', {
			params: { file_id: created.file_id },
			responseType: 'arraybuffer',
		});
		const titles = readTar(Buffer.from(content.data)).get(`${created.task_id}.titles`);
		expect(JSON.parse(titles?.toString() ?? '[]')).toHaveLength(2);
	});

	it('reads numbered parts of a zip input in order', async () => {
		const zip = makeZip({
			'2.json': JSON.stringify({ text: 'Second part.' }),
			'1.txt': 'First part.',
			'10.txt': 'Tenth part.',
		});
		const fileId = await upload('book.zip', zip);
		const created = await create(request({ text: undefined, text_file_id: fileId }));
		expect(created.base_resp.status_code).toBe(0);
		sandbox.advanceTime(10_000);
		const content = await api.get<ArrayBuffer>('/v1/files/retrieve_content', {
			params: { file_id: created.file_id },
			responseType: 'arraybuffer',
		});
		const titles = JSON.parse(
			readTar(Buffer.from(content.data)).get(`${created.task_id}.titles`)?.toString() ?? '[]',
		) as Array<{ text: string }>;
		expect(titles.map((t) => t.text)).toEqual(['First part.', 'Second part.', 'Tenth part.']);
	});

	it('uses audio_setting.audio_sample_rate; sample_rate is not an async field', async () => {
		const created = await create(request({ audio_setting: { sample_rate: 16000, format: 'wav' } }));
		sandbox.advanceTime(10_000);
		const content = await api.get<ArrayBuffer>('/v1/files/retrieve_content', {
			params: { file_id: created.file_id },
			responseType: 'arraybuffer',
		});
		const wav = readTar(Buffer.from(content.data)).get(`${created.task_id}.wav`) as Buffer;
		const info = await probe(wav);
		expect(info.streams[0]).toMatchObject({
			codec_name: 'pcm_s16le',
			sample_rate: 32000,
			channels: 1,
		});
	});

	it.each([
		['no text', { text: undefined }, 'text'],
		['text and file', { text_file_id: 1 }, 'text'],
		['text too long', { text: 'x'.repeat(50_001) }, 'text'],
		['unknown file', { text: undefined, text_file_id: 123 }, 'text_file_id'],
		['bad model', { model: 'speech-9' }, 'model'],
		[
			'bad sample rate',
			{ audio_setting: { audio_sample_rate: 12000 } },
			'audio_setting.audio_sample_rate',
		],
		['array pronunciation_dict', { pronunciation_dict: [] }, 'pronunciation_dict'],
	])('rejects %s with 2013', async (_name, extra, field) => {
		const res = await create(request(extra));
		expect(res.base_resp.status_code).toBe(2013);
		expect(res.base_resp.status_msg).toContain(`invalid params, ${field}`);
		expect(sandbox.log[sandbox.log.length - 1].billable).toBeUndefined();
	});

	it('accepts exactly 50,000 characters', async () => {
		const res = await create(request({ text: 'x'.repeat(50_000) }));
		expect(res.base_resp.status_code).toBe(0);
	});

	it('rejects a file of another purpose and unknown or malformed task ids', async () => {
		const fileId = await upload('voice.mp3', Buffer.from('ID3fake'), 'voice_clone');
		expect(
			(await create(request({ text: undefined, text_file_id: fileId }))).base_resp.status_code,
		).toBe(2013);
		expect((await query(999)).base_resp.status_code).toBe(2013);
		expect((await query('abc')).base_resp.status_code).toBe(2013);
		const missing = await api.get<QueryResponse>('/v1/query/t2a_async_query_v2');
		expect(missing.data.base_resp.status_code).toBe(2013);
	});

	it('keeps tasks on the platform that created them', async () => {
		const created = await create(request());
		const china = await api.get<QueryResponse>(`${sandbox.chinaUrl}/v1/query/t2a_async_query_v2`, {
			params: { task_id: created.task_id },
			headers: { Authorization: `Bearer ${SANDBOX_KEYS.china}` },
		});
		expect(china.data.base_resp.status_code).toBe(2013);
	});
});
