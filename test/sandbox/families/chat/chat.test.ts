import { type AxiosInstance } from 'axios';

import { type Sandbox } from '../..';
import { useSandbox } from '../../testing';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let sandbox: Sandbox;
let api: AxiosInstance;

useSandbox((started, client) => {
	sandbox = started;
	api = client;
});

const chat = async (body: Json) =>
	await api.post('/v1/chat/completions', { model: 'MiniMax-M2.7', ...body });
const user = (content: string) => ({ role: 'user', content });

/** Parses an SSE body into its JSON events; `[DONE]` becomes the string 'DONE'. */
function events(text: string): Array<Json | 'DONE'> {
	return text
		.split('\n\n')
		.filter((event) => event.startsWith('data: '))
		.map((event) => event.slice(6))
		.map((data) => (data === '[DONE]' ? 'DONE' : (JSON.parse(data) as Json)));
}

describe('sandbox /v1/chat/completions', () => {
	it('answers deterministically with inline <think> reasoning and usage', async () => {
		const first = await chat({ messages: [user('Tell me about the life of bees.')] });
		expect(first.status).toBe(200);
		const message = first.data.choices[0].message;
		expect(message.content).toMatch(/^<think>\n.+\n<\/think>\n\n.*the life of bees/s);
		expect(first.data.choices[0].finish_reason).toBe('stop');
		expect(first.data.usage).toEqual({
			prompt_tokens: expect.any(Number),
			completion_tokens: expect.any(Number),
			total_tokens: first.data.usage.prompt_tokens + first.data.usage.completion_tokens,
			completion_tokens_details: { reasoning_tokens: expect.any(Number) },
		});
		expect(first.data.base_resp).toEqual({ status_code: 0, status_msg: '' });
		const again = await chat({ messages: [user('Tell me about the life of bees.')] });
		expect(again.data.choices[0].message.content).toBe(message.content);
	});

	it('moves reasoning to reasoning_details with reasoning_split', async () => {
		const res = await chat({ messages: [user('Say: hello there')], reasoning_split: true });
		const message = res.data.choices[0].message;
		expect(message.content).toBe('hello there');
		expect(message.reasoning_details).toEqual([
			expect.objectContaining({
				type: 'reasoning.text',
				text: expect.stringContaining('I will answer'),
			}),
		]);
	});

	it.each([
		['temperature 0', { temperature: 0 }, /temperature/],
		['temperature above 1', { temperature: 1.5 }, /temperature/],
		['n = 2', { n: 2 }, /only n=1/],
		['an unknown model', { model: 'gpt-4o' }, /unknown model 'gpt-4o'/],
		['a native-only model', { model: 'MiniMax-M1' }, /unknown model/],
		[
			'two system messages',
			{
				messages: [{ role: 'system', content: 'a' }, { role: 'system', content: 'b' }, user('hi')],
			},
			/invalid chat setting \(2013\)/,
		],
		[
			'a system message after a user message',
			{ messages: [user('hi'), { role: 'system', content: 'a' }] },
			/invalid chat setting/,
		],
		[
			'a strict tool',
			{ tools: [{ type: 'function', function: { name: 'x', strict: true } }] },
			/strict/,
		],
		[
			'response_format on M2.7',
			{ response_format: { type: 'json_object' } },
			/response_format: is not supported/,
		],
		[
			'a tool result without a tool call',
			{ messages: [user('hi'), { role: 'tool', tool_call_id: 'nope', content: 'x' }] },
			/does not match/,
		],
	])('rejects %s with HTTP 400 and an error object', async (_label, body, message) => {
		const res = await chat({ messages: [user('hi')], ...body });
		expect(res.status).toBe(400);
		expect(res.data).toEqual({
			type: 'error',
			error: {
				type: 'bad_request_error',
				message: expect.stringMatching(message),
				http_code: '400',
			},
			request_id: expect.any(String),
		});
		expect(res.data.error.message).toMatch(/\(2013\)$|2013/);
		expect(sandbox.log[sandbox.log.length - 1].billable).toBeUndefined();
	});

	it('gives errors on demand through markers', async () => {
		const onOk = await chat({ messages: [user('hi [[sandbox:base_resp:1008]]')] });
		expect(onOk.status).toBe(200);
		expect(onOk.data.base_resp).toEqual({ status_code: 1008, status_msg: 'insufficient balance' });
		const unauthorized = await chat({ messages: [user('hi [[sandbox:http:401]]')] });
		expect(unauthorized.status).toBe(401);
		expect(unauthorized.data.error).toEqual({
			type: 'authentication_error',
			message: 'invalid api key (2049)',
			http_code: '401',
		});
		const limited = await chat({ messages: [user('hi [[sandbox:http:429]]')] });
		expect(limited.status).toBe(429);
	});

	it('calls a tool the user asks for, then answers from its result', async () => {
		const tools = [
			{
				type: 'function',
				function: {
					name: 'get_weather',
					description: 'Weather for a city',
					parameters: {
						type: 'object',
						properties: { city: { type: 'string' }, days: { type: 'integer' } },
						required: ['city'],
					},
				},
			},
			{
				type: 'function',
				function: {
					name: 'calculator',
					parameters: {
						type: 'object',
						properties: { expression: { type: 'string' } },
						required: ['expression'],
					},
				},
			},
		];
		const res = await chat({
			messages: [user('Use get_weather for city: Paris, days=3')],
			tools,
			reasoning_split: true,
		});
		const message = res.data.choices[0].message;
		expect(res.data.choices[0].finish_reason).toBe('tool_calls');
		expect(message.tool_calls).toEqual([
			{
				id: expect.stringMatching(/^call_function_/),
				type: 'function',
				function: { name: 'get_weather', arguments: JSON.stringify({ city: 'Paris', days: 3 }) },
			},
		]);

		const followUp = await chat({
			messages: [
				user('Use get_weather for city: Paris'),
				{ role: 'assistant', content: '', tool_calls: message.tool_calls },
				{ role: 'tool', tool_call_id: message.tool_calls[0].id, content: 'Sunny, 24°C' },
			],
			tools,
			reasoning_split: true,
		});
		expect(followUp.data.choices[0].message.content).toBe('Based on the tool results: Sunny, 24°C');
		const none = await chat({ messages: [user('What is the weather like?')], tools });
		expect(none.data.choices[0].message.tool_calls).toBeUndefined();
	});

	it('replies with JSON of the shape sketched in the prompt, fenced, with the requested item count', async () => {
		const prompt =
			'Write a short video script about the life of bees. Return ONLY a JSON object {"scenes":[{"title","narration","image_prompt"}]} with 2–3 scenes.';
		const res = await chat({ messages: [user(prompt)], reasoning_split: true });
		const content: string = res.data.choices[0].message.content;
		expect(content).toMatch(/^```json\n[\s\S]+\n```$/);
		const value = JSON.parse(content.replace(/^```json\n|\n```$/g, ''));
		expect(value.scenes.length).toBeGreaterThanOrEqual(2);
		expect(value.scenes.length).toBeLessThanOrEqual(3);
		for (const [index, scene] of value.scenes.entries()) {
			expect(Object.keys(scene)).toEqual(['title', 'narration', 'image_prompt']);
			expect(scene.title).toBe(`Scene ${index + 1}: The Life of Bees`);
			expect(scene.narration).toContain('the life of bees');
			expect(scene.image_prompt).toContain('the life of bees');
		}
	});

	it('replies with bare JSON following a json_schema response_format on M3', async () => {
		const schema = {
			type: 'object',
			properties: {
				headline: { type: 'string' },
				tags: { type: 'array', items: { type: 'string' }, minItems: 2, maxItems: 2 },
				rating: { type: 'integer', minimum: 1, maximum: 5 },
				published: { type: 'boolean' },
			},
			required: ['headline', 'tags', 'rating', 'published'],
		};
		const res = await chat({
			model: 'MiniMax-M3',
			messages: [user('A news item about solar power in deserts')],
			response_format: { type: 'json_schema', json_schema: { name: 'news', schema } },
			reasoning_split: true,
		});
		const value = JSON.parse(res.data.choices[0].message.content);
		expect(value).toEqual({
			headline: expect.any(String),
			tags: [expect.any(String), expect.any(String)],
			rating: expect.any(Number),
			published: expect.any(Boolean),
		});
		expect(value.rating).toBeGreaterThanOrEqual(1);
		const broken = await chat({
			messages: [user('Give me JSON like {"a": 1} [[sandbox:bad_json]]')],
			reasoning_split: true,
		});
		expect(() =>
			JSON.parse(broken.data.choices[0].message.content.replace(/^```json\n/, '')),
		).toThrow();
	});

	it('truncates at max_tokens with finish_reason length', async () => {
		const res = await chat({
			messages: [user('Tell me about the history of the printing press.')],
			max_tokens: 30,
			reasoning_split: true,
		});
		expect(res.data.choices[0].finish_reason).toBe('length');
		expect(res.data.usage.completion_tokens).toBeLessThanOrEqual(30);
	});

	it('streams chunks with deltas, empty roles, split reasoning, usage last and [DONE]', async () => {
		const res = await api.post(
			'/v1/chat/completions',
			{
				model: 'MiniMax-M2.5',
				messages: [user('Tell me about owls.')],
				stream: true,
				reasoning_split: true,
			},
			{ responseType: 'text' },
		);
		expect(res.headers['content-type']).toMatch(/text\/event-stream/);
		const all = events(res.data);
		expect(all[all.length - 1]).toBe('DONE');
		const chunks = all.slice(0, -1) as Json[];
		expect(chunks.some((c) => c.choices[0]?.delta?.role === '')).toBe(true);
		const reasoning = chunks
			.map((c) => c.choices[0].delta.reasoning_details?.[0]?.text ?? '')
			.join('');
		const content = chunks.map((c) => c.choices[0].delta.content ?? '').join('');
		const full = await chat({
			model: 'MiniMax-M2.5',
			messages: [user('Tell me about owls.')],
			reasoning_split: true,
		});
		expect(content).toBe(full.data.choices[0].message.content);
		expect(reasoning).toBe(full.data.choices[0].message.reasoning_details[0].text);
		const last = chunks[chunks.length - 1];
		expect(last.choices[0].finish_reason).toBe('stop');
		expect(last.usage).toEqual(full.data.usage);
	});

	it('streams cumulative reasoning, tool-call deltas and in-stream base_resp errors on demand', async () => {
		const cumulative = events(
			(
				await api.post(
					'/v1/chat/completions',
					{
						model: 'MiniMax-M2.5',
						messages: [user('Owls [[sandbox:reasoning_cumulative]]')],
						stream: true,
						reasoning_split: true,
					},
					{ responseType: 'text' },
				)
			).data,
		);
		const texts = (cumulative.slice(0, -1) as Json[])
			.map((c) => c.choices[0]?.delta?.reasoning_details?.[0]?.text)
			.filter(Boolean);
		expect(texts.length).toBeGreaterThan(1);
		for (let i = 1; i < texts.length; i++) expect(texts[i].startsWith(texts[i - 1])).toBe(true);

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
		const toolStream = events(
			(
				await api.post(
					'/v1/chat/completions',
					{ model: 'MiniMax-M2.5', messages: [user('lookup query: owls')], tools, stream: true },
					{ responseType: 'text' },
				)
			).data,
		).slice(0, -1) as Json[];
		const args = toolStream
			.flatMap((c) => c.choices[0]?.delta?.tool_calls ?? [])
			.map((t: Json) => t.function.arguments)
			.join('');
		expect(JSON.parse(args)).toEqual({ query: 'owls' });

		const broken = events(
			(
				await api.post(
					'/v1/chat/completions',
					{
						model: 'MiniMax-M2.5',
						messages: [user('Owls [[sandbox:stream_error:1008]]')],
						stream: true,
					},
					{ responseType: 'text' },
				)
			).data,
		);
		expect(broken).not.toContain('DONE');
		expect((broken[broken.length - 1] as Json).base_resp).toEqual({
			status_code: 1008,
			status_msg: 'insufficient balance',
		});
	});
});

describe('sandbox /v1/text/chatcompletion_v2', () => {
	const native = async (body: Json) => await api.post('/v1/text/chatcompletion_v2', body);

	it('serves M1 with reasoning_content and Text-01 without reasoning, in base_resp envelopes', async () => {
		const m1 = await native({
			model: 'MiniMax-M1',
			messages: [user('Tell me about tides.')],
			max_completion_tokens: 500,
		});
		expect(m1.status).toBe(200);
		expect(m1.data.base_resp).toEqual({ status_code: 0, status_msg: '' });
		expect(m1.data.choices[0].message.reasoning_content).toMatch(/tides/);
		expect(m1.data.choices[0].message.content).not.toMatch(/<think>/);
		const text01 = await native({
			model: 'MiniMax-Text-01',
			messages: [
				{ role: 'system', content: 'a' },
				{ role: 'system', content: 'b' },
				user('Say: ok'),
			],
		});
		expect(text01.data.choices[0].message.content).toBe('ok');
		expect(text01.data.usage.completion_tokens_details.reasoning_tokens).toBe(0);
	});

	it('reports errors as base_resp on HTTP 200', async () => {
		const unknown = await native({ model: 'MiniMax-M2.7', messages: [user('hi')] });
		expect(unknown.status).toBe(200);
		expect(unknown.data.base_resp.status_code).toBe(2013);
		const temperature = await native({
			model: 'MiniMax-M1',
			messages: [user('hi')],
			temperature: 0,
		});
		expect(temperature.data.base_resp).toEqual({
			status_code: 2013,
			status_msg: expect.stringMatching(/temperature/),
		});
		const balance = await native({
			model: 'MiniMax-M1',
			messages: [user('hi [[sandbox:base_resp:1008]]')],
		});
		expect(balance.data.base_resp.status_code).toBe(1008);
	});
});
