/**
 * Errors while reading a response body (issue 16 cases 1 and 2): a chat stream or reply that stalls
 * past the node's Timeout says it timed out, with the trace ID; no stream can hang forever; decimal
 * idle timeouts are reported as given.
 */
import type { IDataObject } from 'n8n-workflow';

import { apiRequests, run, tts, useSandbox } from '../helpers';

const sandbox = useSandbox();
const CHAT_TYPE = 'n8n-nodes-minimax.miniMaxChat';

function ask(options: IDataObject) {
	return {
		type: CHAT_TYPE,
		parameters: {
			operation: 'message',
			messages: { values: [{ role: 'user', content: 'Tell me about owls.' }] },
			options: { retryDelayMs: 10, maxRetries: 0, ...options },
		},
	};
}

function said(result: Awaited<ReturnType<typeof run>>): string {
	const error = result.error as { message?: string; description?: string } | undefined;
	return `${error?.message ?? ''} ${error?.description ?? ''}`;
}

describe('Chat › a reply that stalls past the Timeout option', () => {
	it('streamed, with the idle timeout off: "timed out after 3 s" with the trace ID', async () => {
		sandbox().faults.add({ path: '/v1/chat/completions', kind: 'stall_stream' });
		const result = await run(
			sandbox(),
			ask({ stream: true, idleTimeoutSeconds: 0, timeoutSeconds: 3 }),
		);
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/MiniMax: The reply timed out after 3 s/);
		expect(said(result)).toMatch(/Timeout/);
		expect(said(result)).toMatch(/trace ID \S+/);
	});

	it('not streamed: "timed out after 3 s", not a failed connection', async () => {
		sandbox().faults.add({ path: '/v1/chat/completions', kind: 'stall_stream' });
		const result = await run(sandbox(), ask({ timeoutSeconds: 3 }));
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/timed out after 3 s/);
		expect(result.error?.message).not.toMatch(/connection|aborted/i);
	});

	it('a decimal idle timeout is reported as given', async () => {
		sandbox().faults.add({ path: '/v1/chat/completions', kind: 'stall_stream' });
		const result = await run(sandbox(), ask({ stream: true, idleTimeoutSeconds: 0.4 }));
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/nothing arrived for 0\.4 s/);
	});
});

describe('Text to Speech › a stream can never hang forever', () => {
	it('Stream Idle Timeout 0 is refused before any request (speech has no overall timeout)', async () => {
		const result = await run(
			sandbox(),
			tts({ text: 'Silence.', options: { stream: true, idleTimeoutSeconds: 0 } }),
		);
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(
			/Invalid "Stream Idle Timeout \(Seconds\)" for item 0: it must be greater than 0/,
		);
		expect(apiRequests(sandbox(), '/v1/t2a_v2')).toHaveLength(0);
	});

	it('a stalled stream with a decimal idle timeout fails and says 0.4 s', async () => {
		sandbox().faults.add({ path: '/v1/t2a_v2', kind: 'stall_stream', times: Infinity });
		const result = await run(
			sandbox(),
			tts({
				text: 'Silence.',
				options: { stream: true, idleTimeoutSeconds: 0.4, maxRetries: 0 },
			}),
		);
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/nothing arrived for 0\.4 s/);
		expect(said(result)).toMatch(/trace ID \S+/);
	});
});
