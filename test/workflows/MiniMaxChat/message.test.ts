import type { IDataObject, INode } from 'n8n-workflow';

import { readBinary } from '../../harness';
import { apiRequests, run, runOk, useSandbox } from '../helpers';

const sandbox = useSandbox();

const CHAT_TYPE = 'n8n-nodes-minimax.miniMaxChat';
const FAST = { retryDelayMs: 10 };

function chat(parameters: IDataObject, onError?: INode['onError']) {
	return { type: CHAT_TYPE, parameters: { operation: 'message', ...parameters }, onError };
}

function model(id: string) {
	return { __rl: true, mode: 'id', value: id };
}

function ask(content: string, options: IDataObject = {}, extra: IDataObject = {}) {
	return chat({
		messages: { values: [{ role: 'user', content }] },
		options: { ...FAST, ...options },
		...extra,
	});
}

function lastBody(path = '/v1/chat/completions'): IDataObject {
	const requests = apiRequests(sandbox(), path);
	return requests[requests.length - 1].body as IDataObject;
}

function description(error: Error | undefined): string {
	return (error as { description?: string } | undefined)?.description ?? '';
}

describe('MiniMax Chat › request and reply', () => {
	it('sends one merged system message and the sampling options, and returns answer, reasoning and usage', async () => {
		const [item] = await runOk(
			sandbox(),
			chat({
				model: model('MiniMax-M2.5'),
				systemPrompt: 'You are concise.',
				messages: {
					values: [
						{ role: 'system', content: 'Answer in English.' },
						{ role: 'user', content: 'Tell me about the moon.' },
						{ role: 'assistant', content: 'The moon orbits the Earth.' },
						{ role: 'user', content: 'Tell me about the tides.' },
					],
				},
				options: { temperature: 0.7, topP: 0.9, maxTokens: 400 },
			}),
		);
		expect(lastBody()).toEqual({
			model: 'MiniMax-M2.5',
			messages: [
				{ role: 'system', content: 'You are concise.\n\nAnswer in English.' },
				{ role: 'user', content: 'Tell me about the moon.' },
				{ role: 'assistant', content: 'The moon orbits the Earth.' },
				{ role: 'user', content: 'Tell me about the tides.' },
			],
			stream: false,
			temperature: 0.7,
			top_p: 0.9,
			max_tokens: 400,
			reasoning_split: true,
		});
		expect(item.json).toMatchObject({
			text: expect.stringContaining('the tides'),
			reasoning: expect.stringContaining('You are concise'),
			finishReason: 'stop',
			model: 'MiniMax-M2.5',
			api: 'openai-compatible',
			id: expect.any(String),
			traceId: expect.any(String),
			message: {
				role: 'assistant',
				content: item.json.text,
				reasoning_details: [expect.objectContaining({ type: 'reasoning.text' })],
			},
		});
		expect(item.json.text).not.toMatch(/<think>/);
		const usage = item.json.usage as IDataObject;
		expect(usage).toEqual({
			promptTokens: expect.any(Number),
			completionTokens: expect.any(Number),
			totalTokens: expect.any(Number),
			reasoningTokens: expect.any(Number),
		});
		expect(usage.totalTokens).toBe(
			(usage.promptTokens as number) + (usage.completionTokens as number),
		);
		expect(item.pairedItem).toEqual({ item: 0 });
	});

	it.each([
		['separate', true],
		['strip', true],
		['keep', false],
	])('handles reasoning "%s"', async (mode, split) => {
		const [item] = await runOk(sandbox(), ask('Say: hello world', { reasoning: mode }));
		expect(lastBody().reasoning_split).toBe(split ? true : undefined);
		if (mode === 'keep') {
			expect(item.json.text).toMatch(/^<think>\n.+\n<\/think>\n\nhello world$/s);
			expect(item.json.reasoning).toBeUndefined();
		} else {
			expect(item.json.text).toBe('hello world');
			expect(item.json.reasoning === undefined).toBe(mode === 'strip');
		}
	});

	it('separates inline <think> blocks when the API leaves them in the answer (native MiniMax-M2)', async () => {
		const [item] = await runOk(
			sandbox(),
			ask('Say: native hello', { api: 'native' }, { model: model('MiniMax-M2') }),
		);
		expect(apiRequests(sandbox(), '/v1/text/chatcompletion_v2')).toHaveLength(1);
		expect(item.json).toMatchObject({
			text: 'native hello',
			reasoning: expect.stringMatching(/answer briefly/),
			api: 'native',
		});
	});

	it('marks a reply cut off at the token limit', async () => {
		const [item] = await runOk(
			sandbox(),
			ask('Tell me about the history of printing.', { maxTokens: 30 }),
		);
		expect(item.json).toMatchObject({ finishReason: 'length', truncated: true });
	});
});

