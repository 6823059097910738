import { Readable } from 'stream';

import { readTranscript } from '../../nodes/MiniMaxSpeechToText/helpers/transcript';
import { sniffMediaContainer, uploadIdentity } from '../../nodes/shared/media/mediaContainer';
import { streamedFilePart } from '../../nodes/shared/transport/upload';

/** Pure decisions of Speech to Text: reading both segment spellings, naming uploads, streamed parts. */

describe('readTranscript', () => {
	it('reads start/end in seconds with string speakers', () => {
		const t = readTranscript({
			text: 'Hello there. Bye.',
			language: 'en',
			duration: 4.2,
			n_speakers: 2,
			segments: [
				{ id: 0, start: 0, end: 2.1, text: ' Hello there. ', speaker: 'speaker_0' },
				{ id: 1, start: 2.1, end: 4.2, text: 'Bye.', speaker: 'speaker_1' },
			],
		});
		expect(t).toEqual({
			text: 'Hello there. Bye.',
			language: 'en',
			durationSeconds: 4.2,
			speakers: 2,
			segments: [
				{ start: 0, end: 2.1, text: 'Hello there.', speaker: 'speaker_0' },
				{ start: 2.1, end: 4.2, text: 'Bye.', speaker: 'speaker_1' },
			],
		});
	});

	it('reads start_time/end_time in ms, numeric speakers and duration_ms', () => {
		const t = readTranscript({
			duration_ms: 4200,
			segments: [
				{ start_time: 0, end_time: 2100, text: 'Hello there.', speaker: 0 },
				{ start_time: 2100, end_time: 4200, text: 'Bye.', speaker: 1 },
			],
		});
		expect(t.segments.map((s) => [s.start, s.end, s.speaker])).toEqual([
			[0, 2.1, 'speaker_0'],
			[2.1, 4.2, 'speaker_1'],
		]);
		expect(t.text).toBe('Hello there. Bye.');
		expect(t.durationSeconds).toBe(4.2);
		expect(t.speakers).toBe(2);
	});

	it('lets the declared length decide the unit, whatever the field names', () => {
		// start/end in ms: ends far beyond a 3 s file.
		expect(
			readTranscript({ duration: 3, segments: [{ start: 0, end: 3000, text: 'a' }] }).segments[0]
				.end,
		).toBe(3);
		// start_time/end_time in seconds: ends within the file.
		expect(
			readTranscript({ duration: 30, segments: [{ start_time: 1.5, end_time: 29, text: 'a' }] })
				.segments[0],
		).toMatchObject({ start: 1.5, end: 29 });
		// No length: start_time/end_time whole numbers are ms, start/end seconds.
		expect(
			readTranscript({ segments: [{ start_time: 500, end_time: 1500, text: 'a' }] }).segments[0],
		).toMatchObject({ start: 0.5, end: 1.5 });
		expect(readTranscript({ segments: [{ start: 5, end: 15, text: 'a' }] })).toMatchObject({
			durationSeconds: 15,
			segments: [{ start: 5, end: 15 }],
		});
	});

	it('an answer without speech, or without segments, is empty but valid', () => {
		expect(readTranscript({ text: '', segments: [] }, 'de')).toEqual({
			text: '',
			language: 'de',
			durationSeconds: 0,
			segments: [],
		});
		expect(readTranscript({ text: 'Only text.', duration: 2 }).segments).toEqual([]);
	});
});

describe('uploadIdentity', () => {
	const ogg = sniffMediaContainer(Buffer.from('OggS\0\0\0\0\0\0\0\0'))!;
	const mp4 = sniffMediaContainer(Buffer.from('\0\0\0\x20ftypM4A \0\0\0\0'))!;
	it.each([
		[ogg, 'voice.oga', 'voice.ogg', 'audio/ogg'],
		[ogg, 'talk.opus', 'talk.opus', 'audio/ogg'],
		[mp4, 'memo.m4a', 'memo.m4a', 'audio/mp4'],
		[mp4, 'clip.MOV', 'clip.MOV', 'video/quicktime'],
		[mp4, 'audio.wav', 'audio.mp4', 'video/mp4'],
		[mp4, 'no-extension', 'no-extension.mp4', 'video/mp4'],
		[mp4, 'v1.2 final', 'v1.2 final.mp4', 'video/mp4'],
	])('%#: %s named "%s" → "%s" (%s)', (container, name, fileName, mimeType) => {
		expect(uploadIdentity(container, name)).toEqual({ fileName, mimeType });
	});

	it('recognises MPEG audio but not text that starts with 0xFF', () => {
		expect(sniffMediaContainer(Buffer.from([0xff, 0xfb, 0x90, 0x64]))?.format).toBe('mp3');
		expect(sniffMediaContainer(Buffer.from([0xff, 0xf1, 0x50, 0x80]))?.format).toBe('aac');
		expect(sniffMediaContainer(Buffer.from([0xff, 0xe0, 0, 0]))).toBeUndefined();
		expect(sniffMediaContainer(Buffer.from('%PDF-1.7'))).toBeUndefined();
	});
});

describe('streamedFilePart', () => {
	const read = async (part: File) => {
		const chunks: Buffer[] = [];
		for await (const chunk of part.stream() as unknown as AsyncIterable<Buffer>) chunks.push(chunk);
		return Buffer.concat(chunks);
	};

	it('reports the declared size and reads the stream afresh on every read', async () => {
		let opened = 0;
		const part = streamedFilePart({
			fileName: 'a.mp3',
			mimeType: 'audio/mpeg',
			size: 6,
			open: async () => {
				opened++;
				return Readable.from([Buffer.from('abc'), Buffer.from('def')]);
			},
		});
		expect([part.size, part.name, part.type]).toEqual([6, 'a.mp3', 'audio/mpeg']);
		expect((await read(part)).toString()).toBe('abcdef');
		expect(Buffer.from(await part.arrayBuffer()).toString()).toBe('abcdef');
		expect(opened).toBe(2);
	});

	it('a file that changed size fails the body instead of sending a wrong length', async () => {
		const longer = streamedFilePart({
			fileName: 'a.wav',
			mimeType: 'audio/wav',
			size: 4,
			open: async () => Readable.from([Buffer.from('abcdef')]),
		});
		await expect(read(longer)).rejects.toThrow(
			/changed while it was uploaded: more than the 4 bytes it had/,
		);
		const shorter = streamedFilePart({
			fileName: 'a.wav',
			mimeType: 'audio/wav',
			size: 10,
			open: async () => Buffer.from('abc'),
		});
		await expect(read(shorter)).rejects.toThrow(/only 3 of 10 bytes it had/);
	});

	it('is kept as is by FormData when appended without a file name', () => {
		const part = streamedFilePart({
			fileName: 'x.mp3',
			mimeType: 'audio/mpeg',
			size: 3,
			open: async () => Buffer.from('abc'),
		});
		const form = new FormData();
		form.append('file', part);
		expect(form.get('file')).toBe(part);
	});
});
