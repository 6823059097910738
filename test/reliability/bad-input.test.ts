import type { IDataObject } from 'n8n-workflow';

import type { FixtureItem } from '../harness';
import { base64, sineWav } from '../support/audioSamples';
import { run, useSandbox, type NodeUnderTest } from '../workflows/helpers';

const sandbox = useSandbox();

const P = 'n8n-nodes-minimax.';
const tts = (p: IDataObject) => ({
	type: `${P}miniMaxTextToSpeech`,
	parameters: { text: 'Hello.', ...p },
});
const clone = (p: IDataObject) => ({
	type: `${P}miniMaxVoiceClone`,
	parameters: { voiceId: 'ValidVoice01', ...p },
});
const design = (p: IDataObject) => ({
	type: `${P}miniMaxVoiceDesign`,
	parameters: { prompt: 'Calm.', previewText: 'Hi.', ...p },
});
const video = (p: IDataObject) => ({
	type: `${P}miniMaxVideo`,
	parameters: { prompt: 'A fox', ...p },
});
const image = (p: IDataObject) => ({
	type: `${P}miniMaxImage`,
	parameters: { prompt: 'A fox', ...p },
});
const music = (p: IDataObject) => ({
	type: `${P}miniMaxMusic`,
	parameters: { operation: 'generate', prompt: 'Pop', lyrics: '[Verse]\nLa la la', ...p },
});
const files = (p: IDataObject) => ({ type: `${P}miniMaxFiles`, parameters: p });
const chat = (content: string, options: IDataObject = {}, extra: IDataObject = {}) => ({
	type: `${P}miniMaxChat`,
	parameters: {
		operation: 'message',
		messages: { values: [{ role: 'user', content }] },
		options,
		...extra,
	},
});

const wav = (seconds: number, name = 'sample.wav'): FixtureItem[] => [
	{
		json: {},
		binary: { data: { base64: base64(sineWav(seconds)), fileName: name, mimeType: 'audio/wav' } },
	},
];
const withPrompt = (seconds: number): FixtureItem[] => [
	{
		json: {},
		binary: {
			data: { base64: base64(sineWav(12)), fileName: 's.wav', mimeType: 'audio/wav' },
			prompt: { base64: base64(sineWav(seconds)), fileName: 'p.wav', mimeType: 'audio/wav' },
		},
	},
];
const text = (name: string, mimeType: string): FixtureItem[] => [
	{
		json: {},
		binary: { data: { base64: base64(Buffer.from('just text')), fileName: name, mimeType } },
	},
];

type Row = [string, NodeUnderTest, FixtureItem[] | undefined, string];