describe('MiniMax Chat › JSON output', () => {
	const prompt =
		'Write a short video script about the life of bees. Return a JSON object {"scenes":[{"title","narration","image_prompt"}]} with 2–3 scenes.';

	it('parses a fenced JSON reply on a model without response_format and asks for JSON in the system message', async () => {
		const [item] = await runOk(sandbox(), ask(prompt, { responseFormat: 'json' }));
		const body = lastBody();
		expect(body.response_format).toBeUndefined();
		expect((body.messages as IDataObject[])[0]).toEqual({
			role: 'system',
			content: expect.stringMatching(/^Reply with one valid JSON value only/),
		});
		const scenes = (item.json.json as { scenes: IDataObject[] }).scenes;
		expect(scenes.length).toBeGreaterThanOrEqual(2);
		expect(scenes.length).toBeLessThanOrEqual(3);
		for (const scene of scenes)
			expect(Object.keys(scene)).toEqual(['title', 'narration', 'image_prompt']);
		expect(item.json.text).toMatch(/^```json/);
	});

	it('sends the JSON schema as response_format on MiniMax-M3 and validates the reply', async () => {
		const schema = {
			type: 'object',
			properties: { title: { type: 'string' }, tags: { type: 'array', items: { type: 'string' } } },
			required: ['title', 'tags'],
		};
		const [item] = await runOk(
			sandbox(),
			ask(
				'A post about city gardens',
				{ responseFormat: 'json', jsonSchema: JSON.stringify(schema) },
				{ model: model('MiniMax-M3') },
			),
		);
		expect(lastBody().response_format).toEqual({
			type: 'json_schema',
			json_schema: { name: 'reply', schema },
		});
		expect(item.json.json).toEqual({ title: expect.any(String), tags: expect.any(Array) });
	});

	it('follows a schema given in the system message on other models', async () => {
		const schema = {
			type: 'object',
			properties: { headline: { type: 'string' }, score: { type: 'integer' } },
			required: ['headline', 'score'],
		};
		const [item] = await runOk(
			sandbox(),
			ask(
				'News about electric ferries',
				{ responseFormat: 'json', jsonSchema: schema },
				{ model: model('MiniMax-M2.7') },
			),
		);
		expect(item.json.json).toEqual({ headline: expect.any(String), score: expect.any(Number) });
	});

	it('parses the JSON after the thinking when the reasoning is kept inline', async () => {
		const [item] = await runOk(
			sandbox(),
			ask(prompt, { responseFormat: 'json', reasoning: 'keep' }),
		);
		expect(item.json.text).toMatch(/^<think>/);
		expect((item.json.json as { scenes: unknown[] }).scenes.length).toBeGreaterThanOrEqual(2);
	});

	it('fails clearly on a reply that is not valid JSON', async () => {
		const result = await run(
			sandbox(),
			ask(`${prompt} [[sandbox:bad_json]]`, { responseFormat: 'json' }),
		);
		expect(result.error?.message).toMatch(/^MiniMax's reply for item 0 is not valid JSON/);
		expect(description(result.error)).toMatch(/^Reply: ```json/);
	});

	it('fails clearly on a reply that misses a required key of the schema', async () => {
		const schema = {
			type: 'object',
			required: ['scenes', 'summary'],
			properties: {
				scenes: { type: 'array', items: { type: 'object', required: ['title', 'duration'] } },
			},
		};
		const result = await run(
			sandbox(),
			ask(prompt, { responseFormat: 'json', jsonSchema: schema }),
		);
		expect(result.error?.message).toMatch(
			/does not match the JSON Schema: \$: missing required key "summary"; \$\.scenes\[0\]: missing required key "duration"/,
		);
	});
});

