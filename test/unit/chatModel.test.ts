import type { INode, ISupplyDataFunctions } from 'n8n-workflow';

import { MiniMaxChatModel } from '../../nodes/MiniMaxChatModel/MiniMaxChatModel.node';
import {
	toGenerateResult,
	toWireMessages,
	toWireTools,
} from '../../nodes/MiniMaxChatModel/model/convert';
import { ReasoningSplitter, splitThinking } from '../../nodes/shared/chat/reasoning';
import { ChatStreamAccumulator } from '../../nodes/shared/chat/stream';

// n8n before 2.20 has no AI node SDK: requiring it fails.
jest.mock(
	'@n8n/ai-node-sdk',
	() => {
		throw new Error("Cannot find module '@n8n/ai-node-sdk'");
	},
	{ virtual: true },
);

const node: INode = {
	id: 'm',
	name: 'MiniMax Chat Model',
	type: 'n8n-nodes-minimax.miniMaxChatModel',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

describe('MiniMax Chat Model › without the AI node SDK', () => {
	it('fails with a clear message naming the n8n version it needs', async () => {
		const ctx = {
			getNode: () => node,
			getNodeParameter: (name: string) => (name === 'model' ? 'MiniMax-M2.7' : {}),
		} as unknown as ISupplyDataFunctions;
		await expect(new MiniMaxChatModel().supplyData.call(ctx, 0)).rejects.toThrow(
			/needs n8n 2\.20 or newer/,
		);
	});
});

describe('MiniMax Chat Model › conversions', () => {
	it('merges every system message into one leading message and maps tool turns', () => {
		const wire = toWireMessages([
			{ role: 'system', content: [{ type: 'text', text: 'Be brief.' }] },
			{ role: 'user', content: [{ type: 'text', text: 'Weather in Rome?' }] },
			{ role: 'system', content: [{ type: 'text', text: 'Use tools.' }] },
			{
				role: 'assistant',
				content: [
					{
						type: 'tool-call',
						toolCallId: 'c1',
						toolName: 'get_weather',
						input: '{"city":"Rome"}',
						providerMetadata: {
							reasoning_details: [{ type: 'reasoning.text', text: 'need weather' }],
						},
					},
				],
			},
			{
				role: 'tool',
				content: [
					{ type: 'tool-result', toolCallId: 'c1', result: [{ type: 'text', text: 'Hot' }] },
				],
			},
			{
				role: 'tool',
				content: [{ type: 'tool-result', toolCallId: 'c2', result: { temperature: 30 } }],
			},
		]);
		expect(wire).toEqual([
			{ role: 'system', content: 'Be brief.\n\nUse tools.' },
			{ role: 'user', content: 'Weather in Rome?' },
			{
				role: 'assistant',
				content: '',
				tool_calls: [
					{
						id: 'c1',
						type: 'function',
						function: { name: 'get_weather', arguments: '{"city":"Rome"}' },
					},
				],
				reasoning_details: [{ type: 'reasoning.text', text: 'need weather' }],
			},
			{ role: 'tool', tool_call_id: 'c1', content: 'Hot' },
			{ role: 'tool', tool_call_id: 'c2', content: '{"temperature":30}' },
		]);
	});

	it('sends reasoning blocks back as reasoning_details when no raw details are known', () => {
		const [message] = toWireMessages([
			{
				role: 'assistant',
				content: [
					{ type: 'reasoning', text: 'think' },
					{ type: 'tool-call', toolName: 'x', input: '' },
				],
			},
		]);
		expect(message).toEqual({
			role: 'assistant',
			content: '',
			tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'x', arguments: '{}' } }],
			reasoning_details: [{ type: 'reasoning.text', text: 'think' }],
		});
	});

	it('turns tools into OpenAI function tools without $schema, strict or provider tools', () => {
		const zodLike = { _def: {}, parse: () => undefined };
		const tools = toWireTools([
			{
				type: 'function',
				name: 'search',
				description: 'Search',
				inputSchema: {
					$schema: 'http://json-schema.org/draft-07/schema#',
					type: 'object',
					properties: { q: { type: 'string' } },
				},
				strict: true,
			},
			{ type: 'function', name: 'opaque', inputSchema: zodLike },
			{ type: 'provider', name: 'web_search' },
		]);
		expect(tools).toEqual([
			{
				type: 'function',
				function: {
					name: 'search',
					description: 'Search',
					parameters: { type: 'object', properties: { q: { type: 'string' } } },
				},
			},
			{
				type: 'function',
				function: { name: 'opaque', parameters: { type: 'object', properties: {} } },
			},
		]);
	});

	it('keeps inline <think> reasoning out of the answer and maps finish reasons and usage', () => {
		const result = toGenerateResult(
			{
				id: 'r1',
				choices: [
					{ finish_reason: 'length', message: { content: '<think>plan</think>\n\nAnswer' } },
				],
				usage: {
					prompt_tokens: 3,
					completion_tokens: 4,
					total_tokens: 7,
					completion_tokens_details: { reasoning_tokens: 2 },
				},
			},
			'trace-1',
		);
		expect(result).toEqual({
			id: 'r1',
			finishReason: 'length',
			usage: {
				promptTokens: 3,
				completionTokens: 4,
				totalTokens: 7,
				outputTokenDetails: { reasoning: 2 },
			},
			message: { role: 'assistant', content: [{ type: 'text', text: 'Answer' }], id: 'r1' },
			providerMetadata: { reasoning: 'plan', traceId: 'trace-1' },
		});
		const withTools = toGenerateResult({
			choices: [
				{
					finish_reason: 'stop',
					message: {
						content: '',
						tool_calls: [{ id: 't', type: 'function', function: { name: 'f', arguments: '' } }],
					},
				},
			],
		});
		expect(withTools.finishReason).toBe('tool-calls');
		expect(withTools.message.content).toEqual([
			{ type: 'tool-call', toolCallId: 't', toolName: 'f', input: '{}' },
		]);
	});
});

