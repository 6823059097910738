import axios, { type AxiosInstance } from 'axios';

import { SANDBOX_KEYS, type Sandbox } from '../..';
import { useSandbox } from '../../testing';

type Json = Record<string, unknown>;

interface FileObject {
	file_id: number;
	bytes: number;
	created_at: number;
	filename: string;
	purpose: string;
	download_url?: string;
}

let sandbox: Sandbox;
let api: AxiosInstance;

useSandbox((started, client) => {
	sandbox = started;
	api = client;
});

/** Binary payload containing CRLF and dashes, to trip naive multipart parsers. */
const sample = Buffer.concat([
	Buffer.from('ID3'),
	Buffer.from('\r\n--\r\n--boundary-ish\r\n'),
	Buffer.from(Array.from({ length: 2048 }, (_, i) => i % 256)),
]);

async function upload(purpose: string | undefined, name: string | undefined, data = sample) {
	const form = new FormData();
	if (purpose !== undefined) form.append('purpose', purpose);
	if (name !== undefined) form.append('file', new Blob([data], { type: 'audio/mpeg' }), name);
	return api.post<{ file: FileObject; base_resp: { status_code: number; status_msg: string } }>(
		'/v1/files/upload',
		form,
	);
}

async function uploaded(
	purpose = 'voice_clone',
	name = 'sample.mp3',
	data = sample,
): Promise<FileObject> {
	const res = await upload(purpose, name, data);
	expect(res.data.base_resp.status_code).toBe(0);
	return res.data.file;
}

describe('files/upload', () => {
	it('stores a multipart file and answers a file object with a numeric id', async () => {
		const res = await upload('voice_clone', 'sample.mp3');
		expect(res.status).toBe(200);
		const file = res.data.file;
		expect(file).toEqual({
			file_id: expect.any(Number),
			bytes: sample.length,
			created_at: expect.any(Number),
			filename: 'sample.mp3',
			purpose: 'voice_clone',
		});
		expect(Number.isSafeInteger(file.file_id)).toBe(true);
		expect(Math.abs(file.created_at - Date.now() / 1000)).toBeLessThan(5);
		expect(JSON.stringify(res.data)).toContain(`"file_id":${file.file_id}`);
		expect(sandbox.log[0].body).toEqual({
			fields: { purpose: 'voice_clone' },
			files: [
				{ field: 'file', filename: 'sample.mp3', contentType: 'audio/mpeg', bytes: sample.length },
			],
		});
		const second = await uploaded('prompt_audio', 'prompt.wav');
		expect(second.file_id).not.toBe(file.file_id);
	});

	it('parses a hand-written body with a quoted boundary and a UTF-8 file name', async () => {
		const boundary = 'x-Quoted_Boundary';
		const body = Buffer.concat([
			Buffer.from(
				`--${boundary}\r\nContent-Disposition: form-data; name="purpose"\r\n\r\nt2a_async_input\r\n`,
			),
			Buffer.from(
				`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="x.txt"; filename*=UTF-8''%E7%AB%A0%E8%8A%82.txt\r\n`,
			),
			Buffer.from('Content-Type: text/plain\r\n\r\n'),
			Buffer.from('第一章。\r\n--not the end\r\n'),
			Buffer.from(`\r\n--${boundary}--\r\n`),
		]);
		const res = await api.post('/v1/files/upload', body, {
			headers: { 'Content-Type': `multipart/form-data; boundary="${boundary}"` },
		});
		expect(res.data.base_resp.status_code).toBe(0);
		expect(res.data.file.filename).toBe('章节.txt');
		const content = await api.get<ArrayBuffer>('/v1/files/retrieve_content', {
			params: { file_id: res.data.file.file_id },
			responseType: 'arraybuffer',
		});
		expect(Buffer.from(content.data).toString()).toBe('第一章。\r\n--not the end\r\n');
	});

	it.each([
		['missing purpose', undefined, 'a.mp3', 'purpose'],
		['unknown purpose', 'retrieval', 'a.mp3', 'purpose'],
		['system purpose', 't2a_async', 'a.mp3', 'purpose'],
		['missing file', 'voice_clone', undefined, 'file'],
		['wrong extension for voice_clone', 'voice_clone', 'a.ogg', 'file'],
		['wrong extension for t2a_async_input', 't2a_async_input', 'a.mp3', 'file'],
	])('rejects %s with 2013', async (_name, purpose, filename, field) => {
		const res = await upload(purpose, filename);
		expect(res.status).toBe(200);
		expect(res.data.base_resp.status_code).toBe(2013);
		expect(res.data.base_resp.status_msg).toContain(`invalid params, ${field}`);
	});

	it('rejects a JSON body and a truncated multipart body', async () => {
		const json = await api.post('/v1/files/upload', { purpose: 'voice_clone' });
		expect(json.data.base_resp.status_code).toBe(2013);
		const truncated = await api.post(
			'/v1/files/upload',
			Buffer.from('--b\r\nContent-Disposition: form-data; name="purpose"\r\n\r\nvoice_clone'),
			{
				headers: { 'Content-Type': 'multipart/form-data; boundary=b' },
			},
		);
		expect(truncated.data.base_resp.status_code).toBe(2013);
	});
});