describe('MiniMax Chat › files, input messages, tools, native API', () => {
	it.each([
		['txt', 'text/plain'],
		['md', 'text/markdown'],
	])('returns the answer as a .%s file', async (extension, mimeType) => {
		const [item] = await runOk(
			sandbox(),
			ask('Say: Verse one. The river sings.', {
				replyFile: extension,
				binaryPropertyOutput: 'lyrics',
			}),
		);
		const file = item.binary!.lyrics;
		expect(file).toMatchObject({
			mimeType,
			fileExtension: extension,
			fileName: `verse-one-the-river-sings.${extension}`,
		});
		expect((await readBinary(file)).toString('utf8')).toBe('Verse one. The river sings.');
		expect(item.json).toMatchObject({ fileName: file.fileName, mimeType });
	});

	it('takes an OpenAI-style conversation from the input item, tool turns included', async () => {
		const conversation = [
			{ role: 'system', content: 'Be brief.' },
			{ role: 'user', content: 'Use get_weather for city: Paris' },
			{
				role: 'assistant',
				content: '',
				tool_calls: [
					{
						id: 'call_1',
						type: 'function',
						function: { name: 'get_weather', arguments: { city: 'Paris' } },
					},
				],
				reasoning_details: [{ type: 'reasoning.text', text: 'call it' }],
			},
			{ role: 'tool', tool_call_id: 'call_1', content: 'Sunny' },
		];
		const items = [
			{ json: { history: { messages: conversation } } },
			{ json: { history: { messages: 'Say: plain text works' } } },
		];
		const output = await runOk(
			sandbox(),
			chat({
				messagesSource: 'input',
				messagesField: 'history.messages',
				systemPrompt: 'Reply in English.',
			}),
			{ items },
		);
		const [first, second] = apiRequests(sandbox(), '/v1/chat/completions').map(
			(entry) => (entry.body as IDataObject).messages,
		);
		expect(first).toEqual([
			{ role: 'system', content: 'Reply in English.\n\nBe brief.' },
			{ role: 'user', content: 'Use get_weather for city: Paris' },
			{
				role: 'assistant',
				content: '',
				tool_calls: [
					{
						id: 'call_1',
						type: 'function',
						function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
					},
				],
				reasoning_details: [{ type: 'reasoning.text', text: 'call it' }],
			},
			{ role: 'tool', tool_call_id: 'call_1', content: 'Sunny' },
		]);
		expect(output[0].json.text).toBe('Based on the tool results: Sunny');
		expect(second).toEqual([
			{ role: 'system', content: 'Reply in English.' },
			{ role: 'user', content: 'Say: plain text works' },
		]);
		expect(output[1].json.text).toBe('plain text works');
	});

	it('returns tool calls with parsed arguments and does not run them', async () => {
		const tools = [
			{
				type: 'function',
				function: {
					name: 'get_weather',
					description: 'Weather',
					parameters: {
						type: 'object',
						properties: { city: { type: 'string' } },
						required: ['city'],
					},
					strict: true,
				},
			},
		];
		const [item] = await runOk(
			sandbox(),
			ask('Please use get_weather for city: Lyon', {
				tools: JSON.stringify(tools),
				toolChoice: 'auto',
			}),
		);
		expect(lastBody().tools).toEqual([
			{
				type: 'function',
				function: {
					name: 'get_weather',
					description: 'Weather',
					parameters: tools[0].function.parameters,
				},
			},
		]);
		expect(lastBody().tool_choice).toBe('auto');
		expect(item.json).toMatchObject({
			finishReason: 'tool_calls',
			toolCalls: [
				{
					id: expect.stringMatching(/^call_function_/),
					name: 'get_weather',
					arguments: { city: 'Lyon' },
				},
			],
		});
		expect((item.json.message as IDataObject).tool_calls).toHaveLength(1);
		expect(apiRequests(sandbox())).toHaveLength(1);
	});

	it('uses the native endpoint for MiniMax-M1 with max_completion_tokens and reasoning_content', async () => {
		const [item] = await runOk(
			sandbox(),
			ask(
				'Tell me about glaciers.',
				{ maxTokens: 800, temperature: 0.5 },
				{ model: model('MiniMax-M1') },
			),
		);
		expect(apiRequests(sandbox(), '/v1/chat/completions')).toHaveLength(0);
		expect(lastBody('/v1/text/chatcompletion_v2')).toEqual({
			model: 'MiniMax-M1',
			messages: [{ role: 'user', content: 'Tell me about glaciers.' }],
			stream: false,
			temperature: 0.5,
			max_completion_tokens: 800,
		});
		expect(item.json).toMatchObject({
			text: expect.stringContaining('glaciers'),
			reasoning: expect.stringContaining('glaciers'),
			api: 'native',
			model: 'MiniMax-M1',
		});
	});

	it('serves MiniMax-Text-01 through the native endpoint, picked from the list', async () => {
		const [item] = await runOk(
			sandbox(),
			chat({
				model: { __rl: true, mode: 'list', value: 'MiniMax-Text-01' },
				messages: { values: [{ role: 'user', content: 'Say: long context ready' }] },
			}),
		);
		expect(item.json).toMatchObject({ text: 'long context ready', api: 'native' });
		expect(item.json.reasoning).toBeUndefined();
	});
});

