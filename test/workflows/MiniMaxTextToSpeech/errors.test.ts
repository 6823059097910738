import { testCredential } from '../../harness';
import { apiRequests, downloads, run, runOk, SANDBOX_KEYS, tts, useSandbox } from '../helpers';

const sandbox = useSandbox({ timeScale: 50 });

const FAST_RETRY = { retryDelayMs: 10 };

function everythingSaid(result: Awaited<ReturnType<typeof run>>): string {
	return JSON.stringify({
		error: result.error,
		message: result.error?.message,
		description: (result.error as { description?: string })?.description,
		runData: result.runData,
	});
}

describe('Text to Speech › errors', () => {
	it('turns a base_resp error on HTTP 200 into a NodeApiError with code, hint and trace id', async () => {
		sandbox().faults.add({
			path: '/v1/t2a_v2',
			kind: 'base_resp',
			code: 1008,
			message: 'insufficient balance',
		});
		const result = await run(sandbox(), tts({ text: 'Hello.', options: FAST_RETRY }));
		expect(result.status).toBe('error');
		expect(result.error?.name).toBe('NodeApiError');
		expect(result.error?.message).toBe('MiniMax: insufficient balance (1008)');
		const description = (result.error as { description?: string }).description ?? '';
		expect(description).toMatch(/Top up the account/);
		expect(description).toMatch(/trace ID \S+/);
		expect(apiRequests(sandbox(), '/v1/t2a_v2')).toHaveLength(1);
	});

	it('reports an HTTP 4xx with the MiniMax message and does not retry it', async () => {
		sandbox().faults.add({
			path: '/v1/t2a_v2',
			kind: 'http_status',
			status: 403,
			code: 1004,
			message: 'forbidden by gateway',
		});
		const result = await run(sandbox(), tts({ text: 'Hello.', options: FAST_RETRY }));
		expect(result.error?.message).toMatch(/forbidden by gateway/);
		expect((result.error as { description?: string }).description).toMatch(/HTTP 403/);
		expect(apiRequests(sandbox(), '/v1/t2a_v2')).toHaveLength(1);
	});

	it.each([
		['a 1002 rate limit on HTTP 200', { kind: 'rate_limit' as const }],
		['an HTTP 500', { kind: 'http_status' as const, status: 500 }],
		['a connection reset', { kind: 'reset' as const }],
		['a reset in the middle of the body', { kind: 'reset_mid_body' as const }],
		['malformed JSON', { kind: 'malformed_json' as const }],
	])('retries %s and then succeeds', async (_label, fault) => {
		sandbox().faults.add({ path: '/v1/t2a_v2', times: 2, ...fault });
		const [item] = await runOk(sandbox(), tts({ text: 'Retry me.', options: FAST_RETRY }));
		expect(item.binary!.data.mimeType).toBe('audio/mpeg');
		expect(apiRequests(sandbox(), '/v1/t2a_v2')).toHaveLength(3);
	});

	it('honours Retry-After on HTTP 429', async () => {
		sandbox().faults.add({ path: '/v1/t2a_v2', kind: 'http_status', status: 429, retryAfter: 1 });
		await runOk(sandbox(), tts({ text: 'Patience.', options: FAST_RETRY }));
		const [first, second] = apiRequests(sandbox(), '/v1/t2a_v2');
		expect(second.time - first.time).toBeGreaterThanOrEqual(950);
	});

	it('gives up after Max Retries and says so', async () => {
		sandbox().faults.add({ path: '/v1/t2a_v2', kind: 'http_status', status: 503, times: Infinity });
		const result = await run(
			sandbox(),
			tts({ text: 'Never.', options: { ...FAST_RETRY, maxRetries: 2 } }),
		);
		expect(result.status).toBe('error');
		expect((result.error as { description?: string }).description).toMatch(
			/Gave up after 3 attempts/,
		);
		expect(apiRequests(sandbox(), '/v1/t2a_v2')).toHaveLength(3);
	});

	it('never re-submits a billed job on an ambiguous failure, but does after a rate limit', async () => {
		sandbox().faults.add({ path: '/v1/t2a_async_v2', kind: 'http_status', status: 500 });
		const failed = await run(
			sandbox(),
			tts({
				operation: 'generateLong',
				text: 'Once only.',
				waitForCompletion: false,
				options: FAST_RETRY,
			}),
		);
		expect(failed.status).toBe('error');
		expect(apiRequests(sandbox(), '/v1/t2a_async_v2')).toHaveLength(1);

		sandbox().reset();
		sandbox().faults.add({ path: '/v1/t2a_async_v2', kind: 'rate_limit' });
		const [item] = await runOk(
			sandbox(),
			tts({
				operation: 'generateLong',
				text: 'Once only.',
				waitForCompletion: false,
				options: FAST_RETRY,
			}),
		);
		expect(item.json.taskId).toMatch(/^\d+$/);
		const creates = apiRequests(sandbox(), '/v1/t2a_async_v2');
		expect(creates).toHaveLength(2);
		expect(creates.filter((entry) => entry.billable)).toHaveLength(1);
	});

	it.each([
		['empty text', { text: '   ' }, /Invalid "Text" for item 0: it is empty/],
		[
			'text over 50,000 characters',
			{ text: 'x'.repeat(50_001) },
			/"Text" for item 0: it has 50,001 characters/,
		],
		[
			'speed out of range',
			{ text: 'Hi', options: { speed: 3 } },
			/"Speed" for item 0: it must be at least 0.5 and at most 2/,
		],
		[
			'volume of zero',
			{ text: 'Hi', options: { volume: 0 } },
			/"Volume" for item 0: it must be greater than 0/,
		],
		[
			'fractional pitch',
			{ text: 'Hi', options: { pitch: 1.5 } },
			/"Pitch" for item 0: it must be a whole number/,
		],
		[
			'whisper on speech-2.8',
			{ text: 'Hi', options: { emotion: 'whisper' } },
			/"Emotion" for item 0: "whisper" is not allowed with model speech-2.8-hd/,
		],
		[
			'an unknown language',
			{ text: 'Hi', options: { languageBoost: 'Klingon' } },
			/"Language Boost" for item 0/,
		],
		[
			'WAV with streaming',
			{ text: 'Hi', options: { stream: true, format: 'wav' } },
			/"Format" for item 0: WAV is not available with Stream Response/,
		],
		[
			'subtitles with streaming',
			{ text: 'Hi', options: { stream: true, subtitles: true } },
			/"Return Subtitles" for item 0/,
		],
		[
			'a bad dictionary line',
			{ text: 'Hi', options: { pronunciation: 'no slash' } },
			/"Pronunciation Dictionary" for item 0/,
		],
		[
			'five mixed voices',
			{
				text: 'Hi',
				options: {
					voiceMix: { voices: [1, 2, 3, 4, 5].map((n) => ({ voiceId: `Voice_${n}`, weight: 20 })) },
				},
			},
			/"Voice Mixing" for item 0: 5 voices given/,
		],
		[
			'a voice expression that resolves to nothing',
			{ text: 'Hi', voice: { __rl: true, mode: 'id', value: '={{ $json.voice ?? "  " }}' } },
			/"Voice" for item 0: it is empty/,
		],
		[
			'an effect out of range',
			{ text: 'Hi', options: { voiceEffects: { effects: { pitch: 150 } } } },
			/"Voice Effects › Pitch" for item 0/,
		],
		[
			'a long text that must not go async',
			{ text: 'y'.repeat(10_001), options: { longText: 'error' } },
			/"Text" for item 0: it has 10,001 characters, the maximum for one request is 9,999/,
		],
		[
			'a non-numeric task ID',
			{ operation: 'getLongTask', taskId: 'abc' },
			/"Task ID" for item 0: "abc" is not a MiniMax task ID/,
		],
		[
			'a missing text file binary',
			{ operation: 'generateLong', textSource: 'binary', binaryPropertyName: 'script' },
			/"Input Binary Field" for item 0: there is no binary field "script"/,
		],
	])('rejects %s before any request', async (_label, parameters, message) => {
		const result = await run(sandbox(), tts(parameters));
		expect(result.status).toBe('error');
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toMatch(message);
		expect(apiRequests(sandbox())).toHaveLength(0);
	});

	it('rejects a non-text input file before uploading it', async () => {
		const result = await run(sandbox(), tts({ operation: 'generateLong', textSource: 'binary' }), {
			items: [
				{
					json: {},
					binary: {
						data: {
							base64: Buffer.from('ID3').toString('base64'),
							fileName: 'song.mp3',
							mimeType: 'audio/mpeg',
						},
					},
				},
			],
		});
		expect(result.error?.message).toMatch(
			/"Input Binary Field" for item 0: the file "song.mp3" \(audio\/mpeg\) is not a \.txt or \.zip text file/,
		);
		expect(apiRequests(sandbox())).toHaveLength(0);
	});

	it('keeps going with continueOnFail: one output per input, in order, errors paired', async () => {
		const items = [
			{ json: { text: 'First.' } },
			{ json: { text: '' } },
			{ json: { text: 'Third.' } },
			{ json: { text: 'Fourth.' } },
		];
		sandbox().faults.add({
			path: '/v1/t2a_v2',
			kind: 'base_resp',
			code: 1026,
			message: 'input new_sensitive',
			probability: 1,
			times: 1,
		});
		const outputs = await runOk(
			sandbox(),
			tts({ text: '={{ $json.text }}', options: FAST_RETRY }, 'continueRegularOutput'),
			{ items },
		);
		expect(outputs).toHaveLength(4);
		expect(outputs.map((item) => item.pairedItem)).toEqual([0, 1, 2, 3].map((item) => ({ item })));
		expect(outputs[0].json.error).toMatch(/input new_sensitive \(1026\)/);
		expect(outputs[1].json.error).toMatch(/"Text" for item 1: it is empty/);
		expect(outputs[2].binary?.data.mimeType).toBe('audio/mpeg');
		expect(outputs[3].binary?.data.mimeType).toBe('audio/mpeg');
	});

	it('stops at the first failing item without continueOnFail and names it', async () => {
		const items = [
			{ json: { text: 'Fine.' } },
			{ json: { text: '' } },
			{ json: { text: 'Never reached.' } },
		];
		const result = await run(sandbox(), tts({ text: '={{ $json.text }}' }), { items });
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/item 1/);
		expect(apiRequests(sandbox(), '/v1/t2a_v2')).toHaveLength(1);
	});

	it('explains a key from the other region, and works on the right host', async () => {
		const wrong = await run(sandbox(), tts({ text: 'Hello.' }), {
			credentials: { apiKey: SANDBOX_KEYS.china },
		});
		expect(wrong.error?.message).toMatch(/\(2049\)/);
		expect((wrong.error as { description?: string }).description).toMatch(
			/platform\.minimaxi\.com only with "China"/,
		);

		const [item] = await runOk(sandbox(), tts({ text: 'Hello.' }), {
			credentials: { apiKey: `Bearer ${SANDBOX_KEYS.china}`, customBaseUrl: sandbox().chinaUrl },
		});
		expect(item.binary!.data.mimeType).toBe('audio/mpeg');
		expect(apiRequests(sandbox()).pop()?.region).toBe('china');
	});

	it('never lets the API key into outputs, errors or download requests', async () => {
		sandbox().faults.add({
			path: '/v1/t2a_v2',
			kind: 'base_resp',
			code: 2013,
			message: 'invalid params, voice_setting',
		});
		const failed = await run(sandbox(), tts({ text: 'Oops.', options: FAST_RETRY }));
		const ok = await run(
			sandbox(),
			tts({ text: 'Fine.', options: { audioDelivery: 'url', subtitles: true } }),
		);
		const reset = await run(
			sandbox(),
			tts({ text: 'Fine.', options: { ...FAST_RETRY, maxRetries: 0 } }),
			{
				credentials: { customBaseUrl: 'http://127.0.0.1:1' },
			},
		);
		for (const result of [failed, ok, reset])
			expect(everythingSaid(result)).not.toContain(SANDBOX_KEYS.global);
		expect(reset.error?.message).toMatch(/connection refused/);
		expect(downloads(sandbox()).length).toBeGreaterThanOrEqual(2);
		for (const entry of downloads(sandbox())) {
			expect(JSON.stringify(entry.headers)).not.toContain(SANDBOX_KEYS.global);
		}
	});

	it('fetches a fresh link once when an archive link has expired', async () => {
		sandbox().faults.add({ kind: 'expired_url', path: /.*/ });
		const [item] = await runOk(
			sandbox(),
			tts({
				operation: 'generateLong',
				text: 'Short chapter.',
				options: { pollIntervalSeconds: 0.1 },
			}),
		);
		expect(item.binary!.data.mimeType).toBe('audio/mpeg');
		expect(apiRequests(sandbox(), '/v1/files/retrieve')).toHaveLength(2);
		expect(downloads(sandbox()).map((entry) => entry.status)).toEqual([403, 200]);
	});

	it('reports an expired audio link clearly when it cannot be refreshed', async () => {
		sandbox().faults.add({ kind: 'expired_url', path: /.*/ });
		const result = await run(
			sandbox(),
			tts({ text: 'Link.', options: { audioDelivery: 'url', ...FAST_RETRY } }),
		);
		expect(result.error?.message).toMatch(/The download link for the generated audio has expired/);
	});
});

describe('credential test', () => {
	it('passes with a valid key and explains region and group mistakes', async () => {
		const base = { region: 'custom', customBaseUrl: sandbox().url };
		expect(
			await testCredential('miniMaxApi', { ...base, apiKey: SANDBOX_KEYS.global }),
		).toMatchObject({ status: 'OK' });
		const wrongRegion = await testCredential('miniMaxApi', { ...base, apiKey: SANDBOX_KEYS.china });
		expect(wrongRegion.status).toBe('Error');
		expect(wrongRegion.message).toMatch(/Invalid API key for this region \(MiniMax 2049\)/);
		const wrongGroup = await testCredential('miniMaxApi', {
			...base,
			apiKey: SANDBOX_KEYS.global,
			groupId: '123',
		});
		expect(wrongGroup.status).toBe('Error');
		expect(wrongGroup.message).toMatch(/1004.*clear it/);
		const [listCall] = apiRequests(sandbox(), '/v1/files/list');
		expect(listCall.query).toEqual({ purpose: 'voice_clone' });
		expect(apiRequests(sandbox()).filter((entry) => entry.billable)).toHaveLength(0);
	});
});