describe('files/list, retrieve, retrieve_content, delete', () => {
	it('lists by required purpose', async () => {
		const clone = await uploaded('voice_clone', 'a.mp3');
		await uploaded('prompt_audio', 'b.m4a');
		const list = await api.get<{ files: FileObject[] }>('/v1/files/list', {
			params: { purpose: 'voice_clone' },
		});
		expect(list.data.files).toEqual([clone]);
		const empty = await api.get<{ files: FileObject[] }>('/v1/files/list', {
			params: { purpose: 'video_generation' },
		});
		expect(empty.data.files).toEqual([]);
		expect((await api.get('/v1/files/list')).data.base_resp.status_code).toBe(2013);
		expect(
			(await api.get('/v1/files/list', { params: { purpose: 'all' } })).data.base_resp.status_code,
		).toBe(2013);
	});

	it('returns raw bytes with the right Content-Type and Content-Length', async () => {
		const file = await uploaded();
		const res = await api.get<ArrayBuffer>('/v1/files/retrieve_content', {
			params: { file_id: file.file_id },
			responseType: 'arraybuffer',
		});
		expect(res.status).toBe(200);
		expect(res.headers['content-type']).toBe('audio/mpeg');
		expect(Number(res.headers['content-length'])).toBe(sample.length);
		expect(Buffer.from(res.data).equals(sample)).toBe(true);
	});

	it('answers 2013 for unknown, malformed or missing file ids', async () => {
		for (const params of [{ file_id: 12345 }, { file_id: 'abc' }, {}]) {
			const retrieve = await api.get('/v1/files/retrieve', { params });
			expect(retrieve.data.base_resp.status_code).toBe(2013);
			const content = await api.get('/v1/files/retrieve_content', { params });
			expect(content.data.base_resp.status_code).toBe(2013);
		}
	});

	it('deletes with a numeric file_id and matching purpose', async () => {
		const file = await uploaded();
		const asString = await api.post('/v1/files/delete', {
			file_id: String(file.file_id),
			purpose: 'voice_clone',
		});
		expect(asString.data.base_resp.status_code).toBe(2013);
		const wrongPurpose = await api.post('/v1/files/delete', {
			file_id: file.file_id,
			purpose: 'prompt_audio',
		});
		expect(wrongPurpose.data.base_resp.status_code).toBe(2013);
		const noPurpose = await api.post('/v1/files/delete', { file_id: file.file_id });
		expect(noPurpose.data.base_resp.status_code).toBe(2013);
		const retrieved = await api.get<{ file: FileObject }>('/v1/files/retrieve', {
			params: { file_id: file.file_id },
		});
		const deleted = await api.post('/v1/files/delete', {
			file_id: file.file_id,
			purpose: 'voice_clone',
		});
		expect(deleted.data).toMatchObject({ file_id: file.file_id, base_resp: { status_code: 0 } });
		expect(
			(await api.get('/v1/files/retrieve', { params: { file_id: file.file_id } })).data.base_resp
				.status_code,
		).toBe(2013);
		const gone = await axios.get(retrieved.data.file.download_url as string, {
			validateStatus: () => true,
		});
		expect(gone.status).toBe(404);
		expect(gone.data).toContain('<Code>NoSuchKey</Code>');
	});

	it('keeps files apart per platform', async () => {
		const file = await uploaded();
		const china = await api.get(`${sandbox.chinaUrl}/v1/files/retrieve`, {
			params: { file_id: file.file_id },
			headers: { Authorization: `Bearer ${SANDBOX_KEYS.china}` },
		});
		expect(china.data.base_resp.status_code).toBe(2013);
	});
});

