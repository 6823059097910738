import type { IDataObject, INode, INodeExecutionData } from 'n8n-workflow';

import type { FixtureItem } from '../../harness';
import { batchStore } from '../../sandbox/families/batch/store';
import { apiRequests, downloads, run, runOk, useSandbox } from '../helpers';

// Virtual time stands still unless a test moves it (advanceTime): batch progress is deterministic.
const sandbox = useSandbox({ timeScale: 0.001 });

const CHAT_TYPE = 'n8n-nodes-minimax.miniMaxChat';
const FAST = { retryDelayMs: 10 };

function batchNode(operation: string, parameters: IDataObject = {}, onError?: INode['onError']) {
	return {
		type: CHAT_TYPE,
		parameters: { resource: 'batch', operation, ...parameters },
		onError,
	};
}

/** Create Batch over the items' "prompt" field with MiniMax-M1 (native API, reasoning_content). */
function create(options: IDataObject = {}, extra: IDataObject = {}, onError?: INode['onError']) {
	return batchNode(
		'create',
		{
			model: { __rl: true, mode: 'id', value: 'MiniMax-M1' },
			messagesSource: 'input',
			messagesField: 'prompt',
			systemPrompt: 'Be brief.',
			options: { ...FAST, ...options },
			...extra,
		},
		onError,
	);
}

const prompts = (...texts: string[]): FixtureItem[] =>
	texts.map((prompt) => ({ json: { prompt } }));

/** The Batch ID parameter as users set it: an expression on the batchId field of the input item. */
const BY_FIELD = { batchId: '={{ $json.batchId }}' };

function description(error: Error | undefined): string {
	return (error as { description?: string } | undefined)?.description ?? '';
}

/** The JSONL lines of the last batch input file uploaded. */
function uploadedLines(): IDataObject[] {
	const files = [...sandbox().state.files.values()].filter((file) => file.purpose === 'batch');
	const text = files[files.length - 1].data.toString('utf8');
	expect(text.endsWith('\n')).toBe(true);
	return text
		.trim()
		.split('\n')
		.map((line) => JSON.parse(line) as IDataObject);
}

/** Runs Create Batch and lets the sandbox finish it (virtual time). */
async function createdBatch(items: FixtureItem[], options: IDataObject = {}) {
	const created = await runOk(sandbox(), create(options), { items });
	sandbox().advanceTime(60_000);
	return created;
}

const asFixtures = (items: INodeExecutionData[]): FixtureItem[] =>
	items.map((item) => ({ json: item.json }));