describe('MiniMax Chat › streaming', () => {
	it('collects a streamed reply into the same output as a plain request', async () => {
		const [streamed] = await runOk(sandbox(), ask('Tell me about owls.', { stream: true }));
		const [plain] = await runOk(sandbox(), ask('Tell me about owls.'));
		expect(lastBody()).not.toHaveProperty('stream_options');
		expect(apiRequests(sandbox(), '/v1/chat/completions')[0].body).toMatchObject({
			stream: true,
			stream_options: { include_usage: true },
			reasoning_split: true,
		});
		for (const key of ['text', 'reasoning', 'finishReason', 'usage'])
			expect(streamed.json[key]).toEqual(plain.json[key]);
	});

	it('handles cumulative reasoning chunks and inline <think> tags split across chunks', async () => {
		const [cumulative] = await runOk(
			sandbox(),
			ask('Tell me about owls. [[sandbox:reasoning_cumulative]]', { stream: true }),
		);
		const [plain] = await runOk(
			sandbox(),
			ask('Tell me about owls. [[sandbox:reasoning_cumulative]]'),
		);
		expect(cumulative.json.reasoning).toBe(plain.json.reasoning);
		const [inline] = await runOk(
			sandbox(),
			ask('Tell me about owls.', { stream: true, reasoning: 'strip' }),
		);
		expect(inline.json.text).toBe(plain.json.text);
	});

	it('streams tool calls and a native M1 reply', async () => {
		const tools = [
			{
				type: 'function',
				function: {
					name: 'lookup',
					parameters: {
						type: 'object',
						properties: { query: { type: 'string' } },
						required: ['query'],
					},
				},
			},
		];
		const [tool] = await runOk(
			sandbox(),
			ask('lookup query: owls', { stream: true, tools: JSON.stringify(tools) }),
		);
		expect(tool.json.toolCalls).toEqual([
			{ id: expect.any(String), name: 'lookup', arguments: { query: 'owls' } },
		]);
		const [native] = await runOk(
			sandbox(),
			ask('Tell me about owls.', { stream: true }, { model: model('MiniMax-M1') }),
		);
		expect(native.json).toMatchObject({
			text: expect.stringContaining('owls'),
			reasoning: expect.stringContaining('owls'),
			usage: expect.objectContaining({ totalTokens: expect.any(Number) }),
		});
	});

	it('fails on a base_resp error inside the stream', async () => {
		const result = await run(
			sandbox(),
			ask('Tell me about owls. [[sandbox:stream_error:1008]]', { stream: true }),
		);
		expect(result.error?.name).toBe('NodeApiError');
		expect(result.error?.message).toBe('MiniMax: insufficient balance (1008)');
		expect(description(result.error)).toMatch(/Top up the account/);
	});
});

