import axios, { type AxiosInstance } from 'axios';

import { SANDBOX_KEYS, type Sandbox } from '../..';
import { base64, encodedTone, sineWav } from '../../../support/audioSamples';
import { probe } from '../../../support/ffprobe';
import { useSandbox } from '../../testing';

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

useSandbox(
	(started, client) => {
		sandbox = started;
		api = client;
	},
	{},
	{ maxBodyLength: Infinity },
);

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

describe('music-3.0 and unknown model ids', () => {
	it('accepts music-3.0 and music-3.0-free, vocals or instrumental', async () => {
		const vocal = await music({ model: 'music-3.0', prompt: 'Synth pop', lyrics: LYRICS });
		expect(vocal.base_resp.status_code).toBe(0);
		const instrumental = await music({
			model: 'music-3.0-free',
			prompt: 'Ambient pads',
			is_instrumental: true,
		});
		expect(instrumental.base_resp.status_code).toBe(0);
	});

	it('answers 2013 naming the model for an id it does not know', async () => {
		const res = await music({ model: 'music-9.9', lyrics: LYRICS });
		expect(res.base_resp).toMatchObject({ status_code: 2013 });
		expect(res.base_resp.status_msg).toMatch(/model: must be one of .*got "music-9\.9"/);
		expect(sandbox.log[0].billable).toBeUndefined();
	});
});

interface PreprocessResponse {
	cover_feature_id?: string;
	formatted_lyrics?: string;
	structure_result?: string;
	audio_duration?: number;
	base_resp: { status_code: number; status_msg: string };
}

async function preprocess(body: Record<string, unknown>) {
	return (await api.post<PreprocessResponse>('/v1/music_cover_preprocess', body)).data;
}

describe('music_cover_preprocess', () => {
	it('answers a feature id, tagged lyrics, a structure JSON string and the length in seconds', async () => {
		const res = await preprocess({
			model: 'music-cover',
			audio_base64: base64(encodedTone(20, 'mp3')),
		});
		expect(res.base_resp.status_code).toBe(0);
		expect(res.cover_feature_id).toMatch(/^[0-9a-f]{32}$/);
		expect(res.formatted_lyrics).toMatch(/^\[Verse\]\n.+/);
		expect(Math.abs((res.audio_duration ?? 0) - 20)).toBeLessThan(0.1);
		const structure = JSON.parse(res.structure_result ?? '') as {
			num_segments: number;
			segments: Array<{ start: number; end: number; label: string }>;
		};
		expect(structure.segments).toHaveLength(structure.num_segments);
		expect(structure.segments[0]).toMatchObject({ start: 0, label: 'intro' });
		expect(structure.segments.at(-1)).toMatchObject({ label: 'outro' });
		expect(Math.abs((structure.segments.at(-1)?.end ?? 0) - 20)).toBeLessThan(0.1);
		expect(sandbox.log[0]).toMatchObject({ billable: true, jobId: res.cover_feature_id });
	});

	it('drives a cover from the feature id with new lyrics, as long as the reference', async () => {
		const prepared = await preprocess({
			model: 'music-cover',
			audio_base64: base64(encodedTone(9, 'mp3')),
		});
		const res = await music({
			model: 'music-cover',
			prompt: 'Jazz, piano',
			cover_feature_id: prepared.cover_feature_id,
			lyrics: 'Brand new words for an old tune',
		});
		expect(res.base_resp.status_code).toBe(0);
		const duration = (await probe(Buffer.from(res.data?.audio ?? '', 'hex'))).duration;
		expect(Math.abs(duration - 9)).toBeLessThan(0.1);

		const china = await axios.post<MusicResponse>(
			`${sandbox.chinaUrl}/v1/music_generation`,
			{
				model: 'music-cover',
				prompt: 'Jazz',
				cover_feature_id: prepared.cover_feature_id,
				lyrics: 'Brand new words',
			},
			{ headers: { Authorization: `Bearer ${SANDBOX_KEYS.china}` } },
		);
		expect(china.data.base_resp.status_msg).toMatch(/cover_feature_id: ".+" was not found/);
	});

	it.each([
		['another model', { model: 'music-cover-free', audio_url: 'https://a/b.mp3' }, /model/],
		['no reference', { model: 'music-cover' }, /exactly one of audio_url and audio_base64/],
		[
			'both references',
			{ model: 'music-cover', audio_url: 'https://a/b.mp3', audio_base64: 'AAAA' },
			/exactly one of audio_url and audio_base64/,
		],
		[
			'a 4 s reference',
			{ model: 'music-cover', audio_base64: base64(sineWav(4)) },
			/lasts 4\.0s; it must be between 6s and 6min/,
		],
		[
			'an unknown field',
			{ model: 'music-cover', audio_url: 'https://a/b.mp3', prompt: 'Jazz' },
			/prompt: unknown parameter/,
		],
	])('rejects %s with 2013', async (_label, body, message) => {
		const res = await preprocess(body);
		expect(res.base_resp.status_code).toBe(2013);
		expect(res.base_resp.status_msg).toMatch(message);
		expect(sandbox.log[0].billable).toBeUndefined();
	});

	it.each([
		[
			'an unknown feature id',
			{ cover_feature_id: 'f'.repeat(32), lyrics: 'New words here' },
			/was not found/,
		],
		['no lyrics', { cover_feature_id: 'PREPARED' }, /lyrics: is required/],
		[
			'lyrics over 1,000 characters',
			{ cover_feature_id: 'PREPARED', lyrics: 'l'.repeat(1001) },
			/lyrics: must be at most 1000 characters/,
		],
		[
			'a feature id and a reference',
			{ cover_feature_id: 'PREPARED', lyrics: 'New words here', audio_url: 'https://a/b.mp3' },
			/not both/,
		],
		[
			'a feature id on a generation model',
			{ model: 'music-2.6', cover_feature_id: 'PREPARED', lyrics: 'New words here' },
			/only available for the music-cover models/,
		],
	])('refuses a cover from %s with 2013', async (_label, body, message) => {
		const prepared = await preprocess({
			model: 'music-cover',
			audio_base64: base64(encodedTone(7, 'mp3')),
		});
		const request: Record<string, unknown> = { model: 'music-cover', prompt: 'Jazz', ...body };
		if (request.cover_feature_id === 'PREPARED')
			request.cover_feature_id = prepared.cover_feature_id;
		const res = await music(request);
		expect(res.base_resp.status_code).toBe(2013);
		expect(res.base_resp.status_msg).toMatch(message);
	});

	it('forgets a feature id after 24 hours', async () => {
		const prepared = await preprocess({
			model: 'music-cover',
			audio_base64: base64(encodedTone(7, 'mp3')),
		});
		sandbox.advanceTime(24 * 3600 * 1000 + 1000);
		const res = await music({
			model: 'music-cover',
			prompt: 'Jazz',
			cover_feature_id: prepared.cover_feature_id,
			lyrics: 'New words here',
		});
		expect(res.base_resp.status_msg).toMatch(/has expired/);
	});
});

