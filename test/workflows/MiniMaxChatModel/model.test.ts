/**
 * The MiniMax Chat Model sub-node inside a workflow: n8n-core's engine calls its supplyData with
 * a real supply-data context (credential, region, HTTP helpers) when a root node asks for its
 * language model, and the root node completes prompts through that model against the sandbox.
 *
 * @n8n/ai-node-sdk is a peer dependency that n8n provides at runtime and that is not installed
 * here. When it is installed, the real SDK is used; otherwise a stand-in with the SDK's contract
 * wraps the node's model for LangChain the way the SDK's supplyModel does (LangChain's core comes
 * with n8n-core).
 */
import {
	AIMessage,
	type BaseMessage,
	HumanMessage,
	SystemMessage,
	ToolMessage,
} from '@langchain/core/messages';
import { NodeConnectionTypes } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import { runWorkflow, type WorkflowJson } from '../../harness';
import { apiRequests, credentialsFor, subNodeWorkflow, useSandbox } from '../helpers';

jest.mock('@n8n/ai-node-sdk', () => mockAiNodeSdk(), { virtual: true });

const sandbox = useSandbox();

interface LcModel {
	invoke(messages: BaseMessage[]): Promise<AIMessage>;
	stream(messages: BaseMessage[]): Promise<AsyncIterable<{ text: string; content: unknown }>>;
	bindTools(tools: unknown[]): LcModel;
}

const WEATHER_TOOL = {
	type: 'function',
	function: {
		name: 'get_weather',
		description: 'Current weather for a city',
		parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
	},
};

/** A root node like a basic LLM chain: gets the connected language model and completes a prompt. */
// eslint-disable-next-line @n8n/community-nodes/node-usable-as-tool -- test fixture, never offered to an AI agent
class TestChain implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Test Chain',
		name: 'chain',
		group: ['transform'],
		version: 1,
		description: 'Completes a prompt through the connected model (test only)',
		defaults: { name: 'Chain' },
		inputs: [
			NodeConnectionTypes.Main,
			{
				type: NodeConnectionTypes.AiLanguageModel,
				displayName: 'Model',
				required: true,
				maxConnections: 1,
			},
		],
		outputs: [NodeConnectionTypes.Main],
		properties: [
			{ displayName: 'Mode', name: 'mode', type: 'string', default: 'invoke' },
			{ displayName: 'Prompt', name: 'prompt', type: 'string', default: '' },
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const model = (await this.getInputConnectionData(
			NodeConnectionTypes.AiLanguageModel,
			0,
		)) as LcModel;
		const mode = this.getNodeParameter('mode', 0) as string;
		const prompt = this.getNodeParameter('prompt', 0) as string;
		const messages = [
			new SystemMessage('You are a helpful assistant.'),
			new SystemMessage('Keep it short.'),
			new HumanMessage(prompt),
		];
		let json: IDataObject;
		if (mode === 'stream') {
			let text = '';
			for await (const chunk of await model.stream(messages)) text += chunk.text;
			json = { text };
		} else if (mode === 'tools') {
			const withTools = model.bindTools([WEATHER_TOOL]);
			const call = await withTools.invoke(messages);
			const toolCall = call.tool_calls?.[0];
			const final = await withTools.invoke([
				...messages,
				call,
				new ToolMessage({ content: 'Sunny, 24°C', tool_call_id: toolCall?.id ?? '' }),
			]);
			json = { toolCalls: call.tool_calls as unknown as IDataObject[], text: final.text };
		} else {
			const reply = await model.invoke(messages);
			json = {
				text: reply.text,
				usage: reply.usage_metadata as unknown as IDataObject,
				metadata: reply.response_metadata as IDataObject,
			};
		}
		return [[{ json, pairedItem: { item: 0 } }]];
	}
}

function workflow(chain: IDataObject, modelParameters: IDataObject): WorkflowJson {
	return subNodeWorkflow(
		{ name: 'Chain', type: 'test.chain', parameters: chain },
		{
			name: 'MiniMax Chat Model',
			type: 'n8n-nodes-minimax.miniMaxChatModel',
			parameters: modelParameters,
		},
		'ai_languageModel',
	);
}

async function runChain(chain: IDataObject, modelParameters: IDataObject = {}) {
	return await runWorkflow(
		workflow(chain, {
			model: { __rl: true, mode: 'list', value: 'MiniMax-M2.7' },
			...modelParameters,
		}),
		{
			credentials: credentialsFor(sandbox()),
			extraNodeTypes: { 'test.chain': new TestChain() },
		},
	);
}

