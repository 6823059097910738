/**
 * The Chat node against replies shaped like the ones publicly reported from the real service
 * (docs/minimax-api.md §17.4, issue 11): reasoning in every tag form, UTF-8 split across network chunks, tool
 * calls as text markup, streamed tool-call fragments without index, invalid tool arguments in the
 * history, streams that end early or go silent.
 */
import type { IDataObject } from 'n8n-workflow';

import { apiRequests, run, runOk, useSandbox } from '../helpers';

const sandbox = useSandbox();

const CHAT_TYPE = 'n8n-nodes-minimax.miniMaxChat';
const FAST = { retryDelayMs: 10 };
const WEATHER_TOOLS = JSON.stringify([
	{
		type: 'function',
		function: {
			name: 'get_weather',
			parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
		},
	},
]);

function ask(content: string, options: IDataObject = {}, extra: IDataObject = {}) {
	return {
		type: CHAT_TYPE,
		parameters: {
			operation: 'message',
			messages: { values: [{ role: 'user', content }] },
			options: { ...FAST, ...options },
			...extra,
		},
	};
}

function description(error: Error | undefined): string {
	return (error as { description?: string } | undefined)?.description ?? '';
}

const PROMPT = 'Say: Hello! How can I help?';

describe('MiniMax Chat › reasoning in every form (issue 11 case 1)', () => {
	let expectedReasoning: string;
	beforeEach(async () => {
		const [plain] = await runOk(sandbox(), ask(PROMPT));
		expectedReasoning = String(plain.json.reasoning);
		expect(expectedReasoning).toMatch(/I will answer briefly\.$/);
	});

	it.each([
		['close_only', false],
		['close_only', true],
		['think', false],
		['think', true],
		['thinking', false],
		['thinking', true],
		['mm_think', false],
		['mm_think', true],
	])('%s (stream %s): text is the answer, reasoning separate, no tags', async (form, stream) => {
		const [item] = await runOk(
			sandbox(),
			ask(`${PROMPT} [[sandbox:reasoning_form:${form}]]`, { stream }),
		);
		expect(item.json.text).toBe('Hello! How can I help?');
		expect(item.json.reasoning).toBe(expectedReasoning);
	});

	it('Remove gives only the answer; Keep Inline gives the reply as MiniMax wrote it', async () => {
		const [strip] = await runOk(
			sandbox(),
			ask(`${PROMPT} [[sandbox:reasoning_form:close_only]]`, { reasoning: 'strip', stream: true }),
		);
		expect(strip.json.text).toBe('Hello! How can I help?');
		expect(strip.json).not.toHaveProperty('reasoning');
		const [keep] = await runOk(
			sandbox(),
			ask(`${PROMPT} [[sandbox:reasoning_form:close_only]]`, { reasoning: 'keep' }),
		);
		expect(keep.json.text).toBe(`${expectedReasoning}</think>\n\nHello! How can I help?`);
	});

	it('JSON output is parsed from the answer without the reasoning', async () => {
		const [item] = await runOk(
			sandbox(),
			ask('Give me JSON like {"title": "…"} about owls [[sandbox:reasoning_form:close_only]]', {
				responseFormat: 'json',
			}),
		);
		expect(item.json.json).toEqual({ title: expect.any(String) });
	});
});

describe('MiniMax Chat › bytes split inside UTF-8 characters (issue 11 case 2)', () => {
	it('a streamed 你好世界 split after the first byte of 好 arrives whole', async () => {
		sandbox().faults.add({ path: '/v1/chat/completions', kind: 'byte_split' });
		const [item] = await runOk(sandbox(), ask('Say: 你好世界', { stream: true }));
		expect(sandbox().log[0].fault).toBe('byte_split');
		expect(item.json.text).toBe('你好世界');
		expect(String(item.json.reasoning)).not.toMatch(/\uFFFD/);
	});

	it('the native API stream too', async () => {
		sandbox().faults.add({ path: '/v1/text/chatcompletion_v2', kind: 'byte_split' });
		const [item] = await runOk(
			sandbox(),
			ask(
				'Say: 你好世界，早上好',
				{ stream: true },
				{ model: { __rl: true, mode: 'id', value: 'MiniMax-M1' } },
			),
		);
		expect(item.json.text).toBe('你好世界，早上好');
	});
});

