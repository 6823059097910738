import { existsSync, readFileSync } from 'fs';
import { join } from 'path';
import { setTimeout as sleep } from 'node:timers/promises';

import type { Sandbox } from '../sandbox';
import { probe } from '../support/ffprobe';
import { encodedTone } from '../support/audioSamples';
import { probeVideo } from '../sandbox/families/video/probe';
import { videoStore } from '../sandbox/families/video/store';
import { binaryPath, readBinary } from './lib/binaries';
import { exampleByFile, type WorkflowJson } from './lib/examples';
import {
	executeWorkflow,
	importWorkflow,
	nodeOutput,
	type ExecutedItem,
	type ExecutionRun,
	type N8nInstance,
} from './lib/n8nCli';
import { activateWorkflow, publicApi, type N8nServer } from './lib/n8nServer';

/**
 * What each example in examples/ must produce. Every example file needs an entry here (a test enforces
 * it): `headless` examples (Manual Trigger) run with `n8n execute` (examples.e2e.ts); `webhook` examples
 * are activated and called on a live n8n, `live` ones run their own scenario there (server.e2e.ts);
 * `partOf` marks an example that another one's scenario exercises.
 */

export interface HeadlessRun {
	run: ExecutionRun;
	userFolder: string;
	sandbox: Sandbox;
}

export interface WebhookCall {
	response: Response;
	body: Buffer;
	sandbox: Sandbox;
}

export interface LiveRun {
	server: N8nServer;
	/** The live server's instance (same user folder and database). */
	instance: N8nInstance;
	sandbox: Sandbox;
}

export type ExampleCheck =
	| { kind: 'headless'; check(result: HeadlessRun): Promise<void> }
	| { kind: 'webhook'; request(): RequestInit; check(result: WebhookCall): Promise<void> }
	| { kind: 'live'; run(live: LiveRun): Promise<void> }
	| { kind: 'partOf'; example: string };

interface ExecutionSummary {
	id: string;
	status: string;
	data?: { resultData: ExecutionRun['data']['resultData'] };
}

/** Waits until the live n8n has a finished execution of the workflow (public API), and returns it with its data. */
async function waitForExecution(
	server: N8nServer,
	workflowId: string,
	timeoutMs = 60000,
): Promise<ExecutionSummary> {
	const begin = Date.now();
	for (;;) {
		const { data } = await publicApi<{ data: ExecutionSummary[] }>(
			server,
			'GET',
			`/executions?workflowId=${workflowId}&includeData=true`,
		);
		const done = data.data.find(
			(execution) =>
				execution.status !== 'running' &&
				execution.status !== 'new' &&
				execution.status !== 'waiting',
		);
		if (done) return done;
		if (Date.now() - begin > timeoutMs)
			throw new Error(`no finished execution of ${workflowId} after ${timeoutMs} ms`);
		await sleep(500);
	}
}

function withSetting(workflow: WorkflowJson, name: string, value: string): WorkflowJson {
	const copy = JSON.parse(JSON.stringify(workflow)) as WorkflowJson;
	const settings = copy.nodes.find((node) => node.name === 'Settings')!;
	const { assignments } = settings.parameters.assignments as {
		assignments: Array<{ name: string; value: string }>;
	};
	assignments.find((assignment) => assignment.name === name)!.value = value;
	return copy;
}

const apiCalls = (sandbox: Sandbox, path: string) =>
	sandbox.log.filter((entry) => entry.kind === 'api' && entry.path === path);

async function expectMp3(data: Buffer | string, minSeconds: number): Promise<number> {
	const info = await probe(data, { decode: true });
	expect(info.format_name).toBe('mp3');
	expect(info.streams[0]?.codec_name).toBe('mp3');
	expect(info.errors).toEqual([]);
	expect(info.duration).toBeGreaterThan(minSeconds);
	return info.duration;
}