describe('MiniMax Chat › Batch › Create Batch', () => {
	it('uploads one JSONL line per item (custom_id = item index) and creates the batch; every item gets the IDs', async () => {
		const items = await runOk(sandbox(), create({ maxTokens: 300, temperature: 0.5 }), {
			items: prompts('Name a red fruit.', 'Name a yellow fruit.', 'Name a green fruit.'),
		});
		const uploads = apiRequests(sandbox(), '/v1/files/upload');
		expect(uploads).toHaveLength(1);
		expect(uploads[0].body).toMatchObject({
			fields: { purpose: 'batch' },
			files: [expect.objectContaining({ filename: 'minimax-chat-batch-3-requests.jsonl' })],
		});
		const creates = apiRequests(sandbox(), '/v1/batches');
		expect(creates).toHaveLength(1);
		// File IDs are text in the output (like the Files node); MiniMax gets its number.
		const fileId = items[0].json.inputFileId as string;
		expect(fileId).toMatch(/^\d+$/);
		expect(creates[0].body).toEqual({
			input_file_id: Number(fileId),
			endpoint: '/v1/text/chatcompletion_v2',
			completion_window: '24h',
		});
		expect(items).toHaveLength(3);
		items.forEach((item, index) => {
			expect(item.json).toMatchObject({
				batchId: expect.stringMatching(/^batch_/),
				customId: String(index),
				status: 'validating',
				inputFileId: fileId,
				requestCount: 3,
				endpoint: '/v1/text/chatcompletion_v2',
			});
			expect(item.pairedItem).toEqual({ item: index });
		});
		expect(new Set(items.map((item) => item.json.batchId)).size).toBe(1);

		const lines = uploadedLines();
		expect(lines.map((line) => line.custom_id)).toEqual(['0', '1', '2']);
		expect(lines[1]).toEqual({
			custom_id: '1',
			method: 'POST',
			url: '/v1/text/chatcompletion_v2',
			body: {
				model: 'MiniMax-M1',
				messages: [
					{ role: 'system', content: 'Be brief.' },
					{ role: 'user', content: 'Name a yellow fruit.' },
				],
				stream: false,
				temperature: 0.5,
				max_completion_tokens: 300,
			},
		});
	});

	it('a batch line body equals what Message a Model sends with the native API', async () => {
		const options = {
			maxTokens: 200,
			topP: 0.8,
			tools:
				'[{"type":"function","function":{"name":"get_weather","parameters":{"type":"object","properties":{"city":{"type":"string"}}}}}]',
			toolChoice: 'auto',
		};
		await runOk(sandbox(), create(options), { items: prompts('Weather in Paris?') });
		const line = uploadedLines()[0];
		await runOk(
			sandbox(),
			{
				type: CHAT_TYPE,
				parameters: {
					operation: 'message',
					model: { __rl: true, mode: 'id', value: 'MiniMax-M1' },
					messagesSource: 'input',
					messagesField: 'prompt',
					systemPrompt: 'Be brief.',
					options: { ...FAST, ...options, api: 'native' },
				},
			},
			{ items: prompts('Weather in Paris?') },
		);
		const sent = apiRequests(sandbox(), '/v1/text/chatcompletion_v2');
		expect(sent).toHaveLength(1);
		expect(line.body).toEqual(sent[0].body);
	});

	it.each([
		[
			'an empty message',
			{ messagesSource: 'define', messages: { values: [{ role: 'user', content: '  ' }] } },
			{},
			/Messages.*item 0/s,
		],
		['a temperature of 0', {}, { temperature: 0 }, /Temperature/],
		['an empty model', { model: { __rl: true, mode: 'id', value: ' ' } }, {}, /Model/],
		['a bad callback URL', {}, { callbackUrl: 'ftp://x' }, /Callback URL/],
	])(
		'%s: a clear error naming the parameter and no request at all',
		async (_, extra, options, pattern) => {
			const items = prompts('First fine prompt.', 'Second prompt.');
			const result = await run(sandbox(), create(options, extra), { items });
			expect(result.status).toBe('error');
			expect(`${result.error?.message} ${description(result.error)}`).toMatch(pattern);
			expect(apiRequests(sandbox())).toEqual([]);
		},
	);

	it('an input item without the messages field stops the node before the upload', async () => {
		const result = await run(sandbox(), create(), {
			items: [{ json: { prompt: 'ok' } }, { json: { other: 'x' } }],
		});
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/Messages Field/);
		expect(result.error?.message).toMatch(/item 1/);
		expect(apiRequests(sandbox())).toEqual([]);
	});

	it('with Continue On Fail, a bad item becomes an error item and the others are batched', async () => {
		const items = await runOk(sandbox(), create({}, {}, 'continueRegularOutput'), {
			items: [
				{ json: { prompt: 'One.' } },
				{ json: { prompt: '' } },
				{ json: { prompt: 'Three.' } },
			],
		});
		expect(items).toHaveLength(3);
		expect(items[1].json.error).toMatch(/Messages Field/);
		expect(items[1].pairedItem).toEqual({ item: 1 });
		expect(items[0].json.customId).toBe('0');
		expect(items[2].json.customId).toBe('2');
		expect(uploadedLines().map((line) => line.custom_id)).toEqual(['0', '2']);
	});
});