describe('chat reasoning and streams', () => {
	it('splits <think> blocks, including an unclosed one from a cut-off reply', () => {
		// Only the leading block is reasoning: tags after the answer began are answer text.
		expect(splitThinking('<think>a</think>\n\nB<think>c</think>D')).toEqual({
			answer: 'B<think>c</think>D',
			reasoning: 'a',
			unclosed: false,
		});
		expect(splitThinking('Meet <think> tags: they wrap reasoning.')).toEqual({
			answer: 'Meet <think> tags: they wrap reasoning.',
			reasoning: '',
			unclosed: false,
		});
		expect(splitThinking('<think>still thinking')).toEqual({
			answer: '',
			reasoning: 'still thinking',
			unclosed: true,
		});
		expect(splitThinking('plain')).toEqual({ answer: 'plain', reasoning: '', unclosed: false });
	});

	it('filters <think> tags split across stream deltas', () => {
		const filter = new ReasoningSplitter();
		const parts = ['<th', 'ink>plan ', 'ahead</th', 'ink>\n\nHel', 'lo <', 'b>'].map((delta) =>
			filter.push(delta),
		);
		const rest = filter.flush();
		expect(parts.map((p) => p.answer).join('') + rest.answer).toBe('Hello <b>');
		expect(parts.map((p) => p.reasoning).join('') + rest.reasoning).toBe('plan ahead');
	});

	const chunk = (delta: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
		choices: [{ index: 0, delta }],
		...extra,
	});
	const fail = (message: string, code?: number): never => {
		throw new Error(`${message}|${code}`);
	};

	it('accepts incremental and cumulative reasoning_details, empty roles and usage in the last chunk', () => {
		for (const cumulative of [false, true]) {
			const acc = new ChatStreamAccumulator(fail);
			const texts = cumulative ? ['The', 'The user', 'The user asks'] : ['The', ' user', ' asks'];
			const deltas = texts.flatMap((text, i) =>
				acc.add(
					chunk({
						role: i === 0 ? 'assistant' : '',
						reasoning_details: [{ type: 'reasoning.text', text }],
					}),
				),
			);
			deltas.push(...acc.add(chunk({ role: '', content: 'Hi' })));
			acc.add({
				choices: [{ index: 0, delta: {}, finish_reason: 'stop' }],
				usage: { total_tokens: 9 },
			});
			expect(
				deltas
					.filter((d) => d.type === 'reasoning')
					.map((d) => d.delta)
					.join(''),
			).toBe('The user asks');
			expect(acc.response()).toEqual({
				id: undefined,
				model: undefined,
				choices: [
					{
						index: 0,
						finish_reason: 'stop',
						message: {
							role: 'assistant',
							content: 'Hi',
							reasoning_details: [{ type: 'reasoning.text', text: 'The user asks' }],
						},
					},
				],
				usage: { total_tokens: 9 },
			});
		}
	});

	it('assembles tool-call fragments and native reasoning_content', () => {
		const acc = new ChatStreamAccumulator(fail);
		acc.add(chunk({ reasoning_content: 'think ' }));
		acc.add(chunk({ reasoning_content: 'more' }));
		acc.add(
			chunk({
				tool_calls: [
					{ index: 0, id: 'c1', type: 'function', function: { name: 'f', arguments: '{"a"' } },
				],
			}),
		);
		acc.add(chunk({ tool_calls: [{ index: 0, function: { arguments: ':1}' } }] }));
		expect(acc.response().choices?.[0].message).toEqual({
			role: 'assistant',
			content: '',
			reasoning_content: 'think more',
			tool_calls: [{ id: 'c1', type: 'function', function: { name: 'f', arguments: '{"a":1}' } }],
		});
	});

	it('fails on a non-zero base_resp or a chunk that is not JSON', () => {
		expect(() =>
			new ChatStreamAccumulator(fail).add({
				base_resp: { status_code: 1008, status_msg: 'insufficient balance' },
			}),
		).toThrow('insufficient balance|1008');
		expect(() => new ChatStreamAccumulator(fail).add({ unparsable: '{"choi' })).toThrow(
			/not JSON: \{"choi/,
		);
	});
});
