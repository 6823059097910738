import axios, { type AxiosError, type AxiosInstance } from 'axios';

import { SANDBOX_KEYS, type Sandbox } from '..';
import { useSandbox } from '../testing';

let sandbox: Sandbox;
let api: AxiosInstance;

useSandbox(
	(started, client) => {
		sandbox = started;
		api = client;
	},
	{ seed: 7 },
);

const tts = {
	model: 'speech-2.8-turbo',
	text: 'Fault injection.',
	voice_setting: { voice_id: 'Wise_Woman' },
};
const last = () => sandbox.log[sandbox.log.length - 1];

async function networkError(promise: Promise<unknown>): Promise<AxiosError> {
	try {
		await promise;
	} catch (error) {
		return error as AxiosError;
	}
	throw new Error('expected the request to fail at the network level');
}

describe('faults', () => {
	it('base_resp: HTTP 200 with the given code, no paid generation, then normal again', async () => {
		sandbox.faults.add({ path: '/v1/t2a_v2', kind: 'base_resp', code: 1008 });
		const faulted = await api.post('/v1/t2a_v2', tts);
		expect(faulted.status).toBe(200);
		expect(faulted.data.base_resp).toEqual({
			status_code: 1008,
			status_msg: 'insufficient balance',
		});
		expect(faulted.data.data).toBeUndefined();
		expect(last()).toMatchObject({ fault: 'base_resp', baseRespCode: 1008, status: 200 });
		expect(last().billable).toBeUndefined();
		const normal = await api.post('/v1/t2a_v2', tts);
		expect(normal.data.base_resp.status_code).toBe(0);
		expect(last()).toMatchObject({ billable: true });
		expect(last().fault).toBeUndefined();
	});

	it('rate_limit: 1002 rate limit exceeded(RPM)', async () => {
		sandbox.faults.add({ kind: 'rate_limit', times: 2 });
		for (let i = 0; i < 2; i++) {
			const res = await api.post('/v1/t2a_v2', tts);
			expect(res.data.base_resp).toEqual({
				status_code: 1002,
				status_msg: 'rate limit exceeded(RPM)',
			});
		}
		expect((await api.post('/v1/t2a_v2', tts)).data.base_resp.status_code).toBe(0);
	});

	it('http_status: real status, MiniMax-like body, Retry-After; 429 carries 1002', async () => {
		sandbox.faults.add({ kind: 'http_status', status: 503, retryAfter: 2 });
		const unavailable = await api.post('/v1/t2a_v2', tts);
		expect(unavailable.status).toBe(503);
		expect(unavailable.headers['retry-after']).toBe('2');
		expect(unavailable.data.base_resp.status_code).toBe(1000);
		sandbox.faults.add({ kind: 'http_status', status: 429 });
		const limited = await api.post('/v1/t2a_v2', tts);
		expect(limited.status).toBe(429);
		expect(limited.headers['retry-after']).toBeUndefined();
		expect(limited.data.base_resp.status_code).toBe(1002);
		sandbox.faults.add({ kind: 'http_status' });
		expect((await api.post('/v1/t2a_v2', tts)).status).toBe(500);
		expect(sandbox.log.every((e) => e.billable !== true)).toBe(true);
	});

	it('reset: the connection drops before any response', async () => {
		sandbox.faults.add({ path: '/v1/t2a_v2', kind: 'reset' });
		const error = await networkError(api.post('/v1/t2a_v2', tts));
		expect(error.response).toBeUndefined();
		expect(['ECONNRESET', 'ERR_BAD_RESPONSE']).toContain(error.code);
		expect(last()).toMatchObject({ fault: 'reset', status: 0 });
		expect(last().billable).toBeUndefined();
	});

	it('reset_mid_body: headers and part of the real body, then a reset', async () => {
		sandbox.faults.add({ path: '/v1/t2a_v2', kind: 'reset_mid_body' });
		const error = await networkError(api.post('/v1/t2a_v2', tts));
		expect(error.response).toBeUndefined();
		expect(last()).toMatchObject({ fault: 'reset_mid_body', status: 200, baseRespCode: 0 });
		expect((await api.post('/v1/t2a_v2', tts)).data.base_resp.status_code).toBe(0);
	});

	it('slow: delays, then answers normally', async () => {
		sandbox.faults.add({ kind: 'slow', delayMs: 300 });
		const started = Date.now();
		const res = await api.post('/v1/t2a_v2', tts);
		expect(Date.now() - started).toBeGreaterThanOrEqual(290);
		expect(res.data.base_resp.status_code).toBe(0);
		expect(last()).toMatchObject({ fault: 'slow', billable: true });
	});

	it('malformed_json: HTTP 200 with truncated JSON', async () => {
		sandbox.faults.add({ kind: 'malformed_json' });
		const res = await api.post<string>('/v1/t2a_v2', tts, {
			responseType: 'text',
			transitional: { silentJSONParsing: true },
		});
		expect(res.status).toBe(200);
		expect(res.headers['content-type']).toContain('application/json');
		expect(() => JSON.parse(res.data)).toThrow();
		expect(last()).toMatchObject({ fault: 'malformed_json' });
	});

	it('expired_url: a valid download answers 403 expired, API calls are not affected', async () => {
		sandbox.faults.add({ kind: 'expired_url' });
		const res = await api.post('/v1/t2a_v2', { ...tts, output_format: 'url' });
		expect(res.data.base_resp.status_code).toBe(0);
		const expired = await axios.get<string>(res.data.data.audio, { validateStatus: () => true });
		expect(expired.status).toBe(403);
		expect(expired.data).toContain('Request has expired');
		expect(last()).toMatchObject({ kind: 'download', fault: 'expired_url', status: 403 });
		expect((await axios.get(res.data.data.audio, { validateStatus: () => true })).status).toBe(200);
	});

	it('download faults: reset and http_status hit downloads too', async () => {
		const res = await api.post('/v1/t2a_v2', { ...tts, output_format: 'url' });
		sandbox.faults.add({ path: /^\/dl\//, kind: 'reset' });
		const error = await networkError(axios.get(res.data.data.audio));
		expect(error.response).toBeUndefined();
		sandbox.faults.add({ path: /^\/dl\//, kind: 'http_status', status: 503, retryAfter: 1 });
		const busy = await axios.get<string>(res.data.data.audio, { validateStatus: () => true });
		expect(busy.status).toBe(503);
		expect(busy.headers['retry-after']).toBe('1');
		expect(busy.data).toContain('<Code>SlowDown</Code>');
	});

	it('matches on method and RegExp path, under the China prefix too', async () => {
		sandbox.faults.add({ path: /get_voice$/, method: 'GET', kind: 'rate_limit', times: Infinity });
		const post = await api.post('/v1/get_voice', { voice_type: 'system' });
		expect(post.data.base_resp.status_code).toBe(0);
		sandbox.faults.clear();
		sandbox.faults.add({ path: '/v1/get_voice', kind: 'base_resp', code: 1000, times: Infinity });
		const china = await api.post(
			`${sandbox.chinaUrl}/v1/get_voice`,
			{ voice_type: 'system' },
			{ headers: { Authorization: `Bearer ${SANDBOX_KEYS.china}` } },
		);
		expect(china.data.base_resp.status_code).toBe(1000);
		expect(
			(await api.post('/v1/get_voice', { voice_type: 'system' })).data.base_resp.status_code,
		).toBe(1000);
		expect(sandbox.faults.list()).toHaveLength(1);
		expect(sandbox.faults.list()[0].hits).toBe(2);
		sandbox.faults.clear();
		expect(
			(await api.post('/v1/get_voice', { voice_type: 'system' })).data.base_resp.status_code,
		).toBe(0);
	});

	it('fires probabilistic faults reproducibly from the seed', async () => {
		const run = async () => {
			sandbox.reset();
			sandbox.faults.add({ kind: 'rate_limit', probability: 0.5, times: Infinity });
			const codes: number[] = [];
			for (let i = 0; i < 16; i++)
				codes.push(
					(await api.post('/v1/get_voice', { voice_type: 'system' })).data.base_resp.status_code,
				);
			return codes;
		};
		const first = await run();
		const hits = first.filter((c) => c === 1002).length;
		expect(hits).toBeGreaterThan(0);
		expect(hits).toBeLessThan(16);
		expect(await run()).toEqual(first);
		sandbox.reset();
		sandbox.faults.add({ kind: 'rate_limit', probability: 0, times: Infinity });
		for (let i = 0; i < 5; i++)
			expect(
				(await api.post('/v1/get_voice', { voice_type: 'system' })).data.base_resp.status_code,
			).toBe(0);
		expect(sandbox.faults.list()[0].hits).toBe(0);
	});

	it('validates fault specs', () => {
		expect(() => sandbox.faults.add({ kind: 'explode' as 'reset' })).toThrow(/unknown fault kind/);
		expect(() => sandbox.faults.add({ kind: 'reset', probability: 2 })).toThrow(RangeError);
		expect(() => sandbox.faults.add({ kind: 'reset', times: 0 })).toThrow(RangeError);
	});
});

describe('latency and time', () => {
	it('adds latency to every API response', async () => {
		sandbox.setLatency(150);
		const started = Date.now();
		await api.post('/v1/get_voice', { voice_type: 'system' });
		expect(Date.now() - started).toBeGreaterThanOrEqual(145);
		sandbox.reset();
		const quick = Date.now();
		await api.post('/v1/get_voice', { voice_type: 'system' });
		expect(Date.now() - quick).toBeLessThan(145);
	});

	it('rejects bad time scale and latency values', () => {
		expect(() => sandbox.setTimeScale(0)).toThrow(RangeError);
		expect(() => sandbox.setLatency(-1)).toThrow(RangeError);
		expect(() => sandbox.advanceTime(-5)).toThrow(RangeError);
	});
});
