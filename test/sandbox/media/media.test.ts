import { execFileSync } from 'child_process';
import { createHash } from 'crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

import { crc16, crc8, encodeFlac } from './flac';
import { encodeMp3, parseMp3Frames } from './mp3';
import { type FrameRun, cyclesFor, renderPcm } from './pcm';
import { createTar } from './tar';
import { wavFromPcm } from './wav';
import { MultipartError, parseMultipart } from '../http/multipart';
import { countWords, planSpeech } from '../families/tts/speech/plan';
import { renderAudio } from '../families/tts/speech/render';
import { probe } from '../../support/ffprobe';

const voice = { voiceKey: 'Wise_Woman', speed: 1, vol: 1, pitch: 0 };

function runs(sampleRate: number): FrameRun[] {
	return [
		{ note: { cycles: cyclesFor(220, sampleRate), level: 4 }, frames: 12 },
		{ note: null, frames: 3 },
		{ note: { cycles: cyclesFor(330, sampleRate), level: 8 }, frames: 9 },
	];
}

describe('mp3', () => {
	it.each([
		[8000, 1, 128000, 64000, 576],
		[16000, 2, 256000, 160000, 576],
		[22050, 1, 32000, 32000, 576],
		[44100, 2, 128000, 128000, 1152],
		[32000, 1, 256000, 256000, 1152],
	])('%i Hz %i ch %i bps -> frames at %i bps', (sampleRate, channels, requested, real, spf) => {
		const mp3 = encodeMp3(runs(sampleRate), sampleRate, channels, requested);
		const frames = parseMp3Frames(mp3.bytes);
		expect(frames).toHaveLength(24);
		expect(frames.reduce((n, f) => n + f.length, 0)).toBe(mp3.bytes.length);
		expect(mp3.boundaries).toEqual(frames.map((f) => f.offset));
		for (const frame of frames)
			expect(frame).toMatchObject({ sampleRate, channels, bitrate: real, samples: spf });
		expect(mp3.bitrate).toBe(real);
	});

	it('spreads padding slots so the average frame size matches the bitrate', () => {
		const mp3 = encodeMp3([{ note: null, frames: 200 }], 44100, 1, 128000);
		const exact = (144 * 128000) / 44100;
		expect(mp3.bytes.length / 200).toBeCloseTo(exact, 1);
		expect(new Set(parseMp3Frames(mp3.bytes).map((f) => f.padding)).size).toBe(2);
	});
});

describe('flac', () => {
	it('checksums: CRC-8 and CRC-16 match the reference check values', () => {
		const check = Buffer.from('123456789');
		expect(crc8(check)).toBe(0xf4);
		expect(crc16(check)).toBe(0xfee8);
	});

	it('writes STREAMINFO with total samples and the MD5 of the samples, and decodes cleanly', async () => {
		const pcm = renderPcm(runs(44100), { sampleRate: 44100, channels: 2 });
		const flac = encodeFlac(pcm, 44100, 2);
		expect(flac.bytes.subarray(0, 4).toString('latin1')).toBe('fLaC');
		expect(flac.bytes.readUIntBE(18, 4) >>> 12).toBe(44100);
		expect(flac.bytes.readUIntBE(21, 5) & 0xfffffffff).toBe(24 * 1152);
		expect(flac.bytes.subarray(26, 42).equals(createHash('md5').update(pcm).digest())).toBe(true);
		const info = await probe(flac.bytes, { decode: true });
		expect(info.errors).toEqual([]);
		expect(info.duration).toBeCloseTo((24 * 1152) / 44100, 3);

		const corrupt = Buffer.from(flac.bytes);
		corrupt[corrupt.length - 100] ^= 0x55;
		expect((await probe(corrupt, { decode: true })).errors.length).toBeGreaterThan(0);
	});
});

