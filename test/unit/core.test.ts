import { NodeOperationError, type INode } from 'n8n-workflow';

import { MiniMaxApi } from '../../credentials/MiniMaxApi.credentials';
import { describeMiniMaxError, miniMaxApiError } from '../../nodes/shared/transport/errors';
import { backoffDelay, parseRetryAfter } from '../../nodes/shared/transport/retry';
import { readSseJson } from '../../nodes/shared/transport/sse';
import { parseSubtitles, toSrt } from '../../nodes/shared/media/subtitles';
import { isTar, readTar } from '../../nodes/shared/media/tar';
import { baseUrlFromCredentials } from '../../nodes/shared/transport/baseUrl';
import { InputValidator } from '../../nodes/shared/validation';
import { slugFromText } from '../../nodes/shared/media/binary';
import { emotionsForModel } from '../../nodes/shared/descriptions/speech';

const node: INode = {
	id: '1',
	name: 'TTS',
	type: 'n8n-nodes-minimax.miniMaxTextToSpeech',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

type Authenticate = (
	credentials: Record<string, unknown>,
	options: Record<string, unknown>,
) => Promise<{ headers: Record<string, string>; qs?: Record<string, unknown> }>;

describe('credential', () => {
	const credential = new MiniMaxApi();

	it('strips a pasted Bearer prefix and sends GroupId only when set', async () => {
		const withoutGroup = await (credential.authenticate as unknown as Authenticate)(
			{ apiKey: '  Bearer sk-abc ', groupId: '' },
			{ url: '/v1/x', qs: { a: 1 } },
		);
		expect(withoutGroup.headers.Authorization).toBe('Bearer sk-abc');
		expect(withoutGroup.qs).toEqual({ a: 1 });

		const withGroup = await (credential.authenticate as unknown as Authenticate)(
			{ apiKey: 'sk-abc', groupId: ' 42 ' },
			{ url: '/v1/x' },
		);
		expect(withGroup.headers.Authorization).toBe('Bearer sk-abc');
		expect(withGroup.qs).toEqual({ GroupId: '42' });
	});

	it('has a free test request with region-mismatch rules for 1004 and 2049', () => {
		expect(credential.test.request.url).toBe('/v1/files/list');
		const codes = (credential.test.rules ?? []).map(
			(rule) => (rule.properties as { value: number }).value,
		);
		expect(codes.sort()).toEqual([1004, 2049]);
		for (const rule of credential.test.rules ?? []) {
			expect((rule.properties as { message: string }).message).toMatch(/region/i);
		}
	});
});

describe('base URL', () => {
	const fail = (message: string): never => {
		throw new Error(message);
	};
	it('maps regions and cleans custom URLs', () => {
		expect(baseUrlFromCredentials({ region: 'global' }, fail)).toBe('https://api.minimax.io');
		expect(baseUrlFromCredentials({ region: 'china' }, fail)).toBe('https://api.minimaxi.com');
		expect(
			baseUrlFromCredentials(
				{ region: 'custom', customBaseUrl: ' http://127.0.0.1:4010/v1/ ' },
				fail,
			),
		).toBe('http://127.0.0.1:4010');
		expect(() =>
			baseUrlFromCredentials({ region: 'custom', customBaseUrl: 'api.minimax.io' }, fail),
		).toThrow(/not a valid http/);
	});
});

describe('retry timing', () => {
	it('parses Retry-After seconds and dates, capped', () => {
		expect(parseRetryAfter('2')).toBe(2000);
		expect(parseRetryAfter('0.5')).toBe(500);
		expect(parseRetryAfter(undefined)).toBeUndefined();
		expect(parseRetryAfter('soon')).toBeUndefined();
		const now = Date.parse('2026-01-01T00:00:00Z');
		expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:03 GMT', now)).toBe(3000);
		expect(parseRetryAfter('100000')).toBe(120000);
	});

	it('backs off exponentially with jitter inside [half, full]', () => {
		const settings = { maxRetries: 5, baseDelayMs: 100, maxDelayMs: 1000 };
		for (let attempt = 0; attempt < 6; attempt++) {
			const full = Math.min(1000, 100 * 2 ** attempt);
			for (let k = 0; k < 20; k++) {
				const delay = backoffDelay(settings, attempt);
				expect(delay).toBeGreaterThanOrEqual(full / 2);
				expect(delay).toBeLessThanOrEqual(full);
			}
		}
	});
});

describe('errors', () => {
	it('carry code, hint and trace id', () => {
		const error = miniMaxApiError(node, {
			code: 2049,
			message: 'invalid api key',
			traceId: 'abc123',
			itemIndex: 3,
		});
		expect(error.message).toBe('MiniMax: invalid api key (2049)');
		expect(error.description).toMatch(/Region "Global"/);
		expect(error.description).toMatch(/trace ID abc123/);
		expect(error.context.itemIndex).toBe(3);
		expect(describeMiniMaxError({ message: 'x', code: 1002 })).toMatch(/Rate limit/);
	});
});

describe('validation', () => {
	const check = new InputValidator(node, 2);
	const messageOf = (fn: () => unknown) => {
		try {
			fn();
		} catch (error) {
			expect(error).toBeInstanceOf(NodeOperationError);
			return (error as Error).message;
		}
		throw new Error('expected a validation error');
	};

	it('names the parameter and the item', () => {
		expect(messageOf(() => check.text('Text', '', { min: 1 }))).toBe(
			'Invalid "Text" for item 2: it is empty',
		);
		expect(messageOf(() => check.text('Text', 'abcdef', { max: 5 }))).toMatch(
			/6 characters, the maximum is 5/,
		);
		expect(messageOf(() => check.number('Speed', 3, { min: 0.5, max: 2 }))).toBe(
			'Invalid "Speed" for item 2: it must be at least 0.5 and at most 2 (got 3)',
		);
		expect(messageOf(() => check.number('Volume', 0, { min: 0, minExclusive: true }))).toMatch(
			/greater than 0/,
		);
		expect(messageOf(() => check.number('Pitch', 1.5, { integer: true }))).toMatch(/whole number/);
		expect(messageOf(() => check.oneOf('Format', 'ogg', ['mp3', 'wav']))).toMatch(
			/"ogg" is not allowed\. Allowed: mp3, wav/,
		);
		expect(messageOf(() => check.json('Body', '{oops'))).toMatch(/not valid JSON/);
	});

	it('applies the MiniMax voice ID rules', () => {
		expect(check.customVoiceId('Voice ID', 'MyVoice_01')).toBe('MyVoice_01');
		expect(messageOf(() => check.customVoiceId('Voice ID', 'short'))).toMatch(/at least 8/);
		expect(messageOf(() => check.customVoiceId('Voice ID', '1MyVoice01'))).toMatch(
			/start with a letter/,
		);
		expect(messageOf(() => check.customVoiceId('Voice ID', 'My Voice 01'))).toMatch(/only contain/);
		expect(messageOf(() => check.customVoiceId('Voice ID', 'MyVoice01-'))).toMatch(/must not end/);
	});

	it('knows which emotions each model accepts', () => {
		expect(emotionsForModel('speech-2.6-hd')).toContain('whisper');
		expect(emotionsForModel('speech-2.8-hd')).not.toContain('whisper');
		expect(emotionsForModel('speech-2.8-hd')).not.toContain('fluent');
	});
});

describe('subtitles', () => {
	it('convert MiniMax JSON to SRT', () => {
		const entries = parseSubtitles(
			JSON.stringify([
				{ text: 'Hello there.', time_begin: 0, time_end: 1250 },
				{ text: 'Welcome.', time_begin: 1250, time_end: 3723456 },
			]),
		);
		expect(toSrt(entries)).toBe(
			'1\n00:00:00,000 --> 00:00:01,250\nHello there.\n\n2\n00:00:01,250 --> 01:02:03,456\nWelcome.\n',
		);
	});
});

describe('SSE reader', () => {
	it('parses events split across chunks and ignores [DONE]', async () => {
		async function* chunks() {
			yield Buffer.from('data: {"a":1}\n\nda');
			yield Buffer.from('ta: {"a":2}\r\n\r\ndata: [DONE]\n\n');
		}
		const events: unknown[] = [];
		for await (const event of readSseJson(chunks())) events.push(event);
		expect(events).toEqual([{ a: 1 }, { a: 2 }]);
	});
});

describe('tar reader', () => {
	function header(name: string, size: number, type = '0'): Buffer {
		const block = Buffer.alloc(512);
		block.write(name, 0, 'utf8');
		block.write(size.toString(8).padStart(11, '0') + '\0', 124, 'ascii');
		block.write(type, 156, 'ascii');
		block.write('ustar\0', 257, 'ascii');
		block.write('00', 263, 'ascii');
		return block;
	}
	const pad = (data: Buffer) =>
		Buffer.concat([data, Buffer.alloc((512 - (data.length % 512)) % 512)]);

	it('reads regular files and GNU long names', () => {
		const longName = 'a'.repeat(120) + '.mp3';
		const audio = Buffer.from('ID3-audio-bytes');
		const titles = Buffer.from('[]');
		const archive = Buffer.concat([
			header('././@LongLink', longName.length + 1, 'L'),
			pad(Buffer.from(longName + '\0')),
			header('ignored', audio.length),
			pad(audio),
			header('dir/', 0, '5'),
			header('123.titles', titles.length),
			pad(titles),
			Buffer.alloc(1024),
		]);
		expect(isTar(archive)).toBe(true);
		const entries = readTar(archive);
		expect(entries.map((e) => e.name)).toEqual([longName, '123.titles']);
		expect(entries[0].data.equals(audio)).toBe(true);
		expect(isTar(Buffer.from('ID3 not a tar'))).toBe(false);
	});
});

describe('file names', () => {
	it('slug the start of the text', () => {
		expect(slugFromText('Hello there.<#0.5#>Welcome to MiniMax!', 'speech')).toBe(
			'hello-there-welcome-to-minimax',
		);
		expect(slugFromText('你好', 'speech')).toBe('speech');
	});
});