describe('signed download URLs', () => {
	async function downloadUrl(): Promise<string> {
		const file = await uploaded();
		const res = await api.get<{ file: FileObject }>('/v1/files/retrieve', {
			params: { file_id: file.file_id },
		});
		expect(res.data.file).toMatchObject({
			...file,
			download_url: expect.stringMatching(/\/dl\/.+\?expires=\d+&signature=[0-9a-f]+$/),
		});
		return res.data.file.download_url as string;
	}

	it('serves the object without auth, with Content-Type and Content-Length', async () => {
		const url = await downloadUrl();
		const res = await axios.get<ArrayBuffer>(url, { responseType: 'arraybuffer' });
		expect(res.status).toBe(200);
		expect(res.headers['content-type']).toBe('audio/mpeg');
		expect(Number(res.headers['content-length'])).toBe(sample.length);
		expect(Buffer.from(res.data).equals(sample)).toBe(true);
		expect(sandbox.log[sandbox.log.length - 1]).toMatchObject({
			kind: 'download',
			region: null,
			status: 200,
		});
	});

	it('answers a byte range with 206', async () => {
		const url = await downloadUrl();
		const res = await axios.get<ArrayBuffer>(url, {
			responseType: 'arraybuffer',
			headers: { Range: 'bytes=3-9' },
		});
		expect(res.status).toBe(206);
		expect(res.headers['content-range']).toBe(`bytes 3-9/${sample.length}`);
		expect(Buffer.from(res.data).equals(sample.subarray(3, 10))).toBe(true);
	});

	it('refuses a request that also carries an Authorization header (400) and logs the header', async () => {
		const url = await downloadUrl();
		const res = await axios.get<string>(url, {
			headers: { Authorization: `Bearer ${SANDBOX_KEYS.global}` },
			validateStatus: () => true,
		});
		expect(res.status).toBe(400);
		expect(res.headers['content-type']).toBe('application/xml');
		expect(res.data).toContain('<Code>InvalidArgument</Code>');
		const entry = sandbox.log[sandbox.log.length - 1];
		expect(entry).toMatchObject({ kind: 'download', status: 400 });
		expect(entry.headers.authorization).toBe(`Bearer ${SANDBOX_KEYS.global}`);
	});

	it('expires after 9 h of virtual time (403 AccessDenied)', async () => {
		const url = await downloadUrl();
		sandbox.advanceTime(9 * 3600 * 1000 - 5000);
		expect((await axios.get(url, { validateStatus: () => true })).status).toBe(200);
		sandbox.advanceTime(10_000);
		const res = await axios.get<string>(url, { validateStatus: () => true });
		expect(res.status).toBe(403);
		expect(res.data).toContain('<Code>AccessDenied</Code>');
		expect(res.data).toContain('Request has expired');
		const fresh = await downloadUrl();
		expect((await axios.get(fresh, { validateStatus: () => true })).status).toBe(200);
	});

	it('rejects a tampered signature or expiry', async () => {
		const url = await downloadUrl();
		const tampered = url.replace(/expires=(\d+)/, (_m, n: string) => `expires=${Number(n) + 3600}`);
		const res = await axios.get<string>(tampered, { validateStatus: () => true });
		expect(res.status).toBe(403);
		expect(res.data).toContain('SignatureDoesNotMatch');
	});
});

describe('file ids', () => {
	it('are JSON numbers below 2^53 and stay unique', async () => {
		const ids = new Set<number>();
		for (let i = 0; i < 5; i++) ids.add((await uploaded('voice_clone', `s${i}.wav`)).file_id);
		expect(ids.size).toBe(5);
		for (const id of ids) expect(id).toBeLessThan(2 ** 53);
		const raw = await api.get<string>('/v1/files/list', {
			params: { purpose: 'voice_clone' },
			responseType: 'text',
		});
		expect(raw.data).toMatch(/"file_id":\d{15},/);
		const list = JSON.parse(raw.data) as { files: Json[] };
		expect(list.files).toHaveLength(5);
	});
});
