import { Readable } from 'stream';

import { normalizeReply } from '../../nodes/shared/chat/normalize';
import {
	ReasoningSplitter,
	splitThinking,
	type SplitReply,
} from '../../nodes/shared/chat/reasoning';
import { ChatStreamAccumulator, readChatStream } from '../../nodes/shared/chat/stream';
import { repairToolArguments } from '../../nodes/shared/chat/toolArguments';
import { splitToolMarkup, ToolMarkupFilter } from '../../nodes/shared/chat/toolMarkup';
import {
	announcedLength,
	bodyExcerpt,
	sizeProblem,
	wrongContentType,
} from '../../nodes/shared/transport/bodyCheck';
import { withIdleTimeout } from '../../nodes/shared/transport/idleTimeout';
import { readSseJson } from '../../nodes/shared/transport/sse';

/**
 * The parsers that see MiniMax's bytes, fed with every chunk boundary: each test string is cut at
 * every position (and, for short ones, at every pair of positions) and must give the same result
 * as the whole string.
 */

function cutsOf(text: string): string[][] {
	const cuts: string[][] = [[text]];
	for (let i = 1; i < text.length; i++) cuts.push([text.slice(0, i), text.slice(i)]);
	if (text.length <= 90) {
		for (let i = 1; i < text.length; i++)
			for (let j = i + 1; j < text.length; j++)
				cuts.push([text.slice(0, i), text.slice(i, j), text.slice(j)]);
	}
	return cuts;
}

function splitInPieces(pieces: string[]): SplitReply {
	const splitter = new ReasoningSplitter();
	const out: SplitReply = { answer: '', reasoning: '' };
	for (const piece of [...pieces.map((p) => splitter.push(p)), splitter.flush()]) {
		out.answer += piece.answer;
		out.reasoning += piece.reasoning;
	}
	return { answer: out.answer.trim(), reasoning: out.reasoning.trim() };
}

const REASONING_CASES: Array<[string, string, SplitReply]> = [
	[
		'lone closing tag (issue 11 case 1)',
		'The user greets me; reply briefly.</think>\n\nHello! How can I help?',
		{ reasoning: 'The user greets me; reply briefly.', answer: 'Hello! How can I help?' },
	],
	[
		'<think> block',
		'<think>\nplan\n</think>\n\nHi there',
		{ reasoning: 'plan', answer: 'Hi there' },
	],
	['<thinking> block', '<thinking>plan</thinking>Hi', { reasoning: 'plan', answer: 'Hi' }],
	['<mm:think> block (M3)', '<mm:think>plan</mm:think>\nHi', { reasoning: 'plan', answer: 'Hi' }],
	['upper-case tags', '<THINK>plan</THINK>Hi', { reasoning: 'plan', answer: 'Hi' }],
	[
		'unclosed <think> (cut off while thinking)',
		'<think>still thinking',
		{ reasoning: 'still thinking', answer: '' },
	],
	[
		'no reasoning',
		'Just an answer with a < sign and </b> tag',
		{ reasoning: '', answer: 'Just an answer with a < sign and </b> tag' },
	],
	[
		'vllm-project/vllm#50549: a leading </mm:think> with no reasoning',
		'</mm:think>Hello',
		{ reasoning: '', answer: 'Hello' },
	],
	[
		'Chinese reasoning and answer',
		'用户在打招呼。</think>\n\n你好世界',
		{ reasoning: '用户在打招呼。', answer: '你好世界' },
	],
];

describe('reasoning splitter', () => {
	it.each(REASONING_CASES)('%s: the whole text', (_name, text, expected) => {
		expect(splitThinking(text)).toMatchObject(expected);
	});

	it.each(REASONING_CASES)(
		'%s: cut at every position and every pair of positions',
		(_name, text, expected) => {
			for (const pieces of cutsOf(text))
				expect({ pieces, ...splitInPieces(pieces) }).toEqual({ pieces, ...expected });
		},
	);

	it('a literal <think> inside the reasoning is reasoning text (single level, ENTERPILOT/GoModel#1041); mid-answer tags are answer text', () => {
		expect(splitThinking('<think>I saw a <think> tag</think>\nAnswer')).toEqual({
			reasoning: 'I saw a <think> tag',
			answer: 'Answer',
			unclosed: false,
		});
		expect(splitThinking('Use </think> to close it.')).toEqual({
			reasoning: 'Use',
			answer: 'to close it.',
			unclosed: false,
		});
		expect(splitThinking('<think>r</think>Write </think> to close.')).toEqual({
			reasoning: 'r',
			answer: 'Write </think> to close.',
			unclosed: false,
		});
	});

	it('joins several leading reasoning blocks with a blank line; later tags are answer text', () => {
		expect(splitThinking('<think>a</think>\n<think>b</think>two')).toEqual({
			reasoning: 'a\n\nb',
			answer: 'two',
			unclosed: false,
		});
		expect(splitThinking('<think>a</think>one <think>b</think>two')).toEqual({
			reasoning: 'a',
			answer: 'one <think>b</think>two',
			unclosed: false,
		});
	});

	it('passes text on at once when reasoning came in its own field; tags are then answer text (issue 16)', () => {
		const splitter = new ReasoningSplitter();
		splitter.reasoningSeparately();
		expect(splitter.push('Hello ')).toEqual({ answer: 'Hello ', reasoning: '' });
		expect(splitter.push('there</think>!')).toEqual({ answer: 'there</think>!', reasoning: '' });
		expect(splitThinking('Close it with </think> then go.', true)).toEqual({
			answer: 'Close it with </think> then go.',
			reasoning: '',
			unclosed: false,
		});
	});

	it('reports a reasoning tag that was never closed', () => {
		expect(splitThinking('<think>still thinking')).toEqual({
			answer: '',
			reasoning: 'still thinking',
			unclosed: true,
		});
	});

	it('never lets a tag through as answer text in a stream', () => {
		const text = 'plan</think>\n\nHello';
		for (const pieces of cutsOf(text)) {
			const splitter = new ReasoningSplitter();
			const answers = [...pieces.map((p) => splitter.push(p)), splitter.flush()]
				.map((part) => part.answer)
				.join('');
			expect(answers).toBe('Hello');
		}
	});
});