describe('MiniMax Chat › Batch › Get, List, Cancel', () => {
	it('Get Batch follows the status from validating to completed with request counts', async () => {
		const [first] = await runOk(sandbox(), create(), { items: prompts('A.', 'B.') });
		const get = () =>
			runOk(sandbox(), batchNode('get', BY_FIELD), { items: [{ json: first.json }] });
		expect((await get())[0].json).toMatchObject({ status: 'validating', finished: false });
		sandbox().advanceTime(1_600);
		expect((await get())[0].json).toMatchObject({
			batchId: first.json.batchId,
			id: first.json.batchId,
			status: 'in_progress',
			request_counts: { total: 2, completed: 1, failed: 0 },
		});
		sandbox().advanceTime(60_000);
		const [done] = await get();
		expect(done.json).toMatchObject({
			status: 'completed',
			finished: true,
			output_file_id: expect.stringMatching(/^\d+$/),
			error_file_id: null,
			request_counts: { total: 2, completed: 2, failed: 0 },
		});
		expect(done.json.base_resp).toBeUndefined();
	});

	it('List Batches pages with after until has_more is false; Limit stops early', async () => {
		for (let i = 0; i < 5; i++) await runOk(sandbox(), create(), { items: prompts(`Q${i}.`) });
		batchStore(sandbox().state).pageCap = 2;
		sandbox().log.length = 0;
		const all = await runOk(sandbox(), batchNode('list', { returnAll: true }));
		expect(all).toHaveLength(5);
		expect(new Set(all.map((item) => item.json.id)).size).toBe(5);
		const lists = apiRequests(sandbox(), '/v1/batches');
		expect(lists.map((entry) => entry.query.after ?? null)).toEqual([
			null,
			all[1].json.id,
			all[3].json.id,
		]);
		const limited = await runOk(sandbox(), batchNode('list', { returnAll: false, limit: 3 }));
		expect(limited.map((item) => item.json.id)).toEqual(
			all.slice(0, 3).map((item) => item.json.id),
		);
	});

	it('Cancel Batch: cancelling, then cancelled; the requests already run keep their results, the others say they never ran', async () => {
		const created = await runOk(sandbox(), create(), { items: prompts('A.', 'B.', 'C.', 'D.') });
		sandbox().advanceTime(1_700); // validating 1 s, then one request per 0.5 s: one done
		const [cancelled] = await runOk(sandbox(), batchNode('cancel', BY_FIELD), {
			items: [{ json: created[0].json }],
		});
		expect(cancelled.json).toMatchObject({ status: 'cancelling', finished: false });
		sandbox().advanceTime(5_000);
		const results = await runOk(sandbox(), batchNode('getResults', BY_FIELD), {
			items: asFixtures(created),
		});
		expect(results.map((item) => [item.json.customId, item.json.succeeded])).toEqual([
			['0', true],
			['1', false],
			['2', false],
			['3', false],
		]);
		expect(results[2].json).toMatchObject({
			batchStatus: 'cancelled',
			error: {
				code: 'batch_cancelled',
				message: expect.stringMatching(/never|before this request ran/),
			},
		});
		expect(results.map((item) => item.pairedItem)).toEqual([0, 1, 2, 3].map((item) => ({ item })));
		// Cancelling an ended batch is MiniMax's error, passed on.
		const again = await run(sandbox(), batchNode('cancel', BY_FIELD), {
			items: [{ json: created[0].json }],
		});
		expect(again.error?.message).toMatch(/cannot be cancelled/);
	});

	it("an unknown batch ID is MiniMax's error; a malformed one is refused before any request", async () => {
		const unknown = await run(sandbox(), batchNode('get', { batchId: 'batch_nope' }));
		expect(unknown.error?.message).toMatch(/batch_nope not found/);
		sandbox().log.length = 0;
		const malformed = await run(sandbox(), batchNode('getResults', { batchId: 'batch/../x' }));
		expect(malformed.error?.message).toMatch(/Batch ID/);
		expect(apiRequests(sandbox())).toEqual([]);
	});
});