async function chainOutput(
	chain: IDataObject,
	modelParameters: IDataObject = {},
): Promise<IDataObject> {
	const result = await runChain(chain, modelParameters);
	if (result.status !== 'success') throw result.error ?? new Error(result.status);
	return result.output('Chain')[0].json;
}

describe('MiniMax Chat Model sub-node', () => {
	it('supplies a model that completes a prompt, with one system message and the node options', async () => {
		const output = await chainOutput(
			{ prompt: 'Tell me about the northern lights.' },
			{ options: { temperature: 0.6, topP: 0.9, maxTokens: 512 } },
		);
		expect(output.text).toMatch(/the northern lights/);
		expect(output.text).not.toMatch(/<think>|I will answer/);
		expect(output.usage).toEqual({
			input_tokens: expect.any(Number),
			output_tokens: expect.any(Number),
			total_tokens: expect.any(Number),
			output_token_details: { reasoning: expect.any(Number) },
		});
		expect(output.metadata).toMatchObject({
			reasoning: expect.stringMatching(/northern lights/),
			reasoning_details: [expect.objectContaining({ type: 'reasoning.text' })],
		});
		const [request] = apiRequests(sandbox(), '/v1/chat/completions');
		expect(request.body).toEqual({
			model: 'MiniMax-M2.7',
			messages: [
				{ role: 'system', content: 'You are a helpful assistant.\n\nKeep it short.' },
				{ role: 'user', content: 'Tell me about the northern lights.' },
			],
			stream: false,
			temperature: 0.6,
			top_p: 0.9,
			max_tokens: 512,
			reasoning_split: true,
		});
		expect(request.headers.authorization).toBe('Bearer sk-sandbox-global-0001');
	});

	it('streams the answer without the reasoning', async () => {
		const streamed = await chainOutput({
			mode: 'stream',
			prompt: 'Tell me about the northern lights.',
		});
		const plain = await chainOutput({ prompt: 'Tell me about the northern lights.' });
		expect(streamed.text).toBe(plain.text);
		expect(apiRequests(sandbox(), '/v1/chat/completions')[0].body).toMatchObject({
			stream: true,
			stream_options: { include_usage: true },
			reasoning_split: true,
		});
	});

	it('calls tools and answers from their results, sending the reasoning back unchanged', async () => {
		const output = await chainOutput({ mode: 'tools', prompt: 'Use get_weather for city: Paris' });
		expect(output.toolCalls).toEqual([
			expect.objectContaining({
				name: 'get_weather',
				args: { city: 'Paris' },
				id: expect.stringMatching(/^call_function_/),
			}),
		]);
		expect(output.text).toBe('Based on the tool results: Sunny, 24°C');
		const [first, second] = apiRequests(sandbox(), '/v1/chat/completions').map(
			(entry) => entry.body as IDataObject,
		);
		expect(first.tools).toEqual([WEATHER_TOOL]);
		const history = second.messages as IDataObject[];
		expect(history.slice(2)).toEqual([
			{
				role: 'assistant',
				content: '',
				tool_calls: [
					{
						id: expect.any(String),
						type: 'function',
						function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
					},
				],
				reasoning_details: [
					expect.objectContaining({
						type: 'reasoning.text',
						text: expect.stringMatching(/get_weather tool/),
					}),
				],
			},
			{
				role: 'tool',
				tool_call_id: (output.toolCalls as IDataObject[])[0].id,
				content: 'Sunny, 24°C',
			},
		]);
	});

	it('uses the native API for MiniMax-M1', async () => {
		const output = await chainOutput(
			{ prompt: 'Say: from the native API' },
			{ model: { __rl: true, mode: 'id', value: 'MiniMax-M1' }, options: { maxTokens: 1000 } },
		);
		expect(output.text).toBe('from the native API');
		expect(apiRequests(sandbox(), '/v1/text/chatcompletion_v2')[0].body).toMatchObject({
			model: 'MiniMax-M1',
			max_completion_tokens: 1000,
		});
		expect(apiRequests(sandbox(), '/v1/chat/completions')).toHaveLength(0);
	});

	it('fails with the MiniMax error after a single request', async () => {
		const result = await runChain({ prompt: 'Hi [[sandbox:base_resp:1008]]' });
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/insufficient balance/);
		expect(apiRequests(sandbox(), '/v1/chat/completions')).toHaveLength(1);
	});

	it('rejects a temperature of 0 before any request', async () => {
		const result = await runChain({ prompt: 'Hi' }, { options: { temperature: 0 } });
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe('Error in sub-node MiniMax Chat Model');
		expect((result.error as { description?: string }).description).toMatch(
			/Invalid "Temperature" for item 0: it must be greater than 0/,
		);
		expect(apiRequests(sandbox())).toHaveLength(0);
	});
});

