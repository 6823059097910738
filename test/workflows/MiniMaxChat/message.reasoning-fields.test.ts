/**
 * Reasoning tags in a real answer (issue 16 case 3): once MiniMax sent the reasoning in its own field
 * (`reasoning_details`, `reasoning_content`), tags in the content are answer text and stay. A reply
 * that opens a reasoning tag and never closes it has no answer: an error, never an empty success.
 */
import type { IDataObject } from 'n8n-workflow';

import { run, runOk, useSandbox } from '../helpers';

const sandbox = useSandbox();
const CHAT_TYPE = 'n8n-nodes-minimax.miniMaxChat';
const QUOTING = 'Close the block with </think> and then continue.';

function ask(content: string, options: IDataObject = {}) {
	return {
		type: CHAT_TYPE,
		parameters: {
			operation: 'message',
			messages: { values: [{ role: 'user', content }] },
			options: { retryDelayMs: 10, maxRetries: 0, ...options },
		},
	};
}

function replay(content: string, finishReason = 'stop') {
	sandbox().faults.add({
		path: '/v1/chat/completions',
		kind: 'replay',
		body: {
			id: '0637a03982880edad2460180345734fe',
			object: 'chat.completion',
			created: 1776839993,
			model: 'MiniMax-M2.7',
			choices: [{ index: 0, finish_reason: finishReason, message: { role: 'assistant', content } }],
			usage: { prompt_tokens: 42, completion_tokens: 38, total_tokens: 80 },
			base_resp: { status_code: 0, status_msg: '' },
		},
	});
}

describe('Chat › tags in the answer when reasoning came in its own field', () => {
	it.each([false, true])('the quoted </think> stays in the answer (stream %s)', async (stream) => {
		const [item] = await runOk(sandbox(), ask(`Say: ${QUOTING}`, { stream }));
		expect(item.json.text).toBe(QUOTING);
		expect(item.json.reasoning).toMatch(/\S/);
	});

	it('Remove mode keeps it too', async () => {
		const [item] = await runOk(sandbox(), ask(`Say: ${QUOTING}`, { reasoning: 'strip' }));
		expect(item.json.text).toBe(QUOTING);
	});
});

describe('Chat › a reasoning tag that is never closed', () => {
	it.each(['separate', 'strip'])(
		'%s: an error with the trace ID, not an empty answer',
		async (mode) => {
			replay('<think>The user wants a haiku. Let me count syllables');
			const result = await run(sandbox(), ask('Write a haiku.', { reasoning: mode }));
			expect(result.status).toBe('error');
			expect(result.error?.message).toMatch(
				/opened a reasoning block \(<think>\) and never closed it/,
			);
			expect((result.error as { description?: string }).description).toMatch(/Keep Inline/);
		},
	);

	it('cut off at the token limit while reasoning: says so', async () => {
		replay('<think>The user wants a haiku. Let me count', 'length');
		const result = await run(sandbox(), ask('Write a haiku.'));
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/cut off while MiniMax was still reasoning/);
	});

	it('Keep Inline returns the reply as written', async () => {
		replay('<think>The user wants a haiku.');
		const [item] = await runOk(sandbox(), ask('Write a haiku.', { reasoning: 'keep' }));
		expect(item.json.text).toBe('<think>The user wants a haiku.');
	});
});