/** [what is wrong, node, input items, the parameter the error must name] */
const TABLE: Row[] = [
	['empty text', tts({ text: ' ' }), undefined, 'Text'],
	['text over 50,000 characters', tts({ text: 'x'.repeat(50_001) }), undefined, 'Text'],
	['speed 3', tts({ options: { speed: 3 } }), undefined, 'Speed'],
	['volume 0', tts({ options: { volume: 0 } }), undefined, 'Volume'],
	['pitch 1.5', tts({ options: { pitch: 1.5 } }), undefined, 'Pitch'],
	['an unknown model', tts({ model: 'tts-1' }), undefined, 'Model'],
	['whisper on speech-2.8', tts({ options: { emotion: 'whisper' } }), undefined, 'Emotion'],
	[
		'an unknown language',
		tts({ options: { languageBoost: 'Klingon' } }),
		undefined,
		'Language Boost',
	],
	['WAV while streaming', tts({ options: { stream: true, format: 'wav' } }), undefined, 'Format'],
	[
		'five mixed voices',
		tts({
			options: {
				voiceMix: { voices: [1, 2, 3, 4, 5].map((n) => ({ voiceId: `V_${n}`, weight: 20 })) },
			},
		}),
		undefined,
		'Voice Mixing',
	],
	[
		'a pronunciation line without a slash',
		tts({ options: { pronunciation: 'nothing' } }),
		undefined,
		'Pronunciation Dictionary',
	],
	[
		'a voice effect of 150',
		tts({ options: { voiceEffects: { effects: { timbre: 150 } } } }),
		undefined,
		'Voice Effects › Timbre',
	],
	[
		'a task ID with letters',
		tts({ operation: 'getLongTask', taskId: 'abc' }),
		undefined,
		'Task ID',
	],
	[
		'a long-speech file that is audio',
		tts({ operation: 'generateLong', textSource: 'binary' }),
		text('a.mp3', 'audio/mpeg'),
		'Input Binary Field',
	],
	['a voice ID of 5 characters', clone({ voiceId: 'Abc12' }), wav(12), 'Voice ID'],
	['a voice ID starting with a digit', clone({ voiceId: '1Voice0001' }), wav(12), 'Voice ID'],
	['a missing sample field', clone({ binaryPropertyName: 'voice' }), wav(12), 'Input Binary Field'],
	['a text file as the sample', clone({}), text('notes.txt', 'text/plain'), 'Input Binary Field'],
	['a 5 s sample', clone({}), wav(5), 'Input Binary Field'],
	[
		'a 9 s prompt clip',
		clone({ options: { binaryPropertyNamePrompt: 'prompt', promptText: 'x' } }),
		withPrompt(9),
		'Prompt Audio Field',
	],
	[
		'a preview of 1,001 characters',
		clone({ options: { previewText: 'p'.repeat(1001) } }),
		wav(12),
		'Preview Text',
	],
	[
		'a preview of 501 characters',
		design({ previewText: 'p'.repeat(501) }),
		undefined,
		'Preview Text',
	],
	['a designed voice ID with spaces', design({ voiceId: 'my voice 01' }), undefined, 'Voice ID'],
	['an empty voice description', design({ prompt: '={{ "" }}' }), undefined, 'Voice Description'],
	[
		'Hailuo-02 for 10 s at 1080P',
		video({ model: 'MiniMax-Hailuo-02', resolution: '1080P', duration: 10 }),
		undefined,
		'Duration',
	],
	[
		'Hailuo-2.3 at 720P',
		video({ model: 'MiniMax-Hailuo-2.3', resolution: '720P' }),
		undefined,
		'Resolution',
	],
	[
		'text-to-video with an image-only model',
		video({ model: 'MiniMax-Hailuo-2.3-Fast' }),
		undefined,
		'Model',
	],
	['a video prompt of 2,001 characters', video({ prompt: 'x'.repeat(2001) }), undefined, 'Prompt'],
	['an image prompt of 1,501 characters', image({ prompt: 'p'.repeat(1501) }), undefined, 'Prompt'],
	['ten images', image({ numberOfImages: 10 }), undefined, 'Number of Images'],
	['a width of 1020', image({ size: 'custom', width: 1020 }), undefined, 'Width'],
	[
		'21:9 on image-01-live',
		image({ model: 'image-01-live', aspectRatio: '21:9' }),
		undefined,
		'Aspect Ratio',
	],
	[
		'a text file as the character image',
		image({ referenceSource: 'binary' }),
		text('face.jpg', 'image/jpeg'),
		'Character Image Field',
	],
	['lyrics of 3,501 characters', music({ lyrics: 'l'.repeat(3501) }), undefined, 'Lyrics'],
	[
		'an instrumental on music-2.5',
		music({ model: 'music-2.5', vocals: 'instrumental' }),
		undefined,
		'Vocals',
	],
	['music-1.5 with a 3-character prompt', music({ model: 'music-1.5' }), undefined, 'Prompt'],
	[
		'a cover of a 4 s song',
		music({ operation: 'cover', prompt: 'Jazz' }),
		wav(4, 'short.wav'),
		'Reference Song Field',
	],
	[
		'a 4 s song to prepare as a cover',
		music({ operation: 'prepareCover' }),
		wav(4, 'short.wav'),
		'Reference Song Field',
	],
	[
		'lyrics of 3,501 characters to edit',
		music({ operation: 'generateLyrics', lyricsMode: 'edit', lyrics: 'l'.repeat(3501) }),
		undefined,
		'Lyrics',
	],
	[
		'a cover from a blank feature ID',
		music({
			operation: 'cover',
			prompt: 'Jazz',
			referenceSource: 'featureId',
			coverFeatureId: ' ',
		}),
		undefined,
		'Cover Feature ID',
	],
	[
		'a 5 s voice-clone upload',
		files({ operation: 'upload', purpose: 'voice_clone' }),
		wav(5),
		'Input Binary Field',
	],
	[
		'a file ID with letters',
		files({ operation: 'download', fileId: 'file-123' }),
		undefined,
		'File ID',
	],
	['a blank file ID', files({ operation: 'get', fileId: ' ' }), undefined, 'File ID'],
	['temperature 0', chat('Hi', { temperature: 0 }), undefined, 'Temperature'],
	['top P 0', chat('Hi', { topP: 0 }), undefined, 'Top P'],
	['an empty chat message', chat('  '), undefined, 'Messages'],
	[
		'invalid JSON in the JSON schema',
		chat('Hi', { responseFormat: 'json', jsonSchema: '{"type": ' }),
		undefined,
		'JSON Schema',
	],
	[
		'a native-only model on the OpenAI API',
		chat('Hi', { api: 'openai' }, { model: { __rl: true, mode: 'id', value: 'MiniMax-M1' } }),
		undefined,
		'API',
	],
];

describe('bad input: a NodeOperationError naming the parameter and the item, and zero requests', () => {
	it('covers at least 40 wrong inputs across every action node', () => {
		expect(TABLE.length).toBeGreaterThanOrEqual(40);
		expect(new Set(TABLE.map(([, node]) => node.type)).size).toBe(8);
	});

	it.each(TABLE)('%s', async (_what, node, items, parameter) => {
		const result = await run(sandbox(), node, { items });
		expect(result.status).toBe('error');
		expect(result.error?.name).toBe('NodeOperationError');
		const match = /^Invalid "(.+?)" for item (\d+): /.exec(result.error?.message ?? '');
		expect(match?.[1]).toBe(parameter);
		expect(match?.[2]).toBe('0');
		expect(sandbox().log).toHaveLength(0);
	});
});