describe('MiniMax Chat Model sub-node › replies as MiniMax really sends them (issue 11)', () => {
	it.each(['close_only', 'thinking', 'mm_think'])(
		'%s reasoning: the chain never sees reasoning or tags, invoked or streamed',
		async (form) => {
			const invoked = await chainOutput({
				prompt: `Say: Hello! How can I help? [[sandbox:reasoning_form:${form}]]`,
			});
			const streamed = await chainOutput({
				mode: 'stream',
				prompt: `Say: Hello! How can I help? [[sandbox:reasoning_form:${form}]]`,
			});
			expect(invoked.text).toBe('Hello! How can I help?');
			expect(streamed.text).toBe('Hello! How can I help?');
			expect((invoked.metadata as IDataObject).reasoning).toMatch(/I will answer briefly\.$/);
		},
	);

	it('a </think> quoted in the answer stays when reasoning came in its own field, invoked or streamed', async () => {
		const prompt = 'Say: Close the block with </think> and then continue.';
		const invoked = await chainOutput({ prompt });
		const streamed = await chainOutput({ mode: 'stream', prompt });
		expect(invoked.text).toBe('Close the block with </think> and then continue.');
		expect(streamed.text).toBe(invoked.text);
	});

	it('a streamed 你好世界 split inside its characters reaches the chain whole', async () => {
		sandbox().faults.add({ path: '/v1/chat/completions', kind: 'byte_split' });
		expect((await chainOutput({ mode: 'stream', prompt: 'Say: 你好世界' })).text).toBe('你好世界');
	});

	it('tool-call markup becomes a tool call the chain runs, and the answer uses its result', async () => {
		const output = await chainOutput({
			mode: 'tools',
			prompt: 'Use get_weather for city: Paris [[sandbox:tool_markup]]',
		});
		expect(output.toolCalls).toEqual([
			expect.objectContaining({
				name: 'get_weather',
				args: { city: 'Paris' },
				id: expect.stringMatching(/^call_/),
			}),
		]);
		expect(output.text).toBe('Based on the tool results: Sunny, 24°C');
		const second = apiRequests(sandbox(), '/v1/chat/completions')[1].body as IDataObject;
		expect((second.messages as IDataObject[])[2]).toMatchObject({
			role: 'assistant',
			content: '',
			tool_calls: [
				{ type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } },
			],
		});
	});

	it('a stream that goes silent fails after the idle timeout', async () => {
		sandbox().faults.add({ path: '/v1/chat/completions', kind: 'stall_stream' });
		const result = await runChain(
			{ mode: 'stream', prompt: 'Tell me about owls.' },
			{ options: { idleTimeoutSeconds: 1 } },
		);
		expect(result.status).toBe('error');
		expect(
			`${result.error?.message} ${(result.error as { description?: string }).description ?? ''}`,
		).toMatch(/stopped sending the reply/);
	});

	it('a stream that stalls with the idle check off says it timed out, with the trace ID', async () => {
		sandbox().faults.add({ path: '/v1/chat/completions', kind: 'stall_stream' });
		const result = await runChain(
			{ mode: 'stream', prompt: 'Tell me about owls.' },
			{ options: { idleTimeoutSeconds: 0, timeoutSeconds: 3, maxRetries: 0 } },
		);
		expect(result.status).toBe('error');
		const said = `${result.error?.message} ${(result.error as { description?: string }).description ?? ''}`;
		expect(said).toMatch(/The reply timed out after 3 s/);
		expect(said).toMatch(/trace ID \S+/);
	});

	it('a stream cut before its finish reason is an error', async () => {
		sandbox().faults.add({ path: '/v1/chat/completions', kind: 'truncate_stream' });
		const result = await runChain({ mode: 'stream', prompt: 'Tell me about owls.' });
		expect(result.status).toBe('error');
		expect(
			`${result.error?.message} ${(result.error as { description?: string }).description ?? ''}`,
		).toMatch(/ended before MiniMax finished the answer/);
	});
});

/** The real SDK when it is installed, else a stand-in with its contract (see the file comment). */
function mockAiNodeSdk(): unknown {
	try {
		return jest.requireActual('@n8n/ai-node-sdk');
	} catch {
		return aiNodeSdkStandIn();
	}
}

