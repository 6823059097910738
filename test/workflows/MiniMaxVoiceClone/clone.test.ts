import { createServer, type Server } from 'http';
import type { AddressInfo } from 'net';

import type { IDataObject } from 'n8n-workflow';

import { MiniMaxTextToSpeech } from '../../../nodes/MiniMaxTextToSpeech/MiniMaxTextToSpeech.node';
import { readBinary, runWorkflow } from '../../harness';
import { base64, encodedTone, sineWav } from '../../support/audioSamples';
import { probe } from '../../support/ffprobe';
import {
	apiRequests,
	CLONE_TYPE,
	credentialsFor,
	downloads,
	loadOptionsContext,
	pipeline,
	run,
	runOk,
	SANDBOX_KEYS,
	TTS_TYPE,
	useSandbox,
} from '../helpers';

const sandbox = useSandbox();

const SAMPLE = {
	json: { speaker: 'Ada' },
	binary: {
		data: { base64: base64(sineWav(12)), fileName: 'ada-sample.wav', mimeType: 'audio/wav' },
	},
};

function clone(parameters: IDataObject, onError?: 'continueRegularOutput') {
	return { type: CLONE_TYPE, parameters, onError };
}

describe('Voice Clone', () => {
	it("clones a voice from an earlier node's audio, then Text to Speech speaks with it", async () => {
		const workflow = pipeline(
			[
				{ name: 'Clone', type: CLONE_TYPE, parameters: { voiceId: 'AdaVoice001' } },
				{
					name: 'Speak',
					type: TTS_TYPE,
					parameters: {
						text: 'Hello from my cloned voice.',
						voice: { __rl: true, mode: 'id', value: '={{ $json.voiceId }}' },
					},
				},
			],
			[SAMPLE],
		);
		const result = await runWorkflow(workflow, { credentials: credentialsFor(sandbox()) });
		expect(result.status).toBe('success');
		const [cloned] = result.output('Clone');
		expect(cloned.json).toMatchObject({ voiceId: 'AdaVoice001', sourceDurationSeconds: 12 });
		expect(cloned.json.note).toMatch(/before \d{4}-\d{2}-\d{2} \(7 days\)/);
		const useBefore = Date.parse(cloned.json.useBefore as string);
		expect(Math.abs(useBefore - (Date.now() + 7 * 24 * 3600 * 1000))).toBeLessThan(60_000);

		const [upload] = apiRequests(sandbox(), '/v1/files/upload');
		expect(upload.body).toMatchObject({
			fields: { purpose: 'voice_clone' },
			files: [{ filename: 'ada-sample.wav', contentType: 'audio/wav' }],
		});
		const [cloneCall] = apiRequests(sandbox(), '/v1/voice_clone');
		expect(cloneCall.body).toEqual({
			file_id: Number(cloned.json.sourceFileId),
			voice_id: 'AdaVoice001',
			need_noise_reduction: false,
			need_volume_normalization: false,
		});

		const [spoken] = result.output('Speak');
		expect(spoken.json.voiceId).toBe('AdaVoice001');
		expect((await probe(await readBinary(spoken.binary!.data))).streams[0].codec_name).toBe('mp3');

		// Like the real service, the clone is listed only after its first real use.
		const listed = await runOk(sandbox(), clone({ operation: 'list' }));
		expect(listed.map((item) => item.json.voiceId)).toEqual(['AdaVoice001']);
		const locator = await new MiniMaxTextToSpeech().methods.listSearch.searchVoices.call(
			loadOptionsContext(credentialsFor(sandbox()).miniMaxApi as IDataObject),
			'ada',
		);
		expect(locator.results).toEqual([
			expect.objectContaining({ name: 'Cloned: AdaVoice001', value: 'AdaVoice001' }),
		]);
	});

	it('returns the preview as audio downloaded without the API key, and accepts MP3 and M4A', async () => {
		for (const [format, mimeType] of [
			['mp3', 'audio/mpeg'],
			['m4a', 'audio/mp4'],
		] as const) {
			sandbox().reset();
			const items = [
				{
					json: {},
					binary: {
						voice: {
							base64: base64(encodedTone(15, format)),
							fileName: `sample.${format}`,
							mimeType,
						},
					},
				},
			];
			const [item] = await runOk(
				sandbox(),
				clone({
					binaryPropertyName: 'voice',
					voiceId: `Preview${format}01`,
					options: {
						previewText: 'This is how I sound.',
						model: 'speech-2.6-hd',
						noiseReduction: true,
					},
				}),
				{ items },
			);
			expect(item.binary!.data).toMatchObject({
				mimeType: 'audio/mpeg',
				fileName: `Preview${format}01-preview.mp3`,
			});
			expect((await probe(await readBinary(item.binary!.data))).streams[0].codec_name).toBe('mp3');
			expect(item.json.previewAudioUrl).toMatch(/^http/);
			expect(apiRequests(sandbox(), '/v1/voice_clone')[0].body).toMatchObject({
				text: 'This is how I sound.',
				model: 'speech-2.6-hd',
				need_noise_reduction: true,
			});
			expect(downloads(sandbox()).every((entry) => entry.headers.authorization === undefined)).toBe(
				true,
			);
			expect(Math.round(item.json.sourceDurationSeconds as number)).toBe(15);
		}
	});

	it('sends a prompt clip with its transcript as clone_prompt', async () => {
		const items = [
			{
				json: {},
				binary: {
					...SAMPLE.binary,
					prompt: { base64: base64(sineWav(4)), fileName: 'prompt.wav', mimeType: 'audio/wav' },
				},
			},
		];
		await runOk(
			sandbox(),
			clone({
				voiceId: 'PromptVoice01',
				options: {
					binaryPropertyNamePrompt: 'prompt',
					promptText: 'A short line.',
					expectedTranscript: 'Some words',
					accuracy: 0.8,
				},
			}),
			{ items },
		);
		const uploads = apiRequests(sandbox(), '/v1/files/upload');
		expect(
			uploads.map((entry) => (entry.body as { fields: { purpose: string } }).fields.purpose),
		).toEqual(['voice_clone', 'prompt_audio']);
		const body = apiRequests(sandbox(), '/v1/voice_clone')[0].body as {
			clone_prompt: { prompt_audio: unknown; prompt_text: string };
			text_validation: string;
			accuracy: number;
		};
		expect(typeof body.clone_prompt.prompt_audio).toBe('number');
		expect(body.clone_prompt.prompt_text).toBe('A short line.');
		expect(body).toMatchObject({ text_validation: 'Some words', accuracy: 0.8 });
	});

	it('generates a valid voice ID when none is given', async () => {
		const [item] = await runOk(sandbox(), clone({}), { items: [SAMPLE] });
		expect(item.json.voiceId).toMatch(/^Voice\d{14}[0-9a-z]{4}$/);
	});

	it('clones from a URL without sending the API key there', async () => {
		let seenAuth: string | undefined = 'unset';
		const server: Server = createServer((req, res) => {
			seenAuth = req.headers.authorization;
			res.writeHead(200, { 'content-type': 'audio/wav' });
			res.end(sineWav(11));
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		try {
			const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/voices/remote.wav`;
			const [item] = await runOk(
				sandbox(),
				clone({ audioSource: 'url', audioUrl: url, voiceId: 'RemoteVoice01' }),
			);
			expect(item.json.voiceId).toBe('RemoteVoice01');
			expect(seenAuth).toBeUndefined();
			expect(
				(
					apiRequests(sandbox(), '/v1/files/upload')[0].body as {
						files: Array<{ filename: string }>;
					}
				).files[0].filename,
			).toBe('remote.wav');
		} finally {
			server.closeAllConnections();
			await new Promise((resolve) => server.close(resolve));
		}
	});

	// n8n-io/n8n#18074 ("aborted" sockets not retried), MiniMax-AI/MiniMax-MCP#11 (502 on the way in):
	// the audio URL goes through the same retried download path as MiniMax's own links.
	it('retries an audio URL that drops the connection and answers 503, then clones', async () => {
		let hits = 0;
		const server: Server = createServer((req, res) => {
			hits++;
			if (hits === 1) {
				req.socket.destroy();
			} else if (hits === 2) {
				res.writeHead(503, { 'content-type': 'text/plain' });
				res.end('busy');
			} else {
				res.writeHead(200, { 'content-type': 'audio/wav' });
				res.end(sineWav(11));
			}
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		try {
			const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/voices/flaky.wav`;
			const parameters = {
				audioSource: 'url',
				audioUrl: url,
				voiceId: 'FlakyVoice01',
				options: { retryDelayMs: 1 },
			};
			const [item] = await runOk(sandbox(), clone(parameters));
			expect(item.json.voiceId).toBe('FlakyVoice01');
			expect(hits).toBe(3);
		} finally {
			server.closeAllConnections();
			await new Promise((resolve) => server.close(resolve));
		}
	});

	it('names the audio URL that answers 404 and uploads nothing', async () => {
		const server: Server = createServer((_req, res) => {
			res.writeHead(404, { 'content-type': 'text/plain' });
			res.end('not here');
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		try {
			const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/voices/missing.wav`;
			const result = await run(
				sandbox(),
				clone({ audioSource: 'url', audioUrl: url, voiceId: 'MissingVoice1' }),
			);
			expect(result.status).toBe('error');
			expect(result.error?.message).toMatch(
				/^Downloading the audio at .*missing\.wav.* failed with HTTP 404$/,
			);
			expect((result.error as Error & { description?: string }).description).toMatch(
				/has no file at this URL \(HTTP 404\)\. Check the URL\. Nothing was sent to MiniMax\./,
			);
			expect(apiRequests(sandbox())).toHaveLength(0);
		} finally {
			server.closeAllConnections();
			await new Promise((resolve) => server.close(resolve));
		}
	});

	it('surfaces a duplicate voice ID as MiniMax 2039 with a hint', async () => {
		sandbox().state.addClonedVoice('TakenVoice01');
		const result = await run(sandbox(), clone({ voiceId: 'TakenVoice01' }), { items: [SAMPLE] });
		expect(result.error?.message).toMatch(/\(2039\)/);
		expect((result.error as { description?: string }).description).toMatch(/already taken/);
		expect(apiRequests(sandbox(), '/v1/voice_clone')).toHaveLength(1);
	});

	const tooBig = Buffer.concat([sineWav(1), Buffer.alloc(21 * 1024 * 1024)]);
	it.each([
		[
			'a voice ID that is too short',
			{ voiceId: 'Ab1' },
			[SAMPLE],
			/"Voice ID" for item 0: it must have at least 8 characters/,
		],
		[
			'a voice ID starting with a digit',
			{ voiceId: '1AdaVoice' },
			[SAMPLE],
			/"Voice ID" for item 0: "1AdaVoice" must start with a letter/,
		],
		[
			'a voice ID with spaces',
			{ voiceId: 'Ada Voice 1' },
			[SAMPLE],
			/may only contain letters, digits/,
		],
		[
			'a voice ID ending in a dash',
			{ voiceId: 'AdaVoice-' },
			[SAMPLE],
			/must not end with "-" or "_"/,
		],
		[
			'a missing binary field',
			{ binaryPropertyName: 'voice' },
			[SAMPLE],
			/"Input Binary Field" for item 0: there is no binary field "voice"/,
		],
		[
			'a text file',
			{},
			[
				{
					json: {},
					binary: {
						data: {
							base64: base64(Buffer.from('hello')),
							fileName: 'notes.txt',
							mimeType: 'text/plain',
						},
					},
				},
			],
			/"notes.txt" is not MP3, M4A or WAV audio/,
		],
		[
			'a file over 20 MB',
			{},
			[
				{
					json: {},
					binary: { data: { base64: base64(tooBig), fileName: 'huge.wav', mimeType: 'audio/wav' } },
				},
			],
			/the maximum is 20 MB/,
		],
		[
			'a sample under 10 s',
			{},
			[
				{
					json: {},
					binary: {
						data: { base64: base64(sineWav(5)), fileName: 'short.wav', mimeType: 'audio/wav' },
					},
				},
			],
			/lasts 5\.0 s; MiniMax needs 10 s to 5 min/,
		],
		[
			'a prompt clip of 9 s',
			{ options: { binaryPropertyNamePrompt: 'prompt', promptText: 'x' } },
			[
				{
					json: {},
					binary: {
						...SAMPLE.binary,
						prompt: { base64: base64(sineWav(9)), fileName: 'p.wav', mimeType: 'audio/wav' },
					},
				},
			],
			/"Prompt Audio Field" for item 0: the audio "p.wav" lasts 9\.0 s; MiniMax needs under 8 s/,
		],
		[
			'a prompt clip without transcript',
			{ options: { binaryPropertyNamePrompt: 'prompt' } },
			[SAMPLE],
			/"Prompt Transcript" for item 0: it is required/,
		],
		[
			'a preview over 1,000 characters',
			{ options: { previewText: 'p'.repeat(1001) } },
			[SAMPLE],
			/"Preview Text" for item 0: it has 1,001 characters/,
		],
		[
			'an expected transcript over 200 characters',
			{ options: { expectedTranscript: 't'.repeat(201) } },
			[SAMPLE],
			/"Expected Transcript" for item 0/,
		],
		[
			'a URL that is not http',
			{ audioSource: 'url', audioUrl: 'ftp://example.com/a.mp3' },
			undefined,
			/"Audio URL" for item 0: "ftp:\/\/example.com\/a.mp3" is not an http\(s\) URL/,
		],
		[
			'an Audio URL expression that resolves to null',
			{ audioSource: 'url', audioUrl: '={{ null }}' },
			undefined,
			/"Audio URL" for item 0: it is empty \(the value is null\)/,
		],
	])('rejects %s before any request', async (_label, parameters, items, message) => {
		const result = await run(sandbox(), clone(parameters), { items });
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(message);
		expect(apiRequests(sandbox())).toHaveLength(0);
	});

	it('lists and deletes cloned voices', async () => {
		sandbox().state.addClonedVoice('OldVoice0001');
		sandbox().state.addClonedVoice('OldVoice0002');
		const listed = await runOk(sandbox(), clone({ operation: 'list' }));
		expect(listed.map((item) => item.json)).toEqual([
			expect.objectContaining({ voiceId: 'OldVoice0001', type: 'cloned' }),
			expect.objectContaining({ voiceId: 'OldVoice0002', type: 'cloned' }),
		]);
		const [deleted] = await runOk(
			sandbox(),
			clone({ operation: 'delete', voiceId: 'OldVoice0001' }),
		);
		expect(deleted.json).toMatchObject({ voiceId: 'OldVoice0001', deleted: true });
		expect(apiRequests(sandbox(), '/v1/delete_voice')[0].body).toEqual({
			voice_type: 'voice_cloning',
			voice_id: 'OldVoice0001',
		});
		expect(
			(await runOk(sandbox(), clone({ operation: 'list' }))).map((item) => item.json.voiceId),
		).toEqual(['OldVoice0002']);

		const again = await run(sandbox(), clone({ operation: 'delete', voiceId: 'OldVoice0001' }));
		expect(again.error?.message).toMatch(/\(2013\)/);
	});

	it('keeps the key out of every request but the API ones', async () => {
		await runOk(sandbox(), clone({ voiceId: 'KeyCheck0001', options: { previewText: 'Hi.' } }), {
			items: [SAMPLE],
		});
		for (const entry of downloads(sandbox()))
			expect(JSON.stringify(entry.headers)).not.toContain(SANDBOX_KEYS.global);
	});
});