describe('MiniMax Chat › tool calls written as markup (issue 11 case 3)', () => {
	it.each([false, true])(
		'becomes one tool call with JSON arguments, finish reason tool_calls, no markup (stream %s)',
		async (stream) => {
			const [item] = await runOk(
				sandbox(),
				ask('Use get_weather for city: Paris [[sandbox:tool_markup]]', {
					tools: WEATHER_TOOLS,
					stream,
				}),
			);
			expect(item.json.text).toBe('');
			expect(item.json.finishReason).toBe('tool_calls');
			expect(item.json.toolCalls).toEqual([
				{ id: expect.stringMatching(/^call_/), name: 'get_weather', arguments: { city: 'Paris' } },
			]);
			const message = item.json.message as IDataObject;
			expect(message.content).toBe('');
			expect(message.tool_calls).toEqual([
				{
					id: expect.any(String),
					type: 'function',
					function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
				},
			]);
		},
	);

	it('the assistant message it outputs can be sent back as history', async () => {
		const [first] = await runOk(
			sandbox(),
			ask('Use get_weather for city: Paris [[sandbox:tool_markup]]', { tools: WEATHER_TOOLS }),
		);
		const message = first.json.message as IDataObject;
		const callId = (message.tool_calls as IDataObject[])[0].id;
		const messages = [
			{ role: 'user', content: 'Weather in Paris?' },
			message,
			{ role: 'tool', tool_call_id: callId, content: 'Sunny' },
		];
		const [second] = await runOk(
			sandbox(),
			{
				type: CHAT_TYPE,
				parameters: {
					operation: 'message',
					messagesSource: 'input',
					messagesField: 'messages',
					options: FAST,
				},
			},
			{ items: [{ json: { messages } }] },
		);
		expect(second.json.text).toBe('Based on the tool results: Sunny');
	});
});

describe('MiniMax Chat › streamed tool-call fragments without index (issue 11 case 4)', () => {
	it.each([
		['native', 'MiniMax-M1'],
		['OpenAI-compatible', 'MiniMax-M2.7'],
	])('%s stream: an empty id continues the previous call', async (_api, modelId) => {
		const [item] = await runOk(
			sandbox(),
			ask(
				'Use get_weather for city: Paris [[sandbox:tool_no_index]]',
				{ tools: WEATHER_TOOLS, stream: true },
				{ model: { __rl: true, mode: 'id', value: modelId } },
			),
		);
		expect(item.json.toolCalls).toEqual([
			{
				id: expect.stringMatching(/^call_function_/),
				name: 'get_weather',
				arguments: { city: 'Paris' },
			},
		]);
	});
});

describe('MiniMax Chat › invalid tool arguments in the history (issue 11 case 5)', () => {
	const history = (args: unknown) => [
		{ role: 'user', content: 'Read foo.txt' },
		{
			role: 'assistant',
			content: '',
			tool_calls: [
				{ id: 'call_7', type: 'function', function: { name: 'read_file', arguments: args } },
			],
		},
		{ role: 'tool', tool_call_id: 'call_7', content: 'file contents' },
	];
	const fromInput = {
		type: CHAT_TYPE,
		parameters: {
			operation: 'message',
			messagesSource: 'input',
			messagesField: 'messages',
			options: FAST,
		},
	};

	it('the sandbox refuses them like the service (2013 naming the tool call id)', async () => {
		const response = await fetch(`${sandbox().url}/v1/chat/completions`, {
			method: 'POST',
			headers: {
				authorization: 'Bearer sk-sandbox-global-0001',
				'content-type': 'application/json',
			},
			body: JSON.stringify({ model: 'MiniMax-M2.7', messages: history('{path:"foo.txt"}') }),
		});
		expect(response.status).toBe(400);
		expect(((await response.json()) as { error: { message: string } }).error.message).toBe(
			'invalid params, invalid function arguments json string, tool_call_id: call_7 (2013)',
		);
	});

	it('repairs {path:"foo.txt"} to valid JSON and gets an answer', async () => {
		const [item] = await runOk(sandbox(), fromInput, {
			items: [{ json: { messages: history('{path:"foo.txt"}') } }],
		});
		expect(item.json.text).toBe('Based on the tool results: file contents');
		const sent = (apiRequests(sandbox(), '/v1/chat/completions')[0].body as IDataObject)
			.messages as IDataObject[];
		expect((sent[1].tool_calls as IDataObject[])[0]).toEqual({
			id: 'call_7',
			type: 'function',
			function: { name: 'read_file', arguments: '{"path":"foo.txt"}' },
		});
	});

	it('refuses arguments it cannot repair, naming the message and the tool call id, before any request', async () => {
		const result = await run(sandbox(), fromInput, {
			items: [{ json: { messages: history('{path: foo.txt}') } }],
		});
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(
			/Invalid "Messages Field" for item 0: message 2 has a tool call 1 \(id "call_7"\) whose "function.arguments" MiniMax would refuse/,
		);
		expect(apiRequests(sandbox())).toHaveLength(0);
	});
});

describe('MiniMax Chat › streams that end early or go silent (issue 11 cases 6, 7)', () => {
	it('a stream without its finish reason is an error, not a shorter answer', async () => {
		sandbox().faults.add({ path: '/v1/chat/completions', kind: 'truncate_stream' });
		const result = await run(sandbox(), ask('Tell me about owls.', { stream: true }));
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/ended before MiniMax finished the answer/);
		expect(description(result.error)).toMatch(/trace ID \S+/);
	});

	it('a stream that goes silent fails after the idle timeout instead of hanging', async () => {
		sandbox().faults.add({ path: '/v1/chat/completions', kind: 'stall_stream' });
		const result = await run(
			sandbox(),
			ask('Tell me about owls.', { stream: true, idleTimeoutSeconds: 1 }),
		);
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(
			/MiniMax stopped sending the reply: nothing arrived for 1 s/,
		);
		expect(description(result.error)).toMatch(/Stream Idle Timeout/);
	});
});