type SdkMessage = { role: string; content: Array<Record<string, unknown>> };
type SdkModel = {
	modelId: string;
	provider: string;
	generate(messages: SdkMessage[]): Promise<{
		message: SdkMessage;
		usage?: Record<string, number>;
		providerMetadata?: Record<string, unknown>;
		id?: string;
	}>;
	stream(messages: SdkMessage[]): AsyncIterable<Record<string, unknown>>;
	withTools(tools: unknown[]): SdkModel;
};

function aiNodeSdkStandIn(): unknown {
	/* eslint-disable @typescript-eslint/no-require-imports */
	const { BaseChatModel } = require('@langchain/core/language_models/chat_models');
	const messages = require('@langchain/core/messages');
	const { ChatGenerationChunk } = require('@langchain/core/outputs');
	/* eslint-enable @typescript-eslint/no-require-imports */

	const textBlocks = (content: unknown) =>
		typeof content === 'string'
			? [{ type: 'text', text: content }]
			: (content as Array<{ type: string; text?: string }>)
					.filter((block) => block.type === 'text')
					.map((block) => ({ type: 'text', text: block.text ?? '' }));

	const fromLangChain = (message: BaseMessage): SdkMessage => {
		const type = message.getType();
		if (type === 'tool') {
			const tool = message as ToolMessage;
			return {
				role: 'tool',
				content: [{ type: 'tool-result', toolCallId: tool.tool_call_id, result: tool.content }],
			};
		}
		if (type === 'ai') {
			const ai = message as AIMessage;
			const calls = (ai.tool_calls ?? []).map((call) => ({
				type: 'tool-call',
				toolCallId: call.id,
				toolName: call.name,
				input: JSON.stringify(call.args),
				providerMetadata: ai.response_metadata,
			}));
			return { role: 'assistant', content: [...textBlocks(ai.content), ...calls] };
		}
		return { role: type === 'system' ? 'system' : 'user', content: textBlocks(message.content) };
	};

	class StandInAdapter extends BaseChatModel {
		constructor(private readonly model: SdkModel) {
			super({});
		}

		_llmType() {
			return 'n8n-chat-model';
		}

		async _generate(input: BaseMessage[]) {
			const result = await this.model.generate(input.map(fromLangChain));
			const text = result.message.content.filter((block) => block.type === 'text');
			const toolCalls = result.message.content
				.filter((block) => block.type === 'tool-call')
				.map((block) => ({
					type: 'tool_call',
					id: block.toolCallId,
					name: block.toolName,
					args: JSON.parse(String(block.input)),
				}));
			const message = new messages.AIMessage({
				content: text,
				tool_calls: toolCalls.length ? toolCalls : undefined,
				usage_metadata: result.usage
					? {
							input_tokens: result.usage.promptTokens,
							output_tokens: result.usage.completionTokens,
							total_tokens: result.usage.totalTokens,
							output_token_details: {
								reasoning: (result.usage as { outputTokenDetails?: { reasoning?: number } })
									.outputTokenDetails?.reasoning,
							},
						}
					: undefined,
				response_metadata: {
					...result.providerMetadata,
					model: this.model.modelId,
					provider: this.model.provider,
				},
			});
			return { generations: [{ text: message.text, message }], llmOutput: { id: result.id } };
		}

		async *_streamResponseChunks(input: BaseMessage[]) {
			for await (const chunk of this.model.stream(input.map(fromLangChain))) {
				if (chunk.type === 'text-delta') {
					yield new ChatGenerationChunk({
						message: new messages.AIMessageChunk({ content: chunk.delta }),
						text: chunk.delta,
					});
				} else if (chunk.type === 'tool-call-delta') {
					const toolCallChunks = [
						{
							type: 'tool_call_chunk',
							id: chunk.id,
							name: chunk.name,
							args: chunk.argumentsDelta,
							index: 0,
						},
					];
					yield new ChatGenerationChunk({
						message: new messages.AIMessageChunk({ content: '', tool_call_chunks: toolCallChunks }),
						text: '',
					});
				}
			}
		}

		bindTools(
			tools: Array<{ function: { name: string; description?: string; parameters: unknown } }>,
		) {
			const converted = tools.map((tool) => ({
				type: 'function',
				name: tool.function.name,
				description: tool.function.description,
				inputSchema: tool.function.parameters,
			}));
			return new StandInAdapter(this.model.withTools(converted));
		}
	}

	return {
		supplyModel: (_ctx: unknown, model: SdkModel) => ({ response: new StandInAdapter(model) }),
		getParametersJsonSchema: (tool: { inputSchema: unknown }) => tool.inputSchema,
	};
}
