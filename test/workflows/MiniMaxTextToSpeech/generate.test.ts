import { binaryPath, readBinary } from '../../harness';
import { probe } from '../../support/ffprobe';
import { apiRequests, downloads, runOk, tts, useSandbox } from '../helpers';

const sandbox = useSandbox();

const TEXT = 'Hello there.<#0.5#>Welcome to MiniMax.';

describe('Text to Speech › Generate Speech', () => {
	it('returns a filesystem-stored MP3 that ffprobe decodes, with duration and billing in JSON', async () => {
		const [item] = await runOk(sandbox(), tts({ text: TEXT }));
		const audio = item.binary!.data;
		expect(audio.mimeType).toBe('audio/mpeg');
		expect(audio.fileExtension).toBe('mp3');
		expect(audio.fileName).toBe('hello-there-welcome-to-minimax.mp3');
		expect(audio.id).toMatch(/^filesystem-v2:/);
		expect(binaryPath(audio)).toBeDefined();

		const bytes = await readBinary(audio);
		const info = await probe(bytes, { decode: true });
		expect(info.streams[0].codec_name).toBe('mp3');
		expect(info.streams[0].sample_rate).toBe(32000);
		expect(info.errors).toEqual([]);
		expect(item.json).toMatchObject({
			fileName: 'hello-there-welcome-to-minimax.mp3',
			mimeType: 'audio/mpeg',
			format: 'mp3',
			fileSizeBytes: bytes.length,
			model: 'speech-2.8-hd',
			voiceId: 'English_expressive_narrator',
			mode: 'sync',
		});
		expect(Math.abs((item.json.durationSeconds as number) - info.duration)).toBeLessThan(0.15);
		expect(item.json.charactersBilled).toBeGreaterThan(0);
		expect(item.pairedItem).toEqual({ item: 0 });

		const [request] = apiRequests(sandbox(), '/v1/t2a_v2');
		expect(request.body).toEqual({
			model: 'speech-2.8-hd',
			text: TEXT,
			stream: false,
			output_format: 'hex',
			voice_setting: { voice_id: 'English_expressive_narrator', speed: 1, vol: 1, pitch: 0 },
			audio_setting: { sample_rate: 32000, bitrate: 128000, format: 'mp3', channel: 1 },
		});
		expect(request.headers.authorization).toBe(`Bearer ${'sk-sandbox-global-0001'}`);
	});

	it.each([
		['wav', 'audio/wav', 'pcm_s16le', 44100, 2],
		['flac', 'audio/flac', 'flac', 24000, 1],
	])(
		'returns %s audio with the declared MIME type that decodes',
		async (format, mimeType, codec, sampleRate, channels) => {
			const [item] = await runOk(
				sandbox(),
				tts({ text: 'Short sample.', options: { format, sampleRate, channels } }),
			);
			const audio = item.binary!.data;
			expect(audio.mimeType).toBe(mimeType);
			expect(audio.fileExtension).toBe(format);
			const info = await probe(await readBinary(audio), { decode: true });
			expect(info.streams[0]).toMatchObject({
				codec_name: codec,
				sample_rate: sampleRate,
				channels,
			});
			expect(info.errors).toEqual([]);
		},
	);

	it('returns raw PCM whose size matches its duration', async () => {
		const [item] = await runOk(
			sandbox(),
			tts({ text: 'Raw samples.', options: { format: 'pcm', sampleRate: 16000 } }),
		);
		const bytes = await readBinary(item.binary!.data);
		expect(item.binary!.data.mimeType).toBe('audio/pcm');
		const info = await probe(bytes, { raw: { sampleRate: 16000, channels: 1 } });
		expect(Math.abs(info.duration * 1000 - (item.json.durationMs as number))).toBeLessThan(50);
		expect(bytes.length).toBe(Math.round(((item.json.durationMs as number) / 1000) * 16000) * 2);
	});

	it('sends every option where docs/minimax-api.md §2 puts it', async () => {
		await runOk(
			sandbox(),
			tts({
				model: 'speech-2.6-turbo',
				text: 'Options everywhere.',
				voice: { __rl: true, mode: 'id', value: 'Wise_Woman' },
				options: {
					speed: 1.5,
					volume: 3.5,
					pitch: -4,
					emotion: 'fluent',
					languageBoost: 'English',
					textNormalization: true,
					pronunciation: 'MiniMax/Mini Max',
					voiceEffects: {
						effects: { pitch: 20, intensity: -10, timbre: 5, soundEffect: 'spacious_echo' },
					},
					bitrate: 64000,
					sampleRate: 22050,
					aigcWatermark: true,
					subtitles: true,
					subtitleType: 'word',
				},
			}),
		);
		const [request] = apiRequests(sandbox(), '/v1/t2a_v2');
		expect(request.baseRespCode).toBe(0);
		expect(request.body).toEqual({
			model: 'speech-2.6-turbo',
			text: 'Options everywhere.',
			stream: false,
			output_format: 'hex',
			subtitle_enable: true,
			subtitle_type: 'word',
			aigc_watermark: true,
			voice_setting: {
				voice_id: 'Wise_Woman',
				speed: 1.5,
				vol: 3.5,
				pitch: -4,
				emotion: 'fluent',
				text_normalization: true,
			},
			audio_setting: { sample_rate: 22050, bitrate: 64000, format: 'mp3', channel: 1 },
			pronunciation_dict: { tone: ['MiniMax/Mini Max'] },
			language_boost: 'English',
			voice_modify: { pitch: 20, intensity: -10, timbre: 5, sound_effects: 'spacious_echo' },
		});
	});

	it('mixes voices through timbre_weights', async () => {
		const [item] = await runOk(
			sandbox(),
			tts({
				text: 'A blended voice.',
				options: {
					voiceMix: {
						voices: [
							{ voiceId: 'Wise_Woman', weight: 60 },
							{ voiceId: 'Deep_Voice_Man', weight: 40 },
						],
					},
				},
			}),
		);
		const [request] = apiRequests(sandbox(), '/v1/t2a_v2');
		expect((request.body as { timbre_weights: unknown }).timbre_weights).toEqual([
			{ voice_id: 'Wise_Woman', weight: 60 },
			{ voice_id: 'Deep_Voice_Man', weight: 40 },
		]);
		expect(item.json.voiceMix).toHaveLength(2);
	});

	it('downloads the audio link without the API key when delivery is a link', async () => {
		const [item] = await runOk(sandbox(), tts({ text: TEXT, options: { audioDelivery: 'url' } }));
		expect(item.json.audioUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
		const [download] = downloads(sandbox());
		expect(download.status).toBe(200);
		expect(download.headers.authorization).toBeUndefined();
		const info = await probe(await readBinary(item.binary!.data));
		expect(info.streams[0].codec_name).toBe('mp3');
		expect(item.binary!.data.fileName).toBe('hello-there-welcome-to-minimax.mp3');
	});

	it('assembles streamed audio identical to the non-streamed file', async () => {
		const [plain] = await runOk(sandbox(), tts({ text: TEXT }));
		const [streamed] = await runOk(sandbox(), tts({ text: TEXT, options: { stream: true } }));
		const streamRequest = apiRequests(sandbox(), '/v1/t2a_v2')[1];
		expect(streamRequest.body).toMatchObject({
			stream: true,
			stream_options: { exclude_aggregated_audio: true },
		});
		expect(streamRequest.headers['content-type']).toMatch(/json/);
		const a = await readBinary(plain.binary!.data);
		const b = await readBinary(streamed.binary!.data);
		expect(b.equals(a)).toBe(true);
		expect(streamed.json.mode).toBe('stream');
		expect(streamed.json.durationMs).toBe(plain.json.durationMs);
	});

	it('returns subtitles as SRT and MiniMax JSON binaries', async () => {
		const [item] = await runOk(
			sandbox(),
			tts({ text: 'First sentence. Second sentence.', options: { subtitles: true } }),
		);
		const srt = (await readBinary(item.binary!.subtitles)).toString('utf8');
		expect(item.binary!.subtitles.mimeType).toBe('application/x-subrip');
		expect(srt).toMatch(/^1\n00:00:00,000 --> 00:00:\d\d,\d{3}\nFirst sentence\.\n\n2\n/);
		const json = JSON.parse((await readBinary(item.binary!.subtitlesJson)).toString('utf8'));
		expect(json).toHaveLength(2);
		expect(json[1].time_end).toBeGreaterThan(json[1].time_begin);
		expect(item.json.subtitleCount).toBe(2);
		expect(downloads(sandbox()).every((entry) => entry.headers.authorization === undefined)).toBe(
			true,
		);
	});

	it('produces longer audio for longer text', async () => {
		const [short] = await runOk(sandbox(), tts({ text: 'Short.' }));
		const [long] = await runOk(
			sandbox(),
			tts({ text: 'A considerably longer sentence that takes more time to say.' }),
		);
		expect(long.json.durationMs as number).toBeGreaterThan((short.json.durationMs as number) * 3);
	});

	it('resolves expressions per item and keeps order and pairing with concurrency', async () => {
		const lines = ['one', 'two', 'three', 'four', 'five', 'six'].map((word) => ({
			json: { line: `Line ${word}.` },
		}));
		const items = await runOk(
			sandbox(),
			tts({ text: '={{ $json.line }}', options: { concurrency: 3 } }),
			{ items: lines },
		);
		expect(items.map((item) => item.binary!.data.fileName)).toEqual(
			lines.map(
				(l) =>
					`${(l.json.line as string).toLowerCase().replace(/[ .]+/g, '-').replace(/-$/, '')}.mp3`,
			),
		);
		expect(items.map((item) => item.pairedItem)).toEqual(
			lines.map((_, index) => ({ item: index })),
		);
		expect(apiRequests(sandbox(), '/v1/t2a_v2')).toHaveLength(6);
	});
});