describe('lyrics_generation edit mode', () => {
	const ORIGINAL = '[Verse]\nWe met under summer skies\n[Chorus]\nStay with me tonight';

	it('rewrites given lyrics following the prompt, keeping the tags and a given title', async () => {
		const res = (
			await api.post('/v1/lyrics_generation', {
				mode: 'edit',
				prompt: 'Add a bridge about distance, hopeful',
				lyrics: ORIGINAL,
				title: 'Summer Promise',
			})
		).data as Record<string, unknown>;
		expect(res).toMatchObject({
			song_title: 'Summer Promise',
			style_tags: 'hopeful',
			base_resp: { status_code: 0 },
		});
		const lyrics = res.lyrics as string;
		expect(lyrics).toMatch(/^\[Verse\]\nWe met under summer skies, \S+\n/);
		expect(lyrics).toMatch(/\[Bridge\]\n.+\n\[Chorus\]/);
		expect(sandbox.log[0].billable).toBe(true);
	});

	it('keeps a title on write_full_song too, and refuses edit without lyrics or over 3,500', async () => {
		const written = (
			await api.post('/v1/lyrics_generation', {
				mode: 'write_full_song',
				prompt: 'Pop',
				title: 'Mine',
			})
		).data as Record<string, unknown>;
		expect(written.song_title).toBe('Mine');
		for (const [body, message] of [
			[{ mode: 'edit', prompt: 'x' }, /lyrics: is required/],
			[{ mode: 'edit', lyrics: 'l'.repeat(3501) }, /lyrics: must be at most 3500/],
			[
				{ mode: 'edit', lyrics: ORIGINAL, prompt: 'p'.repeat(2001) },
				/prompt: must be at most 2000/,
			],
		] as const) {
			const res = (await api.post('/v1/lyrics_generation', body)).data as {
				base_resp: { status_code: number; status_msg: string };
			};
			expect(res.base_resp.status_code).toBe(2013);
			expect(res.base_resp.status_msg).toMatch(message);
		}
	});
});