describe('MiniMax Chat › Batch › Get Batch Results', () => {
	it('one item per request in custom_id order, paired to the Create Batch item, with text, reasoning, usage or the error', async () => {
		const created = await createdBatch(
			prompts('Say: alpha', 'Say: beta [[sandbox:base_resp:1026]]', 'Say: gamma', 'Say: delta'),
		);
		sandbox().log.length = 0;
		const results = await runOk(sandbox(), batchNode('getResults', BY_FIELD), {
			items: asFixtures(created),
		});
		// One batch lookup for four items with the same batch ID; both files fetched once.
		expect(apiRequests(sandbox(), `/v1/batches/${created[0].json.batchId}`)).toHaveLength(1);
		expect(downloads(sandbox())).toHaveLength(2);
		expect(results.map((item) => item.json.customId)).toEqual(['0', '1', '2', '3']);
		expect(results.map((item) => item.pairedItem)).toEqual([0, 1, 2, 3].map((item) => ({ item })));
		expect(results[0].json).toMatchObject({
			batchId: created[0].json.batchId,
			batchStatus: 'completed',
			succeeded: true,
			text: 'alpha',
			reasoning: expect.any(String),
			finishReason: 'stop',
			usage: expect.objectContaining({ totalTokens: expect.any(Number) }),
			model: 'MiniMax-M1',
		});
		expect(results[1].json).toMatchObject({
			succeeded: false,
			error: { code: 1026, message: expect.any(String) },
		});
		expect(results[1].json.text).toBeUndefined();
		expect(results[3].json.text).toBe('delta');
	});

	it('Reasoning "Remove" and "Keep Inline" work like in Message a Model', async () => {
		const created = await createdBatch(prompts('Say: hello'));
		const [stripped] = await runOk(
			sandbox(),
			batchNode('getResults', { ...BY_FIELD, options: { reasoning: 'strip' } }),
			{ items: asFixtures(created) },
		);
		expect(stripped.json.text).toBe('hello');
		expect(stripped.json.reasoning).toBeUndefined();
		const [kept] = await runOk(
			sandbox(),
			batchNode('getResults', { ...BY_FIELD, options: { reasoning: 'keep' } }),
			{ items: asFixtures(created) },
		);
		expect(kept.json.text).toMatch(/^<think>\n[\s\S]+\n<\/think>\n\nhello$/);
	});

	it('a batch whose requests all failed has no output file: every request comes back with its error (litellm#33987)', async () => {
		const created = await createdBatch(
			prompts('A [[sandbox:base_resp:1008]]', 'B [[sandbox:http:500]]'),
		);
		const [batch] = await runOk(sandbox(), batchNode('get', BY_FIELD), {
			items: [{ json: created[0].json }],
		});
		expect(batch.json).toMatchObject({
			status: 'completed',
			output_file_id: null,
			error_file_id: expect.stringMatching(/^\d+$/),
		});
		const results = await runOk(sandbox(), batchNode('getResults', BY_FIELD), {
			items: asFixtures(created),
		});
		expect(results.map((item) => item.json.succeeded)).toEqual([false, false]);
		expect(results[0].json.error).toMatchObject({ code: 1008 });
		expect(results[1].json.error).toMatchObject({ httpStatus: 500 });
	});

	it('an expired batch: finished requests are kept, the rest come back as batch_expired (warmbly#333)', async () => {
		const created = await runOk(sandbox(), create(), {
			items: prompts('Say: one', 'Say: two', 'Say: three', 'Say: four'),
		});
		batchStore(sandbox().state).force(String(created[0].json.batchId), 'expired', 2);
		const results = await runOk(sandbox(), batchNode('getResults', BY_FIELD), {
			items: asFixtures(created),
		});
		expect(results.map((item) => [item.json.customId, item.json.succeeded])).toEqual([
			['0', true],
			['1', true],
			['2', false],
			['3', false],
		]);
		expect(results[3].json).toMatchObject({
			batchStatus: 'expired',
			error: { code: 'batch_expired' },
		});
		expect(results[1].json.text).toBe('two');
	});

	it('a model only the OpenAI-compatible API serves is refused before the upload (trial finding 1)', async () => {
		for (const id of ['MiniMax-M2.7', 'MiniMax-M3', 'minimax-m2.5-highspeed']) {
			const result = await run(
				sandbox(),
				create({}, { model: { __rl: true, mode: 'list', value: id } }),
				{ items: prompts('A.', 'B.') },
			);
			expect(result.error?.message).toMatch(/Invalid "Model" for item 0: .*OpenAI-compatible API/);
			expect(description(result.error)).toMatch(/MiniMax-M2/);
		}
		expect(apiRequests(sandbox())).toEqual([]);
	});

	it("a model id unknown to the node goes to MiniMax; the endpoint's refusal is each request's error", async () => {
		const created = await runOk(
			sandbox(),
			create({}, { model: { __rl: true, mode: 'id', value: 'MiniMax-M9' } }),
			{ items: prompts('A.', 'B.') },
		);
		sandbox().advanceTime(60_000);
		const results = await runOk(sandbox(), batchNode('getResults', BY_FIELD), {
			items: asFixtures(created),
		});
		expect(results.map((item) => item.json.error)).toEqual([
			{ code: 2013, message: expect.stringContaining("unknown model 'MiniMax-M9'") },
			{ code: 2013, message: expect.stringContaining("unknown model 'MiniMax-M9'") },
		]);
	});

	it('a failed batch without results is an error naming the input file to fix', async () => {
		const created = await runOk(sandbox(), create(), { items: prompts('A.') });
		batchStore(sandbox().state).force(String(created[0].json.batchId), 'failed', 0);
		const result = await run(sandbox(), batchNode('getResults', BY_FIELD), {
			items: asFixtures(created),
		});
		expect(result.error?.message).toMatch(/Batch batch_\w+ failed/);
		expect(description(result.error)).toContain(`Input file ID ${created[0].json.inputFileId}`);
	});

	it('a batch ID typed by hand (one input item): every result is paired to that item', async () => {
		const created = await createdBatch(prompts('Say: x', 'Say: y'));
		const results = await runOk(
			sandbox(),
			batchNode('getResults', { batchId: created[0].json.batchId }),
		);
		expect(results.map((item) => item.json.text)).toEqual(['x', 'y']);
		expect(results.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 0 }]);
	});

	it('a batch still running: a clear error with its status and progress, nothing downloaded', async () => {
		const created = await runOk(sandbox(), create(), { items: prompts('A.', 'B.') });
		sandbox().advanceTime(1_600);
		const result = await run(sandbox(), batchNode('getResults', BY_FIELD), {
			items: asFixtures(created),
		});
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(
			/has not finished: its status is "in_progress" \(1 of 2 requests done\)/,
		);
		expect(apiRequests(sandbox(), '/v1/files/retrieve')).toEqual([]);
		expect(downloads(sandbox())).toEqual([]);
	});

	it('result files without a download link are read through files/retrieve_content', async () => {
		const created = await createdBatch(prompts('Say: plain'));
		const [batch] = await runOk(sandbox(), batchNode('get', BY_FIELD), {
			items: [{ json: created[0].json }],
		});
		const file = sandbox().state.files.get(Number(batch.json.output_file_id))!;
		file.filename = `${file.filename.replace('.jsonl', '')}.no-url.jsonl`;
		const [result] = await runOk(sandbox(), batchNode('getResults', BY_FIELD), {
			items: [{ json: created[0].json }],
		});
		expect(result.json.text).toBe('plain');
		expect(apiRequests(sandbox(), '/v1/files/retrieve_content')).toHaveLength(1);
	});
});