describe('MiniMax Chat › errors', () => {
	it('turns base_resp on HTTP 200 into a NodeApiError with hint and trace ID', async () => {
		const result = await run(sandbox(), ask('Hi [[sandbox:base_resp:1008]]'));
		expect(result.error?.name).toBe('NodeApiError');
		expect(result.error?.message).toBe('MiniMax: insufficient balance (1008)');
		expect(description(result.error)).toMatch(/Top up the account.*trace ID \S+/);
	});

	it('reports an HTTP 400 error object with its message, without retrying', async () => {
		const result = await run(sandbox(), ask('Hi', {}, { model: model('MiniMax-M9') }));
		expect(result.error?.message).toBe(
			"MiniMax: invalid params, model: unknown model 'MiniMax-M9' (2013)",
		);
		expect(description(result.error)).toMatch(/HTTP 400/);
		expect(apiRequests(sandbox())).toHaveLength(1);
	});

	it('reports HTTP 401 for a rejected key, without retrying', async () => {
		const result = await run(sandbox(), ask('Hi [[sandbox:http:401]]'));
		expect(result.error?.message).toBe('MiniMax: invalid api key (2049)');
		expect(description(result.error)).toMatch(/HTTP 401/);
		expect(apiRequests(sandbox())).toHaveLength(1);
	});

	it('reports a key from the wrong region', async () => {
		const result = await run(sandbox(), ask('Hi'), {
			credentials: { apiKey: 'sk-sandbox-china-0001' },
		});
		expect(result.error?.message).toBe('MiniMax: invalid api key (2049)');
		expect(description(result.error)).toMatch(/Region/);
	});

	it('retries a temporary server error and then answers', async () => {
		sandbox().faults.add({ path: '/v1/chat/completions', kind: 'http_status', status: 500 });
		const [item] = await runOk(sandbox(), ask('Say: after retry'));
		expect(item.json.text).toBe('after retry');
		expect(apiRequests(sandbox(), '/v1/chat/completions')).toHaveLength(2);
	});

	it.each([
		['an empty message', ask('   '), /"Messages" for item 0: message 1 \(user\) is empty/],
		[
			'only a system prompt',
			chat({ systemPrompt: 'Be nice.', messages: { values: [] } }),
			/"Messages" for item 0: there is no user message to answer/,
		],
		[
			'temperature 0',
			ask('Hi', { temperature: 0 }),
			/"Temperature" for item 0: it must be greater than 0 and at most 1 \(got 0\)/,
		],
		[
			'temperature above 1',
			ask('Hi', { temperature: 1.2 }),
			/"Temperature" for item 0: it must be greater than 0 and at most 1/,
		],
		['top P of 0', ask('Hi', { topP: 0 }), /"Top P" for item 0/],
		[
			'a fractional token limit',
			ask('Hi', { maxTokens: 10.5 }),
			/"Maximum Number of Tokens" for item 0: it must be a whole number/,
		],
		['an empty model', ask('Hi', {}, { model: model(' ') }), /"Model" for item 0: it is empty/],
		[
			'a native-only model on the OpenAI-compatible API',
			ask('Hi', { api: 'openai' }, { model: model('MiniMax-M1') }),
			/"API" for item 0: MiniMax-M1 is only served by the native API/,
		],
		[
			'an invalid JSON schema',
			ask('Hi', { responseFormat: 'json', jsonSchema: '{"type": ' }),
			/"JSON Schema" for item 0: it is not valid JSON/,
		],
		[
			'a tool without a name',
			ask('Hi', { tools: '[{"type": "function", "function": {"description": "x"}}]' }),
			/"Tools" for item 0: tool 1 needs a function name/,
		],
		[
			'a missing messages field',
			chat({ messagesSource: 'input', messagesField: 'conversation' }),
			/"Messages Field" for item 0: the input item has no field "conversation"/,
		],
	])('rejects %s before any request', async (_label, node, message) => {
		const result = await run(sandbox(), node);
		expect(result.error?.message).toMatch(message);
		expect(apiRequests(sandbox())).toHaveLength(0);
	});

	it.each([
		['not a list', { messages: { role: 'user' } }, /must hold a list of messages/],
		[
			'an unknown role',
			{ messages: [{ role: 'robot', content: 'x' }] },
			/message 1 has the role "robot"/,
		],
		[
			'a tool message without tool_call_id',
			{
				messages: [
					{ role: 'user', content: 'x' },
					{ role: 'tool', content: 'y' },
				],
			},
			/message 2 \(role "tool"\) has no "tool_call_id"/,
		],
		[
			'an image part',
			{ messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'x' } }] }] },
			/only \{"type": "text", "text": "…"\} parts are supported/,
		],
		['an empty list', { messages: [] }, /holds an empty list/],
	])('rejects input messages that are %s before any request', async (_label, json, message) => {
		const result = await run(sandbox(), chat({ messagesSource: 'input' }), { items: [{ json }] });
		expect(result.error?.message).toMatch(message);
		expect(result.error?.message).toMatch(/"Messages Field" for item 0/);
		expect(apiRequests(sandbox())).toHaveLength(0);
	});

	it('gives an error item for a failing item and continues with the others (continueOnFail)', async () => {
		const items = [
			{ json: { prompt: 'Say: first' } },
			{ json: { prompt: 'Hi [[sandbox:base_resp:1026]]' } },
			{ json: { prompt: '' } },
			{ json: { prompt: 'Say: fourth' } },
		];
		const node = chat(
			{ messagesSource: 'input', messagesField: 'prompt', options: FAST },
			'continueRegularOutput',
		);
		const output = await runOk(sandbox(), node, { items });
		expect(output.map((item) => item.json.text ?? item.json.error)).toEqual([
			'first',
			'MiniMax: input new_sensitive (1026)',
			'Invalid "Messages Field" for item 2: the field "prompt" is empty',
			'fourth',
		]);
		expect(output.map((item) => item.pairedItem)).toEqual([0, 1, 2, 3].map((item) => ({ item })));
		expect(output[1].json.errorDescription).toMatch(/content moderation/);
	});
});

