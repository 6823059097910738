/**
 * The retry / no-double-billing decision table of the transport (miniMaxRequest), with a mocked
 * httpRequestWithAuthentication and Jest's fake timers: no sandbox, no network, no real waiting.
 *
 * The rule (docs/minimax-api.md §12, §13): a failure that proves MiniMax refused the request before
 * doing any work (rate limit: HTTP 429, 1002, 1039; a refused connection) is retried for every
 * call. A failure that leaves open whether a paid job was created (5xx, 1000/1001, a reset, a
 * timeout, a hang-up) is retried only for calls that create nothing; a creating call gives up at
 * once, so nothing is billed twice. Errors in the request itself are never retried.
 */
import type { IExecuteFunctions, IHttpRequestOptions, INode } from 'n8n-workflow';

import { miniMaxRequest } from '../../../../nodes/shared/transport/request';

const node: INode = {
	id: 'node-1',
	name: 'MiniMax',
	type: 'n8n-nodes-minimax.miniMaxTextToSpeech',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
	credentials: { miniMaxApi: { id: 'cred-1', name: 'MiniMax account' } },
};

const OK = {
	statusCode: 200,
	headers: {},
	body: { data: { ok: true }, base_resp: { status_code: 0, status_msg: 'success' } },
};

/** What the mocked HTTP helper does on one call: answer (any status) or throw a network error. */
type Step =
	| { reply: { statusCode: number; headers?: Record<string, string>; body?: unknown } }
	| { error: Error };

const http = (statusCode: number, body?: unknown, headers: Record<string, string> = {}): Step => ({
	reply: { statusCode, headers, body },
});
const code = (statusCode: number, status_code: number, status_msg = 'error'): Step =>
	http(statusCode, { base_resp: { status_code, status_msg } });

/** A network error as axios (through n8n's request helper) reports it: `code` on the error or its cause. */
function network(errorCode: string, message: string, onCause = false): Step {
	const error = new Error(message) as Error & { code?: string; cause?: unknown };
	if (onCause) error.cause = Object.assign(new Error(message), { code: errorCode });
	else error.code = errorCode;
	return { error };
}

/** A fresh node context (one execution) whose HTTP helper plays `steps`, then answers OK. */
function contextPlaying(steps: Step[]) {
	const queue = [...steps];
	const calls: IHttpRequestOptions[] = [];
	/** When each call was sent (Jest's fake clock). */
	const sentAt: number[] = [];
	const ctx = {
		getNode: () => node,
		getCredentials: async () => ({ apiKey: 'sk-test', region: 'global' }),
		getNodeParameter: (_name: string, _itemIndex: number, fallback?: unknown) => fallback,
		helpers: {
			httpRequestWithAuthentication: async (_type: string, options: IHttpRequestOptions) => {
				calls.push(options);
				sentAt.push(Date.now());
				const step = queue.shift();
				if (!step) return OK;
				if ('error' in step) throw step.error;
				return { headers: {}, ...step.reply };
			},
		},
	};
	return { ctx: ctx as unknown as IExecuteFunctions, calls, sentAt };
}

/** Runs one request to its end, firing every timer (backoff, rate-limit pauses) at once. */
async function run(steps: Step[], createsJob: boolean) {
	const { ctx, calls } = contextPlaying(steps);
	let settled = false;
	const pending = miniMaxRequest
		.call(ctx, {
			method: 'POST',
			path: createsJob ? '/v1/video_generation' : '/v1/query/video_generation',
			body: { model: 'MiniMax-Hailuo-02' },
			createsJob,
			itemIndex: 0,
		})
		.then(
			(response) => ({ response, error: undefined }),
			(error: Error & { description?: string }) => ({ response: undefined, error }),
		)
		.finally(() => {
			settled = true;
		});
	while (!settled) await jest.runAllTimersAsync();
	return { ...(await pending), calls: calls.length };
}

beforeEach(() => {
	jest.useFakeTimers();
});

afterEach(() => {
	jest.useRealTimers();
});

/**
 * One failure, then success. `creating` / `notCreating`: whether the request is sent again (2 calls,
 * success) or the node gives up at once (1 call, the error).
 */