describe('MiniMax Chat › Batch › hosts without batches', () => {
	it.each(['http_404', 'not_supported'] as const)(
		'%s: Create Batch says batches are not offered and names the uploaded file; no retry',
		async (mode) => {
			batchStore(sandbox().state).availability = mode;
			const result = await run(sandbox(), create(), { items: prompts('A.', 'B.') });
			expect(result.status).toBe('error');
			expect(result.error?.message).toMatch(/batches are not offered on this host or account/);
			const fileId = [...sandbox().state.files.values()].find(
				(file) => file.purpose === 'batch',
			)?.file_id;
			expect(description(result.error)).toContain(`file ID ${fileId}`);
			expect(apiRequests(sandbox(), '/v1/batches')).toHaveLength(1);
		},
	);

	it('Get Batch and List Batches say the same on a 404 host', async () => {
		batchStore(sandbox().state).availability = 'http_404';
		for (const node of [
			batchNode('get', { batchId: 'batch_1' }),
			batchNode('list', { returnAll: true }),
		]) {
			const result = await run(sandbox(), node);
			expect(result.error?.message).toMatch(/not offered/);
		}
	});
});

describe('MiniMax Chat › Batch › fresh-user trial findings', () => {
	it('1: the default model of Create Batch is MiniMax-M2, which the batch endpoint serves', async () => {
		const created = await runOk(
			sandbox(),
			batchNode('create', {
				messagesSource: 'input',
				messagesField: 'prompt',
				options: FAST,
			}),
			{ items: prompts('Say: one', 'Say: two') },
		);
		expect(uploadedLines().map((line) => (line.body as IDataObject).model)).toEqual([
			'MiniMax-M2',
			'MiniMax-M2',
		]);
		sandbox().advanceTime(60_000);
		const results = await runOk(sandbox(), batchNode('getResults', BY_FIELD), {
			items: asFixtures(created),
		});
		expect(results.map((item) => [item.json.succeeded, item.json.text])).toEqual([
			[true, 'one'],
			[true, 'two'],
		]);
	});

	it('2: numbers and booleans from an expression are message text; an object is refused before any request', async () => {
		const node = (content: string) =>
			batchNode('create', {
				messages: { values: [{ role: 'user', content }] },
				options: FAST,
			});
		await runOk(sandbox(), node('={{ $json.q }}'), {
			items: [{ json: { q: 12345 } }, { json: { q: true } }],
		});
		expect(
			uploadedLines().map((line) => (line.body as { messages: IDataObject[] }).messages),
		).toEqual([[{ role: 'user', content: '12345' }], [{ role: 'user', content: 'true' }]]);
		sandbox().reset();
		const refused = await run(sandbox(), node('={{ $json.q }}'), {
			items: [{ json: { q: { x: 1 } } }],
		});
		expect(refused.error?.message).toMatch(/message 1 content.*expected text, got an object/);
		expect(apiRequests(sandbox())).toEqual([]);
	});

	it.each([
		['undefined (field missing)', {}, /it is empty \(the expression gave undefined\)/],
		['null', { batchId: null }, /it is empty \(the expression gave null\)/],
		['a list', { batchId: ['batch_1'] }, /expected an ID, got a list/],
		['an object', { batchId: { id: 'batch_1' } }, /expected an ID, got an object/],
	])(
		'3: a Batch ID expression giving %s is refused before any request',
		async (_, json, problem) => {
			for (const operation of ['get', 'cancel', 'getResults']) {
				const result = await run(sandbox(), batchNode(operation, BY_FIELD), { items: [{ json }] });
				expect(result.error?.message).toMatch(/Invalid "Batch ID" for item 0/);
				expect(result.error?.message).toMatch(problem);
			}
			expect(apiRequests(sandbox())).toEqual([]);
		},
	);

	it('3: with Continue On Fail, an item whose Batch ID is a list still yields an error item', async () => {
		const created = await createdBatch(prompts('Say: x'));
		const results = await runOk(
			sandbox(),
			batchNode('getResults', BY_FIELD, 'continueRegularOutput'),
			{ items: [{ json: created[0].json }, { json: { batchId: [created[0].json.batchId] } }] },
		);
		expect(results.map((item) => [item.json.text ?? item.json.error, item.pairedItem])).toEqual([
			['x', { item: 0 }],
			[expect.stringMatching(/expected an ID, got a list/), { item: 1 }],
		]);
	});

	it('4: a cancelled batch fed only its ID returns every request, the never-run ones as batch_cancelled', async () => {
		const created = await runOk(sandbox(), create(), {
			items: prompts(...Array.from({ length: 12 }, (_, index) => `Say: r${index}`)),
		});
		sandbox().advanceTime(2_200); // validating 1 s, then one request per 0.5 s: two done
		await runOk(sandbox(), batchNode('cancel', { batchId: created[0].json.batchId }));
		sandbox().advanceTime(5_000);
		const results = await runOk(
			sandbox(),
			batchNode('getResults', { batchId: created[0].json.batchId }),
		);
		expect(results).toHaveLength(12);
		expect(results.map((item) => item.json.customId)).toEqual(
			Array.from({ length: 12 }, (_, index) => String(index)),
		);
		const ran = results.filter((item) => item.json.succeeded === true);
		expect(ran.length).toBeGreaterThan(0);
		expect(ran.length).toBeLessThan(12);
		for (const item of results.filter((result) => result.json.succeeded !== true))
			expect(item.json.error).toMatchObject({ code: 'batch_cancelled' });
	});

	it('4: a request a cancel lost from both result files comes back as an error item (llm-d/llm-d-batch-gateway#221)', async () => {
		const created = await runOk(sandbox(), create(), {
			items: prompts('Say: a', 'Say: b', 'Say: c'),
		});
		batchStore(sandbox().state).lostOnCancel.add('0');
		sandbox().advanceTime(2_200); // two requests done
		await runOk(sandbox(), batchNode('cancel', { batchId: created[0].json.batchId }));
		sandbox().advanceTime(5_000);
		const results = await runOk(
			sandbox(),
			batchNode('getResults', { batchId: created[0].json.batchId }),
		);
		expect(results.map((item) => [item.json.customId, item.json.succeeded])).toEqual([
			['0', false],
			['1', true],
			['2', false],
		]);
		expect(results[0].json.error).toMatchObject({ code: 'batch_cancelled' });
	});

	it('5: a native reply whose answer mentions <think> keeps the whole answer as text (batch results)', async () => {
		// MiniMax-M2 (the batch default) writes its reasoning inline: a leading <think> block.
		const created = await runOk(
			sandbox(),
			create({}, { model: { __rl: true, mode: 'list', value: 'MiniMax-M2' } }),
			{ items: prompts('Say: Meet <think> tags: they wrap reasoning.') },
		);
		sandbox().advanceTime(60_000);
		const [result] = await runOk(sandbox(), batchNode('getResults', BY_FIELD), {
			items: asFixtures(created),
		});
		expect(result.json.text).toBe('Meet <think> tags: they wrap reasoning.');
		expect(result.json.reasoning).toMatch(/^The user asks about/);
	});

	it('8: "not offered" errors read cleanly: no generic 2013 hint, no repeated HTTP 404, "1 request"', async () => {
		for (const mode of ['http_404', 'not_supported'] as const) {
			sandbox().reset();
			batchStore(sandbox().state).availability = mode;
			const result = await run(sandbox(), create(), { items: prompts('A.') });
			const text = `${result.error?.message} ${description(result.error)}`;
			expect(text).toMatch(/batches are not offered/);
			expect(text).toContain('1 request)');
			expect(text).not.toMatch(/1 requests/);
			expect(text).not.toMatch(/rejected a parameter/);
			expect(text.match(/HTTP 404/g)?.length ?? 0).toBeLessThanOrEqual(2);
			expect(text).not.toMatch(/\(HTTP 404\) \(HTTP 404\)/);
		}
	});

	it('9: file IDs of Get Batch are text, like the Files node', async () => {
		const created = await createdBatch(prompts('Say: x'));
		const [batch] = await runOk(sandbox(), batchNode('get', BY_FIELD), {
			items: [{ json: created[0].json }],
		});
		expect(typeof batch.json.input_file_id).toBe('string');
		expect(typeof batch.json.output_file_id).toBe('string');
		expect(batch.json.input_file_id).toBe(created[0].json.inputFileId);
	});

	it('9: a conversation of only assistant or only system messages is refused alike, before any request', async () => {
		for (const role of ['assistant', 'system']) {
			const result = await run(
				sandbox(),
				batchNode('create', {
					messages: { values: [{ role, content: 'Hello.' }] },
					options: FAST,
				}),
			);
			expect(result.error?.message).toMatch(/no user message to answer/);
		}
		expect(apiRequests(sandbox())).toEqual([]);
	});

	it('10: the "Custom API Call" resource gives a clear error pointing to the HTTP Request node', async () => {
		const result = await run(sandbox(), {
			type: CHAT_TYPE,
			parameters: { resource: '__CUSTOM_API_CALL__' },
		});
		expect(result.error?.message).toMatch(/Custom API Call.*HTTP Request node/);
		expect(description(result.error)).toMatch(/Predefined Credential Type/);
		expect(apiRequests(sandbox())).toEqual([]);
	});
});