export const EXAMPLE_CHECKS: Record<string, ExampleCheck> = {
	'tts-webhook.json': {
		kind: 'webhook',
		request: () => ({
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ text: 'Hello from an n8n webhook. This answer is an MP3 file.' }),
		}),
		async check({ response, body, sandbox }) {
			expect(response.status).toBe(200);
			expect(response.headers.get('content-type')).toBe('audio/mpeg');
			await expectMp3(body, 1);
			const calls = apiCalls(sandbox, '/v1/t2a_v2');
			expect(calls).toHaveLength(1);
			expect(calls[0].body).toMatchObject({
				text: 'Hello from an n8n webhook. This answer is an MP3 file.',
				voice_setting: { voice_id: 'English_expressive_narrator' },
			});
		},
	},

	'voice-clone-then-speak.json': {
		kind: 'webhook',
		request: () => {
			const form = new FormData();
			form.append(
				'sample',
				new Blob([encodedTone(12, 'mp3')], { type: 'audio/mpeg' }),
				'my-voice.mp3',
			);
			form.append('text', 'Hello in my own voice.');
			return { method: 'POST', body: form };
		},
		async check({ response, body, sandbox }) {
			expect(response.status).toBe(200);
			expect(response.headers.get('content-type')).toBe('audio/mpeg');
			await expectMp3(body, 0.5);
			const voiceId = response.headers.get('x-voice-id') ?? '';
			expect(voiceId).toMatch(/^[A-Za-z][A-Za-z0-9_-]{6,}[A-Za-z0-9]$/);
			const upload = apiCalls(sandbox, '/v1/files/upload');
			expect(upload).toHaveLength(1);
			expect(upload[0].body).toMatchObject({
				fields: { purpose: 'voice_clone' },
				files: [{ filename: 'my-voice.mp3' }],
			});
			const clone = apiCalls(sandbox, '/v1/voice_clone');
			expect(clone).toHaveLength(1);
			expect(clone[0].body).toMatchObject({
				voice_id: voiceId,
				need_noise_reduction: true,
				need_volume_normalization: true,
			});
			const speech = apiCalls(sandbox, '/v1/t2a_v2');
			expect(speech).toHaveLength(1);
			expect(speech[0].body).toMatchObject({
				text: 'Hello in my own voice.',
				voice_setting: { voice_id: voiceId },
			});
		},
	},

	'voice-design-and-speak.json': {
		kind: 'headless',
		async check({ run, userFolder, sandbox }) {
			const [design] = nodeOutput(run, 'Design the voice');
			const voiceId = String(design.json.voiceId);
			expect(voiceId).not.toBe('');
			expect(design.binary?.data.mimeType).toBe('audio/mpeg');
			await expectMp3(readBinary(userFolder, design.binary!.data), 1);

			const [speech] = nodeOutput(run, 'Narrate with the designed voice');
			expect(speech.json).toMatchObject({ voiceId, format: 'mp3', mimeType: 'audio/mpeg' });
			expect(speech.binary?.data).toMatchObject({ mimeType: 'audio/mpeg', fileExtension: 'mp3' });
			expect(speech.binary?.subtitles).toMatchObject({
				mimeType: 'application/x-subrip',
				fileExtension: 'srt',
			});
			const seconds = await expectMp3(binaryPath(userFolder, speech.binary!.data), 2);
			expect(Math.abs(seconds - Number(speech.json.durationSeconds))).toBeLessThan(0.2);
			expect(readBinary(userFolder, speech.binary!.subtitles).toString('utf8')).toMatch(
				/^1\r?\n00:00:00,000 --> /,
			);
			expect(apiCalls(sandbox, '/v1/t2a_v2')[0].body).toMatchObject({
				voice_setting: { voice_id: voiceId },
			});
		},
	},

	'narrated-slideshow.json': {
		kind: 'headless',
		async check({ run, userFolder, sandbox }) {
			const narrations = nodeOutput(run, 'Narrate scene');
			expect(narrations).toHaveLength(3);
			const speechSeconds = narrations.reduce(
				(sum, item) => sum + Number(item.json.durationSeconds),
				0,
			);
			expect(apiCalls(sandbox, '/v1/t2a_v2')).toHaveLength(3);

			const [video] = nodeOutput(run, 'Read the video');
			expect(video.binary?.data).toMatchObject({
				mimeType: 'video/mp4',
				fileName: 'narrated-video.mp4',
			});
			const info = await probe(binaryPath(userFolder, video.binary!.data));
			expect(info.format_name).toContain('mp4');
			expect(info.streams.map((stream) => stream.codec_name).sort()).toEqual(['aac', 'h264']);
			// Each clip lasts as long as its narration (give or take a video frame and AAC padding).
			expect(Math.abs(info.duration - speechSeconds)).toBeLessThan(0.5);
			expect(existsSync(join(userFolder, '.n8n-files', 'minimax-demo', 'narrated-video.mp4'))).toBe(
				true,
			);
		},
	},

	'video-subtitles.json': {
		kind: 'headless',
		async check({ run, userFolder, sandbox }) {
			const [video] = nodeOutput(run, 'Read the video');
			const [transcript] = nodeOutput(run, 'Transcribe the video');
			const segments = transcript.json.segments as Array<{
				start: number;
				end: number;
				text: string;
			}>;
			expect(transcript.json).toMatchObject({ language: 'en', text: expect.stringMatching(/\.$/) });
			expect(segments.length).toBeGreaterThan(1);
			// The video itself went to MiniMax, streamed from n8n's filesystem storage, as an MP4.
			const [upload] = apiCalls(sandbox, '/v1/speech_to_text');
			expect(upload.body).toMatchObject({
				fields: { model: 'asr-1.0', response_format: 'verbose_json', language: 'en' },
				files: [{ field: 'file', filename: 'clip.mp4', contentType: 'video/mp4' }],
			});
			expect(upload.headers.language).toBe('en');
			const clipPath = binaryPath(userFolder, video.binary!.data);
			expect((upload.body as { files: Array<{ bytes: number }> }).files[0].bytes).toBe(
				readFileSync(clipPath).length,
			);
			const clip = await probe(clipPath);
			expect(Number(transcript.json.durationSeconds)).toBeCloseTo(clip.duration, 0);
			expect(transcript.binary?.subtitles).toMatchObject({
				fileName: 'clip.srt',
				mimeType: 'application/x-subrip',
			});
			const workDir = join(userFolder, '.n8n-files', 'minimax-subtitles');
			const srt = readFileSync(join(workDir, 'clip.srt'), 'utf8');
			expect(srt.startsWith(`1\n00:00:00,000 --> `)).toBe(true);
			expect(srt).toContain(segments[segments.length - 1].text);

			const [subtitled] = nodeOutput(run, 'Read the subtitled video');
			expect(subtitled.binary?.data).toMatchObject({
				mimeType: 'video/mp4',
				fileName: 'clip-subtitled.mp4',
			});
			const info = await probe(binaryPath(userFolder, subtitled.binary!.data));
			expect(info.streams.map((stream) => stream.codec_name).sort()).toEqual(['aac', 'h264']);
			expect(Math.abs(info.duration - clip.duration)).toBeLessThan(0.2);
			// Burned in: the picture changed where the first cue is shown, the sound did not.
			expect(
				readFileSync(join(workDir, 'clip-subtitled.mp4')).equals(
					readFileSync(join(workDir, 'clip.mp4')),
				),
			).toBe(false);
		},
	},

	'image-batch.json': {
		kind: 'headless',
		async check({ run, userFolder, sandbox }) {
			const prompts = nodeOutput(run, 'One item per prompt').map((item) => item.json.prompt);
			const images = nodeOutput(run, 'Generate images');
			expect(images).toHaveLength(4);
			expect(
				apiCalls(sandbox, '/v1/image_generation')
					.map((entry) => (entry.body as { prompt: string }).prompt)
					.sort(),
			).toEqual([...prompts].sort());
			for (const [index, image] of images.entries()) {
				expect(image.pairedItem).toEqual({ item: index });
				expect(image.binary?.data).toMatchObject({ mimeType: 'image/jpeg', fileExtension: 'jpg' });
				const info = await probeVideo(binaryPath(userFolder, image.binary!.data));
				expect(info.codec).toBe('mjpeg');
				expect([info.width, info.height]).toEqual([
					Number(image.json.width),
					Number(image.json.height),
				]);
				expect(info.width / info.height).toBeCloseTo(16 / 9, 1);
			}
		},
	},

	'embed-and-search.json': {
		kind: 'headless',
		async check({ run, sandbox }) {
			const documents = nodeOutput(run, 'One item per document').map((item) => item.json);
			expect(nodeOutput(run, 'Insert into the vector store')).toHaveLength(documents.length);
			// n8n's In-Memory Vector Store embedded every document ("db") in one request, then the
			// search prompt ("query"), through the MiniMax Embeddings sub-node.
			const calls = apiCalls(sandbox, '/v1/embeddings').map(
				(entry) => entry.body as { model: string; texts: string[]; type: string },
			);
			expect(calls).toEqual([
				{ model: 'embo-01', texts: documents.map((document) => document.text), type: 'db' },
				{ model: 'embo-01', texts: ['How do I bake sourdough bread?'], type: 'query' },
			]);
			const found = nodeOutput(run, 'Search the vector store').map(
				(item) =>
					item.json as {
						document: { pageContent: string; metadata: { title: string } };
						score: number;
					},
			);
			expect(found).toHaveLength(2);
			expect(found[0].document.metadata.title).toBe('Sourdough');
			expect(found[0].document.pageContent).toContain('sourdough bread');
			expect(found[0].score).toBeGreaterThan(found[1].score);
			// The sub-node shows its calls on its ai_embedding connection, like n8n's embeddings nodes.
			const embeddingRuns = run.data.resultData.runData['MiniMax Embeddings'];
			expect(embeddingRuns).toHaveLength(2);
		},
	},

	'music-from-lyrics.json': {
		kind: 'headless',
		async check({ run, userFolder, sandbox }) {
			const [song] = nodeOutput(run, 'Compose the song');
			expect(song.json).toMatchObject({
				format: 'mp3',
				mimeType: 'audio/mpeg',
				model: 'music-2.6',
				instrumental: false,
			});
			expect(song.binary?.data).toMatchObject({ mimeType: 'audio/mpeg', fileExtension: 'mp3' });
			const seconds = await expectMp3(binaryPath(userFolder, song.binary!.data), 5);
			expect(Math.abs(seconds - Number(song.json.durationSeconds))).toBeLessThan(0.5);
			const [request] = apiCalls(sandbox, '/v1/music_generation');
			expect(request.body).toMatchObject({ model: 'music-2.6' });
			expect(String((request.body as { lyrics: string }).lyrics)).toContain('[Chorus]');
		},
	},

	'lyrics-edit-then-sing.json': {
		kind: 'headless',
		async check({ run, userFolder, sandbox }) {
			const [written] = nodeOutput(run, 'Write the lyrics');
			const [edited] = nodeOutput(run, 'Edit the lyrics');
			const [song] = nodeOutput(run, 'Sing the song');
			expect(written.json).toMatchObject({ mode: 'writeFullSong', title: expect.any(String) });
			expect(edited.json).toMatchObject({ mode: 'edit', title: written.json.title });
			const [, editRequest] = apiCalls(sandbox, '/v1/lyrics_generation');
			expect(editRequest.body).toMatchObject({
				mode: 'edit',
				lyrics: written.json.lyrics,
				title: written.json.title,
			});
			expect(String(edited.json.lyrics)).toContain('[Bridge]');
			const [request] = apiCalls(sandbox, '/v1/music_generation');
			expect(request.body).toMatchObject({ model: 'music-3.0', lyrics: edited.json.lyrics });
			expect(song.json).toMatchObject({ model: 'music-3.0', mimeType: 'audio/mpeg' });
			const seconds = await expectMp3(binaryPath(userFolder, song.binary!.data), 5);
			expect(Math.abs(seconds - Number(song.json.durationSeconds))).toBeLessThan(0.5);
		},
	},

	'video-wait-and-save.json': {
		kind: 'headless',
		async check({ run, userFolder, sandbox }) {
			const [video] = nodeOutput(run, 'Generate the video');
			expect(video.json).toMatchObject({
				status: 'Success',
				resolution: '768P',
				duration: 6,
				fileName: 'paper-boat.mp4',
			});
			expect(video.binary?.data).toMatchObject({
				mimeType: 'video/mp4',
				fileName: 'paper-boat.mp4',
			});
			const saved = join(userFolder, '.n8n-files', 'paper-boat.mp4');
			expect(existsSync(saved)).toBe(true);
			const info = await probeVideo(saved, { decode: true });
			expect(info).toMatchObject({ codec: 'h264', width: 1366, height: 768, errors: [] });
			expect(info.duration).toBeCloseTo(6, 0);
			expect(apiCalls(sandbox, '/v1/video_generation')).toHaveLength(1);
		},
	},

	'prompt-to-narrated-video.json': {
		kind: 'headless',
		async check({ run, userFolder, sandbox }) {
			const [script] = nodeOutput(run, 'Write the script');
			const scenes = (
				script.json.json as { scenes: Array<{ narration: string; imagePrompt: string }> }
			).scenes;
			expect(scenes.length).toBeGreaterThanOrEqual(2);
			expect(scenes.length).toBeLessThanOrEqual(3);
			expect(apiCalls(sandbox, '/v1/image_generation')).toHaveLength(scenes.length);
			// Image to video: every video task starts from the scene's image.
			const videoTasks = apiCalls(sandbox, '/v1/video_generation');
			expect(videoTasks).toHaveLength(scenes.length);
			for (const task of videoTasks)
				expect(String((task.body as { first_frame_image: string }).first_frame_image)).toMatch(
					/^data:image\/jpeg;base64,/,
				);
			const narrations = nodeOutput(run, 'Narrate the scene');
			expect(narrations.map((item) => item.json.mimeType)).toEqual(scenes.map(() => 'audio/mpeg'));
			expect(
				apiCalls(sandbox, '/v1/t2a_v2')
					.map((entry) => (entry.body as { text: string }).text)
					.sort(),
			).toEqual(scenes.map((scene) => scene.narration).sort());

			const [video] = nodeOutput(run, 'Read the video');
			expect(video.binary?.data).toMatchObject({
				mimeType: 'video/mp4',
				fileName: 'narrated-video.mp4',
			});
			const file = binaryPath(userFolder, video.binary!.data);
			const info = await probe(file);
			expect(info.streams.map((stream) => stream.codec_name).sort()).toEqual(['aac', 'h264']);
			expect(await probeVideo(file, { decode: true })).toMatchObject({
				width: 1280,
				height: 720,
				errors: [],
			});
			// Each scene lasts as long as its narration plus a 0.6 s pause.
			const expected = narrations.reduce(
				(sum, item) => sum + Number(item.json.durationSeconds) + 0.6,
				0,
			);
			expect(Math.abs(info.duration - expected)).toBeLessThan(0.5);
		},
	},

	'video-submit-with-callback.json': {
		kind: 'live',
		async run({ server, instance, sandbox }) {
			const trigger = exampleByFile('video-callback-trigger.json').workflow;
			await activateWorkflow(server, trigger.id);
			// The one value a user edits: their n8n's public URL (here the live test server).
			const submit = withSetting(
				exampleByFile('video-submit-with-callback.json').workflow,
				'n8nUrl',
				server.url,
			);
			await importWorkflow(instance, submit);
			const result = await executeWorkflow(instance, submit.id);
			if (!result.run || result.code !== 0)
				throw new Error(`submit failed (exit ${result.code})\n${result.output.slice(-2000)}`);
			const [submitted] = nodeOutput(result.run, 'Submit the video');
			const taskId = String(submitted.json.taskId);
			expect(taskId).toMatch(/^\d+$/);
			const [created] = apiCalls(sandbox, '/v1/video_generation');
			expect(created.body).toMatchObject({
				callback_url: `${server.url}/webhook/${trigger.nodes[0].webhookId}/minimax-callback?secret=change-this-callback-secret`,
			});

			const execution = await waitForExecution(server, trigger.id);
			const error = execution.data?.resultData.error;
			expect({
				status: execution.status,
				error: error && `${error.node?.name}: ${error.message}`,
			}).toEqual({ status: 'success', error: undefined });
			const runData = execution.data!.resultData.runData;
			const last = (name: string): ExecutedItem[] =>
				runData[name]?.[runData[name].length - 1]?.data?.main?.[0] ?? [];
			const [finished] = last('Video finished');
			expect(finished.json).toMatchObject({ taskId, status: 'Success' });
			expect(finished.binary?.data.mimeType).toBe('video/mp4');
			const [saved] = last('Save to disk');
			expect(saved.json.fileName).toBe(`.n8n-files/minimax-video-${taskId}.mp4`);
			const info = await probeVideo(
				join(instance.userFolder, '.n8n-files', `minimax-video-${taskId}.mp4`),
				{ decode: true },
			);
			expect(info).toMatchObject({ codec: 'h264', errors: [] });
			// The challenge was echoed, then every status change was delivered.
			const callbacks = videoStore(sandbox.state).callbacks.filter(
				(entry) => entry.taskId === taskId,
			);
			expect(callbacks.map((entry) => [entry.kind, entry.ok])).toEqual([
				['challenge', true],
				['status', true],
				['status', true],
			]);
		},
	},

	'video-callback-trigger.json': { kind: 'partOf', example: 'video-submit-with-callback.json' },
};