describe('MiniMax Chat › replies copied from public reports', () => {
	function completion(content: string) {
		return {
			id: '0637a03982880edad2460180345734fe',
			object: 'chat.completion',
			created: 1776839993,
			model: 'MiniMax-M2.7',
			choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content } }],
			usage: { prompt_tokens: 42, completion_tokens: 38, total_tokens: 80 },
			base_resp: { status_code: 0, status_msg: '' },
		};
	}
	const replay = (content: string) =>
		sandbox().faults.add({
			path: '/v1/chat/completions',
			kind: 'replay',
			body: completion(content),
		});
	const TOOLS = JSON.stringify([
		{
			type: 'function',
			function: {
				name: 'exec',
				parameters: { type: 'object', properties: { command: { type: 'string' } } },
			},
		},
		{
			type: 'function',
			function: {
				name: 'bash',
				parameters: { type: 'object', properties: { command: { type: 'string' } } },
			},
		},
	]);

	it('cubist38/mlx-openai-server#179: reasoning, a lone </think> on its own line, then the answer', async () => {
		replay(
			'The user has sent a simple greeting "hi". I should respond concisely with a greeting and offer to help. This is a conversational message, not a task request.\n</think>\nHi! How can I help you today?',
		);
		const [item] = await runOk(sandbox(), ask('hi'));
		expect(item.json.text).toBe('Hi! How can I help you today?');
		expect(item.json.reasoning).toBe(
			'The user has sent a simple greeting "hi". I should respond concisely with a greeting and offer to help. This is a conversational message, not a task request.',
		);
	});

	it('ENTERPILOT/GoModel#1041: a literal <think> inside the reasoning stays reasoning text', async () => {
		replay(
			'<think>The user wrote <think> in the question.</think>\n\nThat tag starts a reasoning block.',
		);
		const [item] = await runOk(sandbox(), ask('What does <think> mean?'));
		expect(item.json.text).toBe('That tag starts a reasoning block.');
		expect(item.json.reasoning).toBe('The user wrote <think> in the question.');
	});

	it('MiniMax-AI/MiniMax-M2.5#10: indented markup for one call', async () => {
		replay(
			'<minimax:tool_call>\n  <invoke name="exec">\n    <parameter name="command">ls</parameter>\n  </invoke>\n</minimax:tool_call>',
		);
		const [item] = await runOk(sandbox(), ask('List the files', { tools: TOOLS }));
		expect(item.json.toolCalls).toEqual([
			{ id: 'call_0637a03982880edad2460180345734fe_1', name: 'exec', arguments: { command: 'ls' } },
		]);
		expect(item.json).toMatchObject({ text: '', finishReason: 'tool_calls' });
	});

	it('earendil-works/pi#368: two invokes in one block become two calls', async () => {
		replay(
			'<minimax:tool_call>\n<invoke name="bash">\n<parameter name="command">mb --help</parameter>\n</invoke>\n<invoke name="bash">\n<parameter name="command">cm --help</parameter>\n</invoke>\n</minimax:tool_call>',
		);
		const [item] = await runOk(sandbox(), ask('Show the help of mb and cm', { tools: TOOLS }));
		expect(item.json.toolCalls).toEqual([
			{ id: expect.any(String), name: 'bash', arguments: { command: 'mb --help' } },
			{ id: expect.any(String), name: 'bash', arguments: { command: 'cm --help' } },
		]);
	});

	it('spring-projects/spring-ai#1276: [{"id":"1","function":{"name":"a"}},{"id":"","function":{"arguments":"[1]"}}] in a stream', async () => {
		const chunk = (delta: IDataObject, extra: IDataObject = {}) =>
			`data: ${JSON.stringify({ id: 'r1', choices: [{ index: 0, delta, ...extra }] })}\n\n`;
		const body =
			chunk({
				role: 'assistant',
				tool_calls: [
					{ id: '1', type: 'function', function: { name: 'a' } },
					{ id: '', type: 'function', function: { arguments: '{"values":[1]}' } },
				],
			}) + chunk({}, { finish_reason: 'tool_calls' });
		sandbox().faults.add({ path: '/v1/chat/completions', kind: 'replay', body, status: 200 });
		const [item] = await runOk(
			sandbox(),
			ask('Call a', {
				stream: true,
				tools: JSON.stringify([
					{ type: 'function', function: { name: 'a', parameters: { type: 'object' } } },
				]),
			}),
		);
		expect(item.json.toolCalls).toEqual([{ id: '1', name: 'a', arguments: { values: [1] } }]);
	});
});