const TABLE: Array<{ failure: string; step: Step; creating: boolean; notCreating: boolean }> = [
	// Refused before any work: always safe to send again.
	{ failure: 'HTTP 429 without a body', step: http(429), creating: true, notCreating: true },
	{
		failure: 'HTTP 429 with Retry-After',
		step: http(429, '', { 'retry-after': '2' }),
		creating: true,
		notCreating: true,
	},
	{
		failure: 'HTTP 429 with base_resp 1002',
		step: code(429, 1002, 'rate limit exceeded(RPM)'),
		creating: true,
		notCreating: true,
	},
	{
		failure: 'base_resp 1002 on HTTP 200',
		step: code(200, 1002, 'rate limit exceeded(RPM)'),
		creating: true,
		notCreating: true,
	},
	// MiniMax-AI/MiniMax-01#45: the 21st video submission in a minute.
	{
		failure: 'base_resp 1002 "trigger rate limit" on a video submission',
		step: code(200, 1002, 'trigger rate limit, please contact the sales representative'),
		creating: true,
		notCreating: true,
	},
	{
		failure: 'base_resp 1039 (token limit) on HTTP 200',
		step: code(200, 1039, 'token limit'),
		creating: true,
		notCreating: true,
	},
	{
		failure: 'connection refused (code on the error)',
		step: network('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:443'),
		creating: true,
		notCreating: true,
	},
	{
		failure: 'connection refused (code on the cause)',
		step: network('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:443', true),
		creating: true,
		notCreating: true,
	},
	// May have created a job: sent again only when nothing is created.
	{
		failure: 'HTTP 500',
		step: http(500, 'Internal Server Error'),
		creating: false,
		notCreating: true,
	},
	{
		failure: 'HTTP 502 with an HTML page',
		step: http(502, '<html>Bad Gateway</html>'),
		creating: false,
		notCreating: true,
	},
	{ failure: 'HTTP 503', step: http(503), creating: false, notCreating: true },
	{ failure: 'HTTP 504', step: http(504), creating: false, notCreating: true },
	// lsdefine/GenericAgent#89: MiniMax answers an overloaded or timed-out request with HTTP 529.
	{
		failure: 'HTTP 529 (overloaded)',
		step: http(529, { error: { type: 'overloaded_error', message: 'overloaded' } }),
		creating: false,
		notCreating: true,
	},
	{ failure: 'HTTP 408', step: http(408), creating: false, notCreating: true },
	{
		failure: 'base_resp 1000 (unknown error)',
		step: code(200, 1000, 'unknown error'),
		creating: false,
		notCreating: true,
	},
	{
		failure: 'base_resp 1001 (timeout) on HTTP 200',
		step: code(200, 1001, 'request timeout'),
		creating: false,
		notCreating: true,
	},
	{
		failure: 'base_resp 1001 on HTTP 500',
		step: code(500, 1001, 'request timeout'),
		creating: false,
		notCreating: true,
	},
	{
		failure: 'connection reset',
		step: network('ECONNRESET', 'read ECONNRESET'),
		creating: false,
		notCreating: true,
	},
	{
		failure: 'connection reset (code on the cause)',
		step: network('ECONNRESET', 'read ECONNRESET', true),
		creating: false,
		notCreating: true,
	},
	{
		failure: 'socket hang up',
		step: network('', 'socket hang up'),
		creating: false,
		notCreating: true,
	},
	{
		failure: 'timeout (ETIMEDOUT)',
		step: network('ETIMEDOUT', 'connect ETIMEDOUT 1.2.3.4:443'),
		creating: false,
		notCreating: true,
	},
	{
		failure: 'timeout (axios ECONNABORTED)',
		step: network('ECONNABORTED', 'timeout of 120000ms exceeded'),
		creating: false,
		notCreating: true,
	},
	{
		failure: 'DNS failure (EAI_AGAIN)',
		step: network('EAI_AGAIN', 'getaddrinfo EAI_AGAIN api.minimax.io'),
		creating: false,
		notCreating: true,
	},
	{
		failure: 'HTTP 200 with a body that is not JSON',
		step: http(200, '<html>maintenance</html>'),
		creating: false,
		notCreating: true,
	},
	// The request itself is wrong, or the account cannot pay: sending it again cannot help.
	{
		failure: 'HTTP 400',
		step: http(400, { error: { message: 'bad request' } }),
		creating: false,
		notCreating: false,
	},
	{ failure: 'HTTP 401', step: http(401), creating: false, notCreating: false },
	{ failure: 'HTTP 404', step: http(404), creating: false, notCreating: false },
	{
		failure: 'base_resp 1004 (authentication)',
		step: code(200, 1004, 'login fail'),
		creating: false,
		notCreating: false,
	},
	{
		failure: 'base_resp 1008 (insufficient balance)',
		step: code(200, 1008, 'insufficient balance'),
		creating: false,
		notCreating: false,
	},
	{
		failure: 'HTTP 429 with base_resp 1008 (the code wins)',
		step: code(429, 1008, 'insufficient balance'),
		creating: false,
		notCreating: false,
	},
	{
		failure: 'HTTP 500 with base_resp 1008 (the code wins)',
		step: code(500, 1008, 'insufficient balance'),
		creating: false,
		notCreating: false,
	},
	{
		failure: 'base_resp 1026 (sensitive input)',
		step: code(200, 1026, 'input new_sensitive'),
		creating: false,
		notCreating: false,
	},
	{
		failure: 'base_resp 2013 (invalid parameters)',
		step: code(200, 2013, 'invalid params'),
		creating: false,
		notCreating: false,
	},
	{
		failure: 'v2 error object "invalid params (2013)" on HTTP 400',
		step: http(400, { error: { message: 'invalid params (2013)' } }),
		creating: false,
		notCreating: false,
	},
	{
		failure: 'the execution was cancelled',
		step: network('ERR_CANCELED', 'canceled'),
		creating: false,
		notCreating: false,
	},
];

