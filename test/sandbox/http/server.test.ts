import axios, { type AxiosInstance } from 'axios';

import { SANDBOX_GROUP_ID, SANDBOX_KEYS, type Sandbox, startSandbox } from '..';

let sandbox: Sandbox;
let http: AxiosInstance;

const voiceQuery = { voice_type: 'system' };

beforeAll(async () => {
	sandbox = await startSandbox();
	http = axios.create({ baseURL: sandbox.url, validateStatus: () => true });
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.reset());

const bearer = (key: string) => ({ Authorization: `Bearer ${key}` });

describe('auth and regions', () => {
	it('binds to loopback and exposes the China host under /china', () => {
		expect(sandbox.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
		expect(sandbox.chinaUrl).toBe(`${sandbox.url}/china`);
	});

	it('answers 1004 on HTTP 200 when the Authorization header is missing', async () => {
		const res = await http.post('/v1/get_voice', voiceQuery);
		expect(res.status).toBe(200);
		expect(res.data.base_resp.status_code).toBe(1004);
		expect(res.data.base_resp.status_msg).toContain("'Authorization' field");
		expect(res.data.trace_id).toMatch(/^[0-9a-f]{32}$/);
		expect(res.headers['trace-id']).toBe(res.data.trace_id);
	});

	it('answers 1004 when the header is not a Bearer token', async () => {
		const res = await http.post('/v1/get_voice', voiceQuery, {
			headers: { Authorization: SANDBOX_KEYS.global },
		});
		expect(res.data.base_resp.status_code).toBe(1004);
	});

	it.each([
		['china key on the global host', '', SANDBOX_KEYS.china],
		['global key on the China host', '/china', SANDBOX_KEYS.global],
		['unknown key', '', 'sk-not-a-key'],
	])('answers 2049 invalid api key for a %s', async (_name, prefix, key) => {
		const res = await http.post(`${prefix}/v1/get_voice`, voiceQuery, { headers: bearer(key) });
		expect(res.status).toBe(200);
		expect(res.data.base_resp).toEqual({ status_code: 2049, status_msg: 'invalid api key' });
	});

	it('accepts each key on its own host', async () => {
		const global = await http.post('/v1/get_voice', voiceQuery, {
			headers: bearer(SANDBOX_KEYS.global),
		});
		const china = await http.post('/china/v1/get_voice', voiceQuery, {
			headers: bearer(SANDBOX_KEYS.china),
		});
		expect(global.data.base_resp.status_code).toBe(0);
		expect(china.data.base_resp.status_code).toBe(0);
		expect(china.data.system_voice.length).toBeGreaterThan(0);
	});

	it('checks an optional GroupId against the key', async () => {
		const wrong = await http.post('/v1/get_voice', voiceQuery, {
			headers: bearer(SANDBOX_KEYS.global),
			params: { GroupId: '42' },
		});
		expect(wrong.data.base_resp).toEqual({
			status_code: 1004,
			status_msg: 'token not match group',
		});
		const right = await http.post('/v1/get_voice', voiceQuery, {
			headers: bearer(SANDBOX_KEYS.global),
			params: { GroupId: SANDBOX_GROUP_ID },
		});
		expect(right.data.base_resp.status_code).toBe(0);
	});
});

describe('routing', () => {
	it.each([
		['POST', '/v1/files'],
		['GET', '/v1/files'],
		['DELETE', '/v1/files'],
		['GET', '/v1/t2a_v2'],
		['POST', '/tts'],
		['POST', '/china/v1/files'],
	])('%s %s is a 404 like the real gateway', async (method, url) => {
		const res = await http.request({ method, url, headers: bearer(SANDBOX_KEYS.global), data: {} });
		expect(res.status).toBe(404);
	});

	it('answers 2013 for a body that is not JSON', async () => {
		const res = await http.post('/v1/get_voice', '{"voice_type":', {
			headers: { ...bearer(SANDBOX_KEYS.global), 'Content-Type': 'application/json' },
		});
		expect(res.status).toBe(200);
		expect(res.data.base_resp.status_code).toBe(2013);
	});
});

describe('request log', () => {
	it('records every request in order with region, path, query, headers, body and outcome', async () => {
		await http.post('/china/v1/get_voice?GroupId=' + SANDBOX_GROUP_ID, voiceQuery, {
			headers: bearer(SANDBOX_KEYS.china),
		});
		await http.post(
			'/v1/get_voice',
			{ voice_type: 'nope' },
			{ headers: bearer(SANDBOX_KEYS.global) },
		);
		await http.get('/v1/unknown');
		expect(sandbox.log.map((e) => e.seq)).toEqual([1, 2, 3]);
		const [china, invalid, missing] = sandbox.log;
		expect(china).toMatchObject({
			region: 'china',
			kind: 'api',
			method: 'POST',
			path: '/v1/get_voice',
			query: { GroupId: SANDBOX_GROUP_ID },
			body: voiceQuery,
			status: 200,
			baseRespCode: 0,
		});
		expect(china.headers.authorization).toBe(`Bearer ${SANDBOX_KEYS.china}`);
		expect(china.billable).toBeUndefined();
		expect(invalid).toMatchObject({ region: 'global', baseRespCode: 2013 });
		expect(missing).toMatchObject({ status: 404, path: '/v1/unknown' });
		expect(missing.baseRespCode).toBeUndefined();
	});

	it('keeps the same array across reset and restarts numbering', async () => {
		const log = sandbox.log;
		await http.get('/v1/unknown');
		expect(log).toHaveLength(1);
		sandbox.reset();
		expect(log).toHaveLength(0);
		await http.get('/v1/unknown');
		expect(log[0].seq).toBe(1);
	});

	it('gives reproducible trace ids for the same seed', async () => {
		const first = await http.post('/v1/get_voice', voiceQuery, {
			headers: bearer(SANDBOX_KEYS.global),
		});
		sandbox.reset();
		const again = await http.post('/v1/get_voice', voiceQuery, {
			headers: bearer(SANDBOX_KEYS.global),
		});
		expect(again.data.trace_id).toBe(first.data.trace_id);
	});
});
