import axios, { type AxiosInstance } from 'axios';

import { SANDBOX_KEYS, type Sandbox, startSandbox } from '../..';
import { base64, encodedTone, sineWav } from '../../../support/audioSamples';
import { probe } from '../../../support/ffprobe';

interface MusicResponse {
	data?: { audio: string; status: number };
	extra_info?: {
		music_duration: number;
		music_sample_rate: number;
		music_channel: number;
		bitrate: number;
		music_size: number;
	};
	trace_id: string;
	base_resp: { status_code: number; status_msg: string };
}

let sandbox: Sandbox;
let api: AxiosInstance;

beforeAll(async () => {
	sandbox = await startSandbox();
	api = axios.create({
		baseURL: sandbox.url,
		headers: { Authorization: `Bearer ${SANDBOX_KEYS.global}` },
		validateStatus: () => true,
		maxBodyLength: Infinity,
	});
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.reset());

async function music(body: Record<string, unknown>) {
	return (await api.post<MusicResponse>('/v1/music_generation', body)).data;
}

const LYRICS = '[Verse]\nStreetlights flicker\nOn the empty road\n[Chorus]\nWalking home alone';

describe('music_generation', () => {
	it('answers hex MP3 whose length follows the lyrics, with extra_info in ms', async () => {
		const res = await music({
			model: 'music-2.6',
			prompt: 'Indie folk, rainy night',
			lyrics: LYRICS,
			audio_setting: { sample_rate: 44100, bitrate: 256000, format: 'mp3' },
		});
		expect(res.base_resp.status_code).toBe(0);
		expect(res.data?.status).toBe(2);
		const audio = Buffer.from(res.data?.audio ?? '', 'hex');
		const probed = await probe(audio, { decode: true });
		expect(probed.streams[0]).toMatchObject({ codec_name: 'mp3', sample_rate: 44100, channels: 2 });
		expect(probed.errors).toEqual([]);
		// 2 tags × 1 s + 3 lines × 2 s = 8 s
		expect(Math.abs(probed.duration - 8)).toBeLessThan(0.1);
		expect(res.extra_info).toEqual({
			music_duration: expect.any(Number),
			music_sample_rate: 44100,
			music_channel: 2,
			bitrate: 256000,
			music_size: audio.length,
		});
		expect(Math.abs((res.extra_info?.music_duration ?? 0) - 8000)).toBeLessThan(100);
		expect(sandbox.log[0]).toMatchObject({ billable: true });
	});

	it('answers a 24 h link in data.audio for output_format url, WAV and PCM on request', async () => {
		const res = await music({
			model: 'music-2.5',
			lyrics: LYRICS,
			output_format: 'url',
			audio_setting: { format: 'wav', sample_rate: 32000, channel: 1 },
		});
		expect(res.data?.audio).toMatch(/^http:\/\/.+\/dl\/.+\.wav\?expires=\d+&signature=/);
		const wav = Buffer.from(
			(await axios.get<ArrayBuffer>(res.data?.audio as string, { responseType: 'arraybuffer' }))
				.data,
		);
		expect((await probe(wav)).streams[0]).toMatchObject({
			codec_name: 'pcm_s16le',
			sample_rate: 32000,
			channels: 1,
		});
		const pcm = await music({
			model: 'music-2.0',
			lyrics: LYRICS,
			audio_setting: { format: 'pcm', sample_rate: 16000 },
		});
		expect(Buffer.from(pcm.data?.audio ?? '', 'hex').length).toBe(pcm.extra_info?.music_size);
	});

	it('writes lyrics for the optimizer, makes instrumentals from the prompt, and reports seconds on the marker', async () => {
		const optimized = await music({
			model: 'music-2.5+',
			prompt: 'Upbeat pop about summer',
			lyrics_optimizer: true,
		});
		expect(optimized.base_resp.status_code).toBe(0);
		const instrumental = await music({
			model: 'music-2.6-free',
			prompt: 'Cinematic orchestral [[sandbox:seconds]]',
			is_instrumental: true,
		});
		expect(instrumental.extra_info?.music_duration).toBe(11);
		const legacy = await music({
			model: 'music-1.5',
			prompt: 'Pop music, sad',
			lyrics: 'Ten chars and more',
		});
		expect(legacy.base_resp.status_code).toBe(0);
	});

	it('covers a reference from audio_base64 or audio_url, lasting as long as the reference', async () => {
		const reference = encodedTone(7, 'mp3');
		const res = await music({
			model: 'music-cover',
			prompt: 'Jazz, piano',
			audio_base64: base64(reference),
			seed: 7,
		});
		expect(res.base_resp.status_code).toBe(0);
		const duration = (await probe(Buffer.from(res.data?.audio ?? '', 'hex'))).duration;
		expect(Math.abs(duration - 7)).toBeLessThan(0.1);

		const link = (await music({ model: 'music-2.6', lyrics: LYRICS, output_format: 'url' })).data
			?.audio as string;
		const fromUrl = await music({
			model: 'music-cover-free',
			prompt: 'Rock',
			audio_url: link,
			lyrics: 'New words',
		});
		expect(fromUrl.base_resp.status_code).toBe(0);
	});

	it.each([
		['no model', { lyrics: LYRICS }, /model: is required/],
		['a cover model name typo', { model: 'music-covers', lyrics: LYRICS }, /model: must be one of/],
		['missing lyrics', { model: 'music-2.6', prompt: 'Pop' }, /lyrics: is required/],
		[
			'lyrics over 3,500 characters',
			{ model: 'music-2.6', lyrics: 'l'.repeat(3501) },
			/lyrics: must be at most 3500 characters/,
		],
		[
			'a prompt over 2,000 characters',
			{ model: 'music-2.5', prompt: 'p'.repeat(2001), lyrics: LYRICS },
			/prompt: must be at most 2000 characters/,
		],
		[
			'music-1.5 without prompt',
			{ model: 'music-1.5', lyrics: 'Ten chars and more' },
			/prompt: is required/,
		],
		[
			'music-1.5 with a short prompt',
			{ model: 'music-1.5', prompt: 'Pop', lyrics: 'Ten chars and more' },
			/prompt: must be at least 10 characters/,
		],
		[
			'music-1.5 with long lyrics',
			{ model: 'music-1.5', prompt: 'Pop music, sad', lyrics: 'l'.repeat(601) },
			/lyrics: must be at most 600 characters/,
		],
		[
			'instrumental on music-2.5',
			{ model: 'music-2.5', prompt: 'Calm', is_instrumental: true },
			/is_instrumental: is not supported by music-2.5/,
		],
		[
			'instrumental without prompt',
			{ model: 'music-2.6', is_instrumental: true },
			/prompt: is required/,
		],
		[
			'lyrics optimizer on music-2.0',
			{ model: 'music-2.0', prompt: 'Pop', lyrics_optimizer: true },
			/lyrics_optimizer: is not supported/,
		],
		[
			'a bad sample rate',
			{ model: 'music-2.6', lyrics: LYRICS, audio_setting: { sample_rate: 22050 } },
			/sample_rate: must be one of/,
		],
		[
			'flac',
			{ model: 'music-2.6', lyrics: LYRICS, audio_setting: { format: 'flac' } },
			/format: must be one of mp3, wav, pcm/,
		],
		[
			'a reference on a generation model',
			{ model: 'music-2.6', lyrics: LYRICS, audio_url: 'https://a/b.mp3' },
			/only available for the music-cover models/,
		],
		[
			'a cover without reference',
			{ model: 'music-cover', prompt: 'Jazz' },
			/exactly one of audio_url and audio_base64/,
		],
		[
			'a cover without prompt',
			{ model: 'music-cover', audio_url: 'https://a/b.mp3' },
			/prompt: is required/,
		],
		[
			'a cover seed over 1,000,000',
			{ model: 'music-cover', prompt: 'Jazz', audio_url: 'https://a/b.mp3', seed: 1_000_001 },
			/seed: must be in range/,
		],
		[
			'a 4 s reference',
			{ model: 'music-cover', prompt: 'Jazz', audio_base64: base64(sineWav(4)) },
			/lasts 4\.0s; it must be between 6s and 6min/,
		],
		[
			'a reference that is not audio',
			{
				model: 'music-cover',
				prompt: 'Jazz',
				audio_base64: base64(Buffer.from('plain text, not audio at all')),
			},
			/not decodable audio/,
		],
		[
			'an unknown field',
			{ model: 'music-2.6', lyrics: LYRICS, duration: 30 },
			/duration: unknown parameter/,
		],
	])('rejects %s with 2013', async (_label, body, message) => {
		const res = await music(body);
		expect(res.base_resp.status_code).toBe(2013);
		expect(res.base_resp.status_msg).toMatch(message);
		expect(sandbox.log[0].billable).toBeUndefined();
	});
});

describe('lyrics_generation', () => {
	it('writes a full song with title and style tags from the prompt', async () => {
		const res = (
			await api.post('/v1/lyrics_generation', {
				mode: 'write_full_song',
				prompt: 'A melancholic folk song about rain',
			})
		).data as Record<string, unknown>;
		expect(res).toMatchObject({
			song_title: expect.any(String),
			style_tags: 'folk, melancholic',
			base_resp: { status_code: 0 },
		});
		expect(res.lyrics).toMatch(/^\[Verse\]\n.+\n[\s\S]*\[Chorus\]/);
		const again = (
			await api.post('/v1/lyrics_generation', {
				mode: 'write_full_song',
				prompt: 'A melancholic folk song about rain',
			})
		).data as Record<string, unknown>;
		expect(again.lyrics).toBe(res.lyrics);
	});

	it('rejects a missing mode or prompt with 2013', async () => {
		for (const body of [
			{ prompt: 'x' },
			{ mode: 'edit', prompt: 'x' },
			{ mode: 'write_full_song' },
			{ mode: 'write_full_song', prompt: 'p'.repeat(2001) },
		]) {
			expect(
				(
					(await api.post('/v1/lyrics_generation', body)).data as {
						base_resp: { status_code: number };
					}
				).base_resp.status_code,
			).toBe(2013);
		}
	});
});