describe('transport retry decisions (one failure, then success)', () => {
	describe.each([
		['a call that creates a paid job', true],
		['a call that creates nothing', false],
	] as const)('%s', (_title, createsJob) => {
		it.each(TABLE)('$failure', async ({ step, creating, notCreating }) => {
			const retried = createsJob ? creating : notCreating;
			const outcome = await run([step], createsJob);
			if (retried) {
				expect(outcome.error).toBeUndefined();
				expect(outcome.response?.body).toEqual(OK.body);
				expect(outcome.calls).toBe(2);
			} else {
				expect(outcome.response).toBeUndefined();
				expect(outcome.error).toBeInstanceOf(Error);
				expect(outcome.calls).toBe(1);
			}
		});
	});
});

describe('transport retry limits', () => {
	it('sends a call that creates nothing at most 1 + 3 times on lasting 5xx, then names the attempts', async () => {
		const outcome = await run([http(503), http(503), http(503), http(503), http(503)], false);
		expect(outcome.calls).toBe(4);
		expect(outcome.error?.description).toMatch(/Gave up after 4 attempts/);
	});

	it('sends a creating call once on a 5xx, whatever follows', async () => {
		const outcome = await run([http(503), http(503)], true);
		expect(outcome.calls).toBe(1);
		expect(outcome.error?.message).toBeTruthy();
	});

	it('keeps resending a creating call refused for its rate limit, without using up the retries', async () => {
		const refusals = Array.from({ length: 6 }, () => code(200, 1002, 'rate limit exceeded(RPM)'));
		const outcome = await run(refusals, true);
		expect(outcome.error).toBeUndefined();
		expect(outcome.calls).toBe(7);
	});

	it('stops a lasting rate-limit refusal after the Max Rate-Limit Wait with advice', async () => {
		const refusals = Array.from({ length: 500 }, () => http(429, '', { 'retry-after': '60' }));
		const outcome = await run(refusals, true);
		expect(outcome.response).toBeUndefined();
		expect(outcome.error?.description).toMatch(/kept refusing for its rate limit/);
		expect(outcome.calls).toBeGreaterThan(1);
		expect(outcome.calls).toBeLessThan(500);
	});

	it('waits as long as Retry-After says before sending again (juspay/neurolink#1189)', async () => {
		const { ctx, calls, sentAt } = contextPlaying([http(429, '', { 'retry-after': '8' })]);
		let settled = false;
		const pending = miniMaxRequest
			.call(ctx, {
				method: 'POST',
				path: '/v1/video_generation',
				body: {},
				createsJob: true,
				itemIndex: 0,
			})
			.finally(() => {
				settled = true;
			});
		while (!settled) await jest.runAllTimersAsync();
		await pending;
		expect(calls).toHaveLength(2);
		expect(sentAt[1] - sentAt[0]).toBeGreaterThanOrEqual(8000);
	});

	it('retries a reset on a call that creates nothing, then succeeds', async () => {
		const outcome = await run(
			[network('ECONNRESET', 'read ECONNRESET'), http(502), network('ETIMEDOUT', 'x')],
			false,
		);
		expect(outcome.error).toBeUndefined();
		expect(outcome.calls).toBe(4);
	});
});