describe('MiniMax Chat › Message a Model › fresh-user trial findings', () => {
	it.each(['openai', 'native'] as const)(
		'5 (%s API): an answer that mentions <think> mid-text is all text; only the leading block is reasoning',
		async (api) => {
			const [item] = await runOk(
				sandbox(),
				ask(
					'Say: Meet <think> tags: they wrap reasoning.',
					{ api },
					{ model: model('MiniMax-M2') },
				),
			);
			expect(item.json.text).toBe('Meet <think> tags: they wrap reasoning.');
			expect(item.json.reasoning).toMatch(/^The user asks about/);
		},
	);

	it('2: numbers and booleans from expressions are sent as text; objects are refused before any request', async () => {
		const node = chat({
			model: model('MiniMax-M2.5'),
			systemPrompt: '={{ $json.s }}',
			messages: { values: [{ role: 'user', content: '={{ $json.q }}' }] },
			options: FAST,
		});
		await runOk(sandbox(), node, {
			items: [{ json: { q: 12345, s: 7 } }, { json: { q: false, s: 'x' } }],
		});
		const bodies = apiRequests(sandbox(), '/v1/chat/completions').map(
			(entry) => (entry.body as { messages: IDataObject[] }).messages,
		);
		expect(bodies).toEqual([
			[
				{ role: 'system', content: '7' },
				{ role: 'user', content: '12345' },
			],
			[
				{ role: 'system', content: 'x' },
				{ role: 'user', content: 'false' },
			],
		]);
		sandbox().log.length = 0;
		for (const json of [
			{ q: { x: 1 }, s: '' },
			{ q: 'hi', s: ['a'] },
		]) {
			const result = await run(sandbox(), node, { items: [{ json }] });
			expect(result.error?.message).toMatch(/expected text, got (an object|a list)/);
		}
		expect(apiRequests(sandbox())).toEqual([]);
	});

	it('2: a number as content of an input-item message is text', async () => {
		await runOk(
			sandbox(),
			chat({
				model: model('MiniMax-M2.5'),
				messagesSource: 'input',
				messagesField: 'm',
				options: FAST,
			}),
			{ items: [{ json: { m: [{ role: 'user', content: 42 }] } }] },
		);
		expect(lastBody().messages).toEqual([{ role: 'user', content: '42' }]);
	});

	it('9: only assistant messages are refused like only system messages', async () => {
		for (const role of ['assistant', 'system']) {
			const result = await run(
				sandbox(),
				chat({ messages: { values: [{ role, content: 'Hi.' }] }, options: FAST }),
			);
			expect(result.error?.message).toMatch(/no user message to answer/);
		}
		expect(apiRequests(sandbox())).toEqual([]);
	});
});