describe('wav and tar', () => {
	it('wav has a correct RIFF header', () => {
		const pcm = renderPcm(runs(16000), { sampleRate: 16000, channels: 1 });
		const wav = wavFromPcm(pcm, 16000, 1);
		expect(wav.subarray(0, 4).toString()).toBe('RIFF');
		expect(wav.readUInt32LE(4)).toBe(wav.length - 8);
		expect(wav.readUInt32LE(24)).toBe(16000);
		expect(wav.readUInt32LE(28)).toBe(32000);
		expect(wav.readUInt32LE(40)).toBe(pcm.length);
	});

	it('tar is readable by GNU tar', () => {
		const tar = createTar([
			{ name: '1.mp3', data: Buffer.alloc(1000, 7), mtime: 1_700_000_000 },
			{ name: '1.titles', data: Buffer.from('[]'), mtime: 1_700_000_000 },
		]);
		expect(tar.length % 10240).toBe(0);
		const dir = mkdtempSync(join(tmpdir(), 'tar-'));
		try {
			writeFileSync(join(dir, 'a.tar'), tar);
			const listing = execFileSync('tar', ['-tvf', join(dir, 'a.tar')]).toString();
			expect(listing).toMatch(/1000 .*1\.mp3/);
			expect(listing).toMatch(/2 .*1\.titles/);
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});
});

describe('speech plan', () => {
	it('grows with text, honours pause markers and a 500 ms minimum', () => {
		const a = planSpeech('One two.', voice, 32000);
		const b = planSpeech('One two. Three four five six seven.', voice, 32000);
		const paused = planSpeech('One two.<#2#>', voice, 32000);
		expect(b.durationMs).toBeGreaterThan(a.durationMs * 2);
		expect(paused.durationMs - a.durationMs).toBeGreaterThan(1950);
		expect(paused.durationMs - a.durationMs).toBeLessThan(2050);
		expect(planSpeech('.', voice, 32000).durationMs).toBeGreaterThanOrEqual(500);
		expect(
			planSpeech('Hello there, general.', { ...voice, speed: 0.5 }, 32000).durationMs,
		).toBeGreaterThan(planSpeech('Hello there, general.', voice, 32000).durationMs * 1.8);
	});

	it('counts CJK characters as words and splits sentences on CJK punctuation', () => {
		expect(countWords('你好世界')).toBe(4);
		expect(countWords("It's a test, isn't it?")).toBe(5);
		const plan = planSpeech('你好。世界！', voice, 24000);
		expect(plan.sentences.map((s) => s.text)).toEqual(['你好。', '世界！']);
	});

	it('renders identical bytes for identical input and caches them', () => {
		const plan = planSpeech('Deterministic output.', voice, 22050);
		const spec = { format: 'flac' as const, sampleRate: 22050, bitrate: 128000, channels: 2 };
		const first = renderAudio(plan, spec);
		const again = renderAudio(planSpeech('Deterministic output.', voice, 22050), spec);
		expect(again.bytes.equals(first.bytes)).toBe(true);
		const other = renderAudio(
			planSpeech('Deterministic output.', { ...voice, pitch: 3 }, 22050),
			spec,
		);
		expect(other.bytes.equals(first.bytes)).toBe(false);
	});
});

describe('multipart parser', () => {
	const ct = 'multipart/form-data; boundary=XyZ';
	it('reads fields and files', async () => {
		const body = Buffer.from(
			'--XyZ\r\nContent-Disposition: form-data; name="purpose"\r\n\r\nvoice_clone\r\n' +
				'--XyZ\r\nContent-Disposition: form-data; name="file"; filename="a \\"b\\".wav"\r\nContent-Type: audio/wav\r\n\r\nRIFF\r\n\r\n' +
				'--XyZ--\r\n',
		);
		const form = await parseMultipart(body, ct);
		expect(form.fields).toEqual({ purpose: 'voice_clone' });
		expect(form.files).toHaveLength(1);
		expect(form.files[0]).toMatchObject({
			field: 'file',
			filename: 'a "b".wav',
			contentType: 'audio/wav',
		});
		expect(form.files[0].data.toString()).toBe('RIFF\r\n');
	});

	it.each([
		['no boundary parameter', Buffer.from(''), 'multipart/form-data'],
		['not multipart', Buffer.from('{}'), 'application/json'],
		[
			'no closing boundary',
			Buffer.from('--XyZ\r\nContent-Disposition: form-data; name="a"\r\n\r\n1'),
			ct,
		],
	])('rejects %s', async (_name, body, contentType) => {
		await expect(parseMultipart(body, contentType)).rejects.toThrow(MultipartError);
	});

	it("reads a body serialized by Node's own FormData (what the nodes send)", async () => {
		const data = Buffer.concat([Buffer.from('ID3\r\n--'), Buffer.alloc(300_000, 7)]);
		const form = new FormData();
		form.append('purpose', 'voice_clone');
		form.append('file', new Blob([data], { type: 'audio/mpeg' }), '章节 1.mp3');
		const request = new Request('http://127.0.0.1/', { method: 'POST', body: form });
		const body = Buffer.from(await request.arrayBuffer());
		const parsed = await parseMultipart(body, request.headers.get('content-type') ?? undefined);
		expect(parsed.fields).toEqual({ purpose: 'voice_clone' });
		expect(parsed.files).toHaveLength(1);
		expect(parsed.files[0]).toMatchObject({
			field: 'file',
			filename: '章节 1.mp3',
			contentType: 'audio/mpeg',
		});
		expect(parsed.files[0].data.equals(data)).toBe(true);
	});

	it('skips a part that is not form-data, as a Go mime/multipart server does', async () => {
		const body = Buffer.from('--XyZ\r\nContent-Type: text/plain\r\n\r\n1\r\n--XyZ--');
		await expect(parseMultipart(body, ct)).resolves.toEqual({ fields: {}, files: [] });
	});
});