const MARKUP =
	'<minimax:tool_call>\n<invoke name="get_weather">\n<parameter name="city">Paris</parameter>\n</invoke>\n</minimax:tool_call>';
const TWO_INVOKES =
	'Let me check.\n<minimax:tool_call>\n<invoke name="get_weather">\n<parameter name="city">Paris</parameter>\n<parameter name="days">3</parameter>\n</invoke>\n<invoke name="get_time">\n<parameter name="zone">Europe/Paris</parameter>\n</invoke>\n</minimax:tool_call>';

function markupInPieces(pieces: string[]) {
	const filter = new ToolMarkupFilter();
	const text = pieces.map((p) => filter.push(p)).join('');
	const end = filter.finish();
	return { text: (text + end.text).trim(), calls: end.calls };
}

describe('tool-call markup', () => {
	it('turns one invoke into one call with JSON arguments (issue 11 case 3)', () => {
		expect(splitToolMarkup(MARKUP)).toEqual({
			text: '',
			calls: [{ name: 'get_weather', arguments: '{"city":"Paris"}' }],
		});
	});

	it('turns several invokes into several calls, numbers read as JSON, text kept', () => {
		expect(splitToolMarkup(TWO_INVOKES)).toEqual({
			text: 'Let me check.',
			calls: [
				{ name: 'get_weather', arguments: '{"city":"Paris","days":3}' },
				{ name: 'get_time', arguments: '{"zone":"Europe/Paris"}' },
			],
		});
	});

	it('keeps a value a string when the tool schema says string', () => {
		const text =
			'<minimax:tool_call><invoke name="lookup"><parameter name="code">007</parameter></invoke></minimax:tool_call>';
		expect(splitToolMarkup(text, () => 'string').calls[0].arguments).toBe('{"code":"007"}');
	});

	it.each([
		['one invoke', MARKUP],
		['two invokes after text', TWO_INVOKES],
	])('%s: cut at every position gives the same calls and text', (_name, text) => {
		const whole = markupInPieces([text]);
		for (let i = 1; i < text.length; i++)
			expect({ i, ...markupInPieces([text.slice(0, i), text.slice(i)]) }).toEqual({ i, ...whole });
	});

	it('moves markup from content to tool_calls with finish reason tool_calls', () => {
		const response = normalizeReply({
			id: 'r1',
			choices: [
				{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content: MARKUP } },
			],
		});
		expect(response.choices?.[0]).toEqual({
			index: 0,
			finish_reason: 'tool_calls',
			message: {
				role: 'assistant',
				content: '',
				tool_calls: [
					{
						id: 'call_r1_1',
						type: 'function',
						function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
					},
				],
			},
		});
	});
});

function sseBody(events: unknown[]): Buffer {
	return Buffer.from(
		events.map((event) => `data: ${JSON.stringify(event)}\n\n`).join('') + 'data: [DONE]\n\n',
	);
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
	const out: T[] = [];
	for await (const value of iterable) out.push(value);
	return out;
}

describe('SSE reader', () => {
	const events = [
		{ choices: [{ index: 0, delta: { role: 'assistant', content: '你好' } }] },
		{ choices: [{ index: 0, delta: { content: '世界' } }] },
		{ choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] },
	];
	const body = sseBody(events);

	it('decodes multi-byte characters split at every byte position (issue 11 case 2)', async () => {
		for (let i = 1; i < body.length; i++) {
			const parsed = await collect(
				readSseJson(Readable.from([body.subarray(0, i), body.subarray(i)])),
			);
			expect({ i, parsed }).toEqual({ i, parsed: events });
		}
	});

	it('decodes a body sent one byte at a time, with CRLF line ends', async () => {
		const crlf = Buffer.from(body.toString('utf8').replace(/\n/g, '\r\n'));
		const bytes = [...crlf].map((byte) => Buffer.from([byte]));
		expect(await collect(readSseJson(Readable.from(bytes)))).toEqual(events);
	});

	it('gives the chat text 你好世界 through the accumulator at every byte position', async () => {
		for (let i = 1; i < body.length; i++) {
			const acc = new ChatStreamAccumulator((message) => {
				throw new Error(message);
			});
			await collect(readChatStream(Readable.from([body.subarray(0, i), body.subarray(i)]), acc));
			expect(acc.response().choices?.[0].message?.content).toBe('你好世界');
		}
	});
});

