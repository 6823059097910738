import { writeFileSync } from 'fs';
import { createServer, type Server } from 'http';
import type { AddressInfo } from 'net';
import { tmpdir } from 'os';
import { join } from 'path';

import type { IDataObject } from 'n8n-workflow';

import { readBinary, runWorkflow, startWorkflow, type FixtureItem } from '../../harness';
import { base64, encodedTone, sineWav } from '../../support/audioSamples';
import { probe } from '../../support/ffprobe';
import {
	apiRequests,
	credentialsFor,
	downloads,
	pipeline,
	run,
	runOk,
	SANDBOX_KEYS,
	useSandbox,
	workflowOf,
} from '../helpers';
import { cover, LYRICS, LYRICS_SECONDS, music, MUSIC_TYPE, song, withServer } from './fixtures';

const sandbox = useSandbox();

/** A MiniMax stand-in that accepts music requests and never answers, like a song still being made. */
async function withHangingServer(
	test: (server: {
		url: string;
		requests(): number;
		closedByClient(): Promise<boolean>;
	}) => Promise<void>,
): Promise<void> {
	let count = 0;
	let closed: Promise<boolean> = Promise.resolve(false);
	const server: Server = createServer((req) => {
		count++;
		closed = new Promise((resolve) => req.socket.once('close', () => resolve(true)));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	try {
		const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
		const closedByClient = async () => {
			let timer: NodeJS.Timeout | undefined;
			const gaveUp = new Promise<boolean>(
				(resolve) => (timer = setTimeout(() => resolve(false), 2000)),
			);
			const outcome = await Promise.race([closed, gaveUp]);
			clearTimeout(timer);
			return outcome;
		};
		await test({ url, requests: () => count, closedByClient });
	} finally {
		server.closeAllConnections();
		await new Promise((resolve) => server.close(resolve));
	}
}

describe('Music › Generate Music', () => {
	it('makes a song from a prompt and lyrics: an MP3 binary whose real length matches the reported duration', async () => {
		const [item] = await runOk(
			sandbox(),
			music({ prompt: 'Indie folk, rainy night', lyrics: LYRICS }),
		);
		expect(apiRequests(sandbox(), '/v1/music_generation')[0].body).toEqual({
			model: 'music-2.6',
			prompt: 'Indie folk, rainy night',
			lyrics: LYRICS,
			audio_setting: { sample_rate: 44100, bitrate: 256000, format: 'mp3', channel: 2 },
			output_format: 'hex',
		});
		const binary = item.binary!.data;
		expect(binary).toMatchObject({
			mimeType: 'audio/mpeg',
			fileExtension: 'mp3',
			fileName: 'indie-folk-rainy-night.mp3',
		});
		expect(binary.id).toMatch(/^filesystem/);
		const data = await readBinary(binary);
		const probed = await probe(data, { decode: true });
		expect(probed.errors).toEqual([]);
		expect(probed.streams[0]).toMatchObject({ codec_name: 'mp3', sample_rate: 44100, channels: 2 });
		expect(item.json).toMatchObject({
			fileName: 'indie-folk-rainy-night.mp3',
			mimeType: 'audio/mpeg',
			format: 'mp3',
			fileSizeBytes: data.length,
			sampleRate: 44100,
			channels: 2,
			bitrate: 256000,
			model: 'music-2.6',
			instrumental: false,
			lyricsLines: 3,
			traceId: expect.any(String),
		});
		expect(Math.abs((item.json.durationMs as number) - LYRICS_SECONDS * 1000)).toBeLessThan(100);
		expect(Math.abs(probed.duration - (item.json.durationSeconds as number))).toBeLessThan(0.1);
		expect(item.pairedItem).toEqual({ item: 0 });
	});

	it('downloads a URL-delivered WAV without the API key, or returns only the link', async () => {
		const options = {
			transfer: 'url',
			format: 'wav',
			sampleRate: 32000,
			channels: 1,
			binaryPropertyOutput: 'song',
		};
		const [item] = await runOk(sandbox(), music({ model: 'music-2.5', lyrics: LYRICS, options }));
		expect(apiRequests(sandbox(), '/v1/music_generation')[0].body).toMatchObject({
			output_format: 'url',
			audio_setting: { format: 'wav', sample_rate: 32000, channel: 1 },
		});
		expect(item.json).toMatchObject({
			musicUrl: expect.stringMatching(/\/dl\/.+\.wav\?expires=/),
			musicUrlValidFor: '24 hours',
			fileName: 'streetlights-flicker.wav',
			mimeType: 'audio/wav',
		});
		expect(item.json.bitrate).toBeUndefined();
		expect((await probe(await readBinary(item.binary!.song))).streams[0]).toMatchObject({
			codec_name: 'pcm_s16le',
			sample_rate: 32000,
			channels: 1,
		});
		expect(downloads(sandbox())).toHaveLength(1);
		expect(JSON.stringify(downloads(sandbox())[0].headers)).not.toContain(SANDBOX_KEYS.global);

		sandbox().reset();
		const [linkOnly] = await runOk(
			sandbox(),
			// A yes/no option from an expression may arrive as text.
			music({ lyrics: LYRICS, options: { transfer: 'url', returnLinkOnly: '={{ " TRUE " }}' } }),
		);
		expect(linkOnly.binary).toBeUndefined();
		expect(linkOnly.json).toMatchObject({
			musicUrl: expect.stringMatching(/^http/),
			durationSeconds: LYRICS_SECONDS,
		});
		expect(downloads(sandbox())).toHaveLength(0);
	});

	it('returns raw PCM with its own MIME type and a duration', async () => {
		const [item] = await runOk(
			sandbox(),
			music({ lyrics: LYRICS, options: { format: 'pcm', sampleRate: 16000, channels: 1 } }),
		);
		expect(item.binary!.data).toMatchObject({ mimeType: 'audio/pcm', fileExtension: 'pcm' });
		const data = await readBinary(item.binary!.data);
		expect((await probe(data, { raw: { sampleRate: 16000, channels: 1 } })).duration).toBeCloseTo(
			item.json.durationSeconds as number,
			0,
		);
	});

	it('makes instrumentals and songs with lyrics MiniMax writes, on the models that support them', async () => {
		const [instrumental] = await runOk(
			sandbox(),
			music({
				model: 'music-2.5+',
				vocals: 'instrumental',
				prompt: 'Cinematic orchestral, building tension',
				lyrics: 'ignored',
			}),
		);
		const [written] = await runOk(
			sandbox(),
			music({ model: 'music-2.5', vocals: 'writeLyrics', prompt: 'Upbeat pop about summer' }),
		);
		const [first, second] = apiRequests(sandbox(), '/v1/music_generation').map(
			(entry) => entry.body as IDataObject,
		);
		expect(first).toMatchObject({
			model: 'music-2.5+',
			is_instrumental: true,
			prompt: 'Cinematic orchestral, building tension',
		});
		expect(first.lyrics).toBeUndefined();
		expect(second).toMatchObject({ model: 'music-2.5', lyrics_optimizer: true });
		expect(second.lyrics).toBeUndefined();
		expect(instrumental.json).toMatchObject({
			instrumental: true,
			fileName: 'cinematic-orchestral-building-tension.mp3',
		});
		expect(written.json).toMatchObject({ lyricsWrittenByMiniMax: true, instrumental: false });
	});

	it('accepts each model within its own limits', async () => {
		const cases: IDataObject[] = [
			{ model: 'music-2.6-free', lyrics: 'l'.repeat(3500) },
			{ model: 'music-2.0', prompt: 'p'.repeat(2000), lyrics: LYRICS },
			{ model: 'music-1.5', prompt: 'Pop music, sad', lyrics: 'Ten chars and more' },
			{ model: 'music-01', lyrics: 'Legacy lyrics line' },
		];
		for (const parameters of cases)
			await runOk(
				sandbox(),
				music({ ...parameters, options: { format: 'pcm', sampleRate: 16000, channels: 1 } }),
			);
		expect(
			apiRequests(sandbox(), '/v1/music_generation').map((entry) => entry.baseRespCode),
		).toEqual([0, 0, 0, 0]);
	});

	it('reads a duration MiniMax reports in seconds as seconds', async () => {
		const [item] = await runOk(
			sandbox(),
			music({ vocals: 'instrumental', prompt: 'Ambient pads [[sandbox:seconds]]' }),
		);
		expect(item.json.durationMs).toBe(11_000);
		expect((await probe(await readBinary(item.binary!.data))).duration).toBeCloseTo(11, 0);
	});

	it('retries a rate-limited song but never a failure that may have been billed', async () => {
		sandbox().faults.add({ path: '/v1/music_generation', kind: 'rate_limit' });
		await runOk(sandbox(), music({ lyrics: LYRICS, options: { retryDelayMs: 10 } }));
		expect(apiRequests(sandbox(), '/v1/music_generation')).toHaveLength(2);

		sandbox().reset();
		sandbox().faults.add({ path: '/v1/music_generation', kind: 'base_resp', code: 1000 });
		const result = await run(sandbox(), music({ lyrics: LYRICS, options: { retryDelayMs: 10 } }));
		expect(result.error?.message).toMatch(/\(1000\)/);
		expect(apiRequests(sandbox(), '/v1/music_generation')).toHaveLength(1);
	});

	it('gives up after the timeout without retrying, and says why', async () => {
		await withHangingServer(async (server) => {
			const result = await run(
				sandbox(),
				music({ lyrics: LYRICS, options: { timeoutMinutes: 0.02 } }),
				{ credentials: { customBaseUrl: server.url } },
			);
			expect(result.status).toBe('error');
			expect(result.error?.message).toMatch(/MiniMax did not finish the song within 1 seconds/);
			expect((result.error as { description?: string }).description).toMatch(
				/not retried, because MiniMax may still finish \(and bill\) the song/,
			);
			expect(server.requests()).toBe(1);
			expect(await server.closedByClient()).toBe(true);
		});
	});

	it('stops waiting for a song when the execution is cancelled, closing the connection', async () => {
		await withHangingServer(async (server) => {
			// If the node ignored the cancel signal, the harness would give up after 8 s and this test would fail.
			const credentials = credentialsFor(sandbox(), { customBaseUrl: server.url });
			const execution = startWorkflow(workflowOf(music({ lyrics: LYRICS })), {
				credentials,
				timeoutMs: 8000,
			});
			const deadline = Date.now() + 5000;
			while (server.requests() === 0 && Date.now() < deadline)
				await new Promise((resolve) => setTimeout(resolve, 20));
			execution.cancel();
			const result = await execution.done;
			expect(result.status).toBe('canceled');
			expect(await server.closedByClient()).toBe(true);
			expect(server.requests()).toBe(1);
		});
	});
});

describe('Music › Cover Song', () => {
	it('covers a song from an input binary sent as audio_base64, as long as the original', async () => {
		const original = song(7);
		const [item] = await runOk(
			sandbox(),
			cover({ lyrics: 'New words for an old tune', options: { seed: 7 } }),
			{ items: [original] },
		);
		const body = apiRequests(sandbox(), '/v1/music_generation')[0].body as IDataObject;
		expect(body).toMatchObject({
			model: 'music-cover',
			prompt: 'Jazz, piano trio',
			lyrics: 'New words for an old tune',
			seed: 7,
			output_format: 'hex',
		});
		expect(body.audio_base64).toBe(original.binary.data.base64);
		expect(item.json).toMatchObject({
			referenceFileName: 'original.mp3',
			referenceFormat: 'mp3',
			newLyrics: true,
			fileName: 'jazz-piano-trio-cover.mp3',
		});
		expect(item.json.referenceDurationSeconds).toBeCloseTo(7, 0);
		expect((await probe(await readBinary(item.binary!.data))).duration).toBeCloseTo(7, 0);
		expect(item.json.durationSeconds).toBeCloseTo(7, 0);
	});

	it('covers an M4A reference with the free model', async () => {
		const [item] = await runOk(sandbox(), cover({ model: 'music-cover-free' }), {
			items: [song(6.5, 'm4a')],
		});
		expect(item.json).toMatchObject({
			model: 'music-cover-free',
			referenceFormat: 'm4a',
			newLyrics: false,
		});
		expect(
			(apiRequests(sandbox(), '/v1/music_generation')[0].body as IDataObject).lyrics,
		).toBeUndefined();
	});

	it('covers a song from a URL that MiniMax downloads', async () => {
		await withServer(encodedTone(8, 'mp3'), 'audio/mpeg', async (url) => {
			const [item] = await runOk(sandbox(), cover({ referenceSource: 'url', referenceUrl: url }));
			expect(apiRequests(sandbox(), '/v1/music_generation')[0].body).toMatchObject({
				audio_url: url,
			});
			expect(item.json).toMatchObject({ referenceUrl: url });
			expect(item.json.durationSeconds).toBeCloseTo(8, 0);
		});
	});
});

describe('Music › Generate Lyrics', () => {
	it('writes lyrics (JSON and a text file) that a Generate Music step then sings', async () => {
		const workflow = pipeline([
			{
				name: 'Write',
				type: MUSIC_TYPE,
				parameters: { operation: 'generateLyrics', prompt: 'A melancholic folk song about rain' },
			},
			{
				name: 'Sing',
				type: MUSIC_TYPE,
				parameters: {
					operation: 'generate',
					prompt: '={{ $json.styleTags }}',
					lyrics: '={{ $json.lyrics }}',
				},
			},
		]);
		const result = await runWorkflow(workflow, { credentials: credentialsFor(sandbox()) });
		expect(result.status).toBe('success');
		const [written] = result.output('Write');
		expect(apiRequests(sandbox(), '/v1/lyrics_generation')[0].body).toEqual({
			mode: 'write_full_song',
			prompt: 'A melancholic folk song about rain',
		});
		expect(written.json).toMatchObject({
			title: expect.any(String),
			styleTags: 'folk, melancholic',
			lyrics: expect.stringMatching(/^\[Verse\]\n/),
			lyricsLines: 7,
		});
		expect(written.binary!.data).toMatchObject({
			mimeType: 'text/plain',
			fileExtension: 'txt',
			fileName: written.json.fileName,
		});
		expect((await readBinary(written.binary!.data)).toString('utf8')).toBe(
			`${written.json.lyrics}\n`,
		);
		expect(apiRequests(sandbox(), '/v1/music_generation')[0].body).toMatchObject({
			prompt: 'folk, melancholic',
			lyrics: written.json.lyrics,
		});
		const [sung] = result.output('Sing');
		expect(sung.json).toMatchObject({ lyricsLines: 7, mimeType: 'audio/mpeg' });
	});
});

describe('Music › input checks', () => {
	const textFile = {
		json: {},
		binary: {
			data: {
				base64: base64(Buffer.from('just text, no audio')),
				fileName: 'notes.mp3',
				mimeType: 'audio/mpeg',
			},
		},
	};
	const shortWav = {
		json: {},
		binary: { data: { base64: base64(sineWav(4)), fileName: 'short.wav', mimeType: 'audio/wav' } },
	};
	const hugeFile = join(tmpdir(), 'n8n-nodes-minimax-music-51mb.mp3');
	beforeAll(() => writeFileSync(hugeFile, Buffer.alloc(51 * 1024 * 1024)));
	const huge = () => ({
		json: {},
		binary: { data: { filePath: hugeFile, fileName: 'huge.mp3', mimeType: 'audio/mpeg' } },
	});

	it.each([
		[
			'blank lyrics',
			music({ lyrics: '  ' }),
			undefined,
			/"Lyrics" for item 0: it is empty; a song with vocals needs lyrics/,
		],
		[
			'lyrics over 3,500 characters',
			music({ lyrics: 'l'.repeat(3501) }),
			undefined,
			/"Lyrics" for item 0: it has 3,501 characters; music-2.6 takes at most 3,500 characters/,
		],
		[
			'a prompt over 2,000 characters',
			music({ prompt: 'p'.repeat(2001), lyrics: LYRICS }),
			undefined,
			/"Prompt" for item 0: it has 2,001 characters; music-2.6 takes at most 2,000/,
		],
		[
			'music-1.5 without a prompt',
			music({ model: 'music-1.5', lyrics: LYRICS }),
			undefined,
			/"Prompt" for item 0: it is empty; music-1.5 needs a prompt/,
		],
		[
			'a music-1.5 prompt under 10 characters',
			music({ model: 'music-1.5', prompt: 'Pop', lyrics: LYRICS }),
			undefined,
			/"Prompt" for item 0: it has 3 characters; music-1.5 takes 10–300 characters/,
		],
		[
			'music-1.5 lyrics over 600 characters',
			music({ model: 'music-1.5', prompt: 'Pop music, sad', lyrics: 'l'.repeat(601) }),
			undefined,
			/"Lyrics" for item 0: it has 601 characters; music-1.5 takes 10–600/,
		],
		[
			'music-01 lyrics under 10 characters',
			music({ model: 'music-01', lyrics: 'Short' }),
			undefined,
			/"Lyrics" for item 0: it has 5 characters; music-01 takes 10–600/,
		],
		[
			'an instrumental on music-2.5',
			music({ model: 'music-2.5', vocals: 'instrumental', prompt: 'Calm' }),
			undefined,
			/"Vocals" for item 0: music-2.5 cannot make instrumentals; use music-3.0, music-3.0-free, music-2.6, music-2.6-free, music-2.5\+/,
		],
		[
			'written lyrics on music-2.0',
			music({ model: 'music-2.0', vocals: 'writeLyrics', prompt: 'Pop' }),
			undefined,
			/"Vocals" for item 0: music-2.0 cannot write lyrics/,
		],
		[
			'an instrumental without a prompt',
			music({ vocals: 'instrumental' }),
			undefined,
			/"Prompt" for item 0: it is empty; instrumentals and written lyrics are made from the prompt/,
		],
		[
			'a link only without URL transfer',
			music({ lyrics: LYRICS, options: { returnLinkOnly: true } }),
			undefined,
			/"Return Link Only" for item 0: a link only exists with Transfer Format "URL"/,
		],
		[
			'a watermark that is not yes or no',
			music({ lyrics: LYRICS, options: { aigcWatermark: '={{ "yes" }}' } }),
			undefined,
			/"AIGC Watermark" for item 0: expected true or false, got string "yes"/,
		],
		[
			'a cover whose reference URL expression gave null',
			cover({ referenceSource: 'url', referenceUrl: '={{ null }}' }),
			undefined,
			/"Reference Song URL" for item 0: it is empty \(the value is null\)/,
		],
		[
			'a cover without the binary field',
			cover({ binaryPropertyName: 'song' }),
			[song(7)],
			/"Reference Song Field" for item 0: there is no binary field "song"/,
		],
		[
			'a cover of a file that is not audio',
			cover({}),
			[textFile],
			/"Reference Song Field" for item 0: the file "notes.mp3" is not MP3, WAV, M4A or FLAC audio/,
		],
		[
			'a cover of a 4 s song',
			cover({}),
			[shortWav],
			/the song "short.wav" lasts 4.0 s; a cover needs a reference of 6 s to 6 min/,
		],
		[
			'a cover of a song over 50 MB',
			cover({}),
			'huge',
			/"Reference Song Field" for item 0: the file "huge.mp3" is 51.0 MB, the maximum is 50 MB/,
		],
		[
			'a cover URL that is not http',
			cover({ referenceSource: 'url', referenceUrl: 'file:///tmp/a.mp3' }),
			undefined,
			/"Reference Song URL" for item 0: "file:\/\/\/tmp\/a.mp3" is not an http\(s\) URL/,
		],
		[
			'a cover seed over 1,000,000',
			cover({ options: { seed: 1_000_001 } }),
			[song(7)],
			/"Seed" for item 0: it must be at least 0 and at most 1000000/,
		],
		['a blank cover prompt', cover({ prompt: ' ' }), [song(7)], /"Prompt" for item 0: it is empty/],
		[
			'a blank lyrics prompt',
			{ type: MUSIC_TYPE, parameters: { operation: 'generateLyrics', prompt: ' ' } },
			undefined,
			/"Prompt" for item 0: it is empty; the lyrics are written from it/,
		],
	])('rejects %s before any request', async (_label, node, items, message) => {
		const result = await run(sandbox(), node, {
			items: items === 'huge' ? [huge()] : (items as FixtureItem[] | undefined),
		});
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(message);
		expect(sandbox().log).toHaveLength(0);
	});
});
