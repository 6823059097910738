import { type AxiosInstance } from 'axios';

import { type Sandbox } from '../..';
import { sineWav } from '../../../support/audioSamples';
import { useSandbox } from '../../testing';

let sandbox: Sandbox;
let api: AxiosInstance;

useSandbox((started, client) => {
	sandbox = started;
	api = client;
});

async function upload(purpose: string, seconds: number, name = 'a.wav'): Promise<number> {
	const form = new FormData();
	form.append('purpose', purpose);
	form.append('file', new Blob([sineWav(seconds)], { type: 'audio/wav' }), name);
	const res = await api.post('/v1/files/upload', form);
	expect(res.data.base_resp.status_code).toBe(0);
	return res.data.file.file_id as number;
}

const code = (res: { data: { base_resp: { status_code: number } } }) =>
	res.data.base_resp.status_code;

describe('voice_clone', () => {
	it('clones, hides the voice until its first TTS use, and serves a preview link', async () => {
		const fileId = await upload('voice_clone', 12);
		const res = await api.post('/v1/voice_clone', {
			file_id: fileId,
			voice_id: 'SandboxVoice1',
			text: 'Preview.',
			model: 'speech-2.8-hd',
		});
		expect(code(res)).toBe(0);
		expect(res.data.demo_audio).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/dl\//);
		expect(sandbox.log.at(-1)).toMatchObject({ billable: true, jobId: 'SandboxVoice1' });

		const before = await api.post('/v1/get_voice', { voice_type: 'voice_cloning' });
		expect(before.data.voice_cloning).toEqual([]);
		const tts = await api.post('/v1/t2a_v2', {
			model: 'speech-2.8-hd',
			text: 'First use.',
			voice_setting: { voice_id: 'SandboxVoice1' },
		});
		expect(code(tts)).toBe(0);
		const after = await api.post('/v1/get_voice', { voice_type: 'voice_cloning' });
		expect(after.data.voice_cloning.map((v: { voice_id: string }) => v.voice_id)).toEqual([
			'SandboxVoice1',
		]);
	});

	it('enforces docs/minimax-api.md strictly', async () => {
		const sample = await upload('voice_clone', 12);
		const short = await upload('voice_clone', 4);
		const prompt = await upload('prompt_audio', 3);
		const longPrompt = await upload('prompt_audio', 9);
		const cases: Array<[Record<string, unknown>, number, RegExp]> = [
			[{ file_id: sample, voice_id: 'short' }, 2013, /voice_id/],
			[{ file_id: sample, voice_id: '9StartsWithDigit' }, 2013, /voice_id/],
			[{ file_id: sample, voice_id: 'EndsWithDash-' }, 2013, /voice_id/],
			[{ file_id: String(sample), voice_id: 'StringFileId1' }, 2013, /file_id/],
			[{ file_id: 123, voice_id: 'MissingFile01' }, 2013, /does not exist/],
			[
				{ file_id: prompt, voice_id: 'WrongPurpose1' },
				2013,
				/purpose prompt_audio, expected voice_clone/,
			],
			[{ file_id: short, voice_id: 'TooShortVoice' }, 2037, /duration/],
			[{ file_id: sample, voice_id: 'NoModelVoice1', text: 'Hi' }, 2013, /model/],
			[
				{
					file_id: sample,
					voice_id: 'LongPrompt001',
					clone_prompt: { prompt_audio: longPrompt, prompt_text: 'x' },
				},
				2048,
				/prompt audio too long/,
			],
			[
				{ file_id: sample, voice_id: 'NoPromptText1', clone_prompt: { prompt_audio: prompt } },
				2013,
				/prompt_text/,
			],
			[{ file_id: sample, voice_id: 'BadAccuracy01', accuracy: 2 }, 2013, /accuracy/],
		];
		for (const [body, expected, message] of cases) {
			const res = await api.post('/v1/voice_clone', body);
			expect([JSON.stringify(body), code(res)]).toEqual([JSON.stringify(body), expected]);
			expect(res.data.base_resp.status_msg).toMatch(message);
		}
		expect(sandbox.log.filter((entry) => entry.billable)).toHaveLength(0);

		expect(
			code(await api.post('/v1/voice_clone', { file_id: sample, voice_id: 'TakenVoice01' })),
		).toBe(0);
		expect(
			code(await api.post('/v1/voice_clone', { file_id: sample, voice_id: 'TakenVoice01' })),
		).toBe(2039);
		await api.post('/v1/delete_voice', { voice_type: 'voice_cloning', voice_id: 'TakenVoice01' });
		expect(
			code(await api.post('/v1/voice_clone', { file_id: sample, voice_id: 'TakenVoice01' })),
		).toBe(2039);
	});
});

describe('voice_design', () => {
	it('designs a voice with hex trial audio, listed at once and usable by TTS', async () => {
		const res = await api.post('/v1/voice_design', {
			prompt: 'A calm old wizard.',
			preview_text: 'You shall pass.',
		});
		expect(code(res)).toBe(0);
		expect(res.data.voice_id).toMatch(/^ttv-voice-\d{16}-[0-9a-f]{8}$/);
		expect(Buffer.from(res.data.trial_audio, 'hex').length).toBeGreaterThan(1000);
		const listed = await api.post('/v1/get_voice', { voice_type: 'voice_generation' });
		expect(listed.data.voice_generation[0].voice_id).toBe(res.data.voice_id);
		const tts = await api.post('/v1/t2a_v2', {
			model: 'speech-2.8-hd',
			text: 'Hello.',
			voice_setting: { voice_id: res.data.voice_id },
		});
		expect(code(tts)).toBe(0);
	});

	it('validates prompt, preview length and voice id', async () => {
		expect(code(await api.post('/v1/voice_design', { preview_text: 'x' }))).toBe(2013);
		expect(
			code(await api.post('/v1/voice_design', { prompt: 'p', preview_text: 'x'.repeat(501) })),
		).toBe(2013);
		expect(
			code(
				await api.post('/v1/voice_design', { prompt: 'p', preview_text: 'x', voice_id: 'bad id' }),
			),
		).toBe(2013);
		expect(
			code(
				await api.post('/v1/voice_design', {
					prompt: 'p',
					preview_text: 'x',
					voice_id: 'Designed0001',
				}),
			),
		).toBe(0);
		expect(
			code(
				await api.post('/v1/voice_design', {
					prompt: 'p',
					preview_text: 'x',
					voice_id: 'Designed0001',
				}),
			),
		).toBe(2039);
	});
});