describe('chat stream accumulator', () => {
	const fail = (message: string): never => {
		throw new Error(message);
	};

	it('merges tool-call fragments without index: an empty id continues the previous call (issue 11 case 4)', () => {
		const acc = new ChatStreamAccumulator(fail);
		acc.add({
			choices: [
				{
					index: 0,
					delta: {
						tool_calls: [
							{ id: 'call_1', type: 'function', function: { name: 'get_weather' } },
							{ id: '', type: 'function', function: { arguments: '{"city":"Paris"}' } },
						],
					},
				},
			],
		});
		acc.add({
			choices: [
				{
					index: 0,
					delta: {
						tool_calls: [
							{ id: 'call_2', type: 'function', function: { name: 'get_time', arguments: '{}' } },
						],
					},
					finish_reason: 'tool_calls',
				},
			],
		});
		expect(acc.response().choices?.[0].message?.tool_calls).toEqual([
			{
				id: 'call_1',
				type: 'function',
				function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
			},
			{ id: 'call_2', type: 'function', function: { name: 'get_time', arguments: '{}' } },
		]);
	});

	it('a stream that ends without a finish reason is an error (issue 11 case 6)', async () => {
		const acc = new ChatStreamAccumulator(fail);
		const cut = sseBody([{ choices: [{ index: 0, delta: { content: 'Hel' } }] }]);
		await expect(collect(readChatStream(Readable.from([cut]), acc))).rejects.toThrow(
			/ended before MiniMax finished/,
		);
	});
});

describe('tool arguments in history (issue 11 case 5)', () => {
	it.each([
		['{path:"foo.txt"}', '{"path":"foo.txt"}'],
		["{'path': 'foo.txt', n: 2,}", '{"path":"foo.txt","n":2}'],
		['', '{}'],
		['"{\\"a\\":1}"', '{"a":1}'],
		['{"ok":true}', '{"ok":true}'],
	])('repairs %s', (text, json) => {
		expect(repairToolArguments(text)).toMatchObject({ ok: true, json });
	});

	// '"{"' is the arguments text reported in MiniMax-AI/MiniMax-M2#109.
	it.each(['{path: foo.txt}', '[1,2]', '{"a":', 'call me', '"{"'])('refuses %s', (text) => {
		expect(repairToolArguments(text).ok).toBe(false);
	});
});

describe('idle timeout', () => {
	it('fails a stream that goes silent and closes it', async () => {
		let closed = false;
		async function* silent() {
			yield 'first';
			await new Promise(() => undefined);
		}
		const seen: string[] = [];
		await expect(
			(async () => {
				for await (const value of withIdleTimeout(
					silent(),
					50,
					() => new Error('idle'),
					() => (closed = true),
				))
					seen.push(value);
			})(),
		).rejects.toThrow('idle');
		expect(seen).toEqual(['first']);
		expect(closed).toBe(true);
	});

	it('passes a stream through that keeps talking', async () => {
		async function* talking() {
			for (let i = 0; i < 3; i++) yield i;
		}
		expect(await collect(withIdleTimeout(talking(), 1000, () => new Error('idle')))).toEqual([
			0, 1, 2,
		]);
	});
});

describe('download body checks (issue 11 case 6)', () => {
	it('compares the bytes received with Content-Length and refuses empty bodies', () => {
		expect(sizeProblem(100, 100)).toBeUndefined();
		expect(sizeProblem(100, undefined)).toBeUndefined();
		expect(sizeProblem(60, 100)).toBe('the body ended after 60 of the 100 bytes announced');
		expect(sizeProblem(0, undefined)).toBe('the server sent an empty body (0 bytes)');
		expect(announcedLength({ 'content-length': '42' })).toBe(42);
		expect(announcedLength({ 'content-length': '42', 'content-encoding': 'gzip' })).toBeUndefined();
	});

	it('refuses HTML always and JSON where media was expected', () => {
		expect(wrongContentType({ 'content-type': 'text/html; charset=utf-8' }, false)).toMatch(
			/HTML page/,
		);
		expect(wrongContentType({ 'content-type': 'application/json' }, true)).toMatch(/JSON document/);
		expect(wrongContentType({ 'content-type': 'application/json' }, false)).toBeUndefined();
		expect(wrongContentType({ 'content-type': 'audio/mpeg' }, true)).toBeUndefined();
		expect(bodyExcerpt('<html><head><title>502 Bad Gateway</title></head></html>')).toBe(
			'502 Bad Gateway',
		);
	});
});
