import type { IDataObject } from 'n8n-workflow';

import { MiniMaxTextToSpeech } from '../../../nodes/MiniMaxTextToSpeech/MiniMaxTextToSpeech.node';
import { readBinary, runWorkflow } from '../../harness';
import { probe } from '../../support/ffprobe';
import {
	apiRequests,
	credentialsFor,
	DESIGN_TYPE,
	loadOptionsContext,
	pipeline,
	run,
	runOk,
	TTS_TYPE,
	useSandbox,
} from '../helpers';

const sandbox = useSandbox();

function design(parameters: IDataObject) {
	return { type: DESIGN_TYPE, parameters };
}

describe('Voice Design', () => {
	it('designs a voice, returns its preview, and Text to Speech speaks with it', async () => {
		const workflow = pipeline([
			{
				name: 'Design',
				type: DESIGN_TYPE,
				parameters: {
					prompt: 'A warm, calm narrator with a low voice.',
					previewText: 'Once upon a time.',
				},
			},
			{
				name: 'Speak',
				type: TTS_TYPE,
				parameters: {
					text: 'The designed voice speaks.',
					voice: { __rl: true, mode: 'id', value: '={{ $json.voiceId }}' },
				},
			},
		]);
		const result = await runWorkflow(workflow, { credentials: credentialsFor(sandbox()) });
		expect(result.status).toBe('success');
		const [designed] = result.output('Design');
		expect(designed.json.voiceId).toMatch(/^ttv-voice-/);
		expect(designed.binary!.data).toMatchObject({
			mimeType: 'audio/mpeg',
			fileExtension: 'mp3',
			fileName: `${designed.json.voiceId}-preview.mp3`,
		});
		expect((await probe(await readBinary(designed.binary!.data), { decode: true })).errors).toEqual(
			[],
		);
		expect(apiRequests(sandbox(), '/v1/voice_design')[0].body).toEqual({
			prompt: 'A warm, calm narrator with a low voice.',
			preview_text: 'Once upon a time.',
		});

		const [spoken] = result.output('Speak');
		expect(spoken.json.voiceId).toBe(designed.json.voiceId);

		const listed = await runOk(sandbox(), design({ operation: 'list' }));
		expect(listed.map((item) => item.json.voiceId)).toEqual([designed.json.voiceId]);
		const locator = await new MiniMaxTextToSpeech().methods.listSearch.searchVoices.call(
			loadOptionsContext(credentialsFor(sandbox()).miniMaxApi as IDataObject),
		);
		expect(locator.results[0]).toMatchObject({
			name: `Designed: ${designed.json.voiceId}`,
			value: designed.json.voiceId,
		});
	});

	it('uses a voice ID the user chooses', async () => {
		const [item] = await runOk(
			sandbox(),
			design({ prompt: 'Bright.', previewText: 'Hi!', voiceId: 'BrightVoice01' }),
		);
		expect(item.json.voiceId).toBe('BrightVoice01');
		expect(apiRequests(sandbox(), '/v1/voice_design')[0].body).toMatchObject({
			voice_id: 'BrightVoice01',
		});
	});

	it('surfaces a duplicate voice ID as MiniMax 2039', async () => {
		sandbox().state.addDesignedVoice('BrightVoice01');
		const result = await run(
			sandbox(),
			design({ prompt: 'Bright.', previewText: 'Hi!', voiceId: 'BrightVoice01' }),
		);
		expect(result.error?.message).toMatch(/\(2039\)/);
	});

	it.each([
		[
			'an empty description',
			{ prompt: '={{ "" }}', previewText: 'Hi' },
			/"Voice Description" for item 0: it is empty/,
		],
		[
			'a preview over 500 characters',
			{ prompt: 'Calm.', previewText: 'x'.repeat(501) },
			/"Preview Text" for item 0: it has 501 characters, the maximum is 500/,
		],
		[
			'an invalid voice ID',
			{ prompt: 'Calm.', previewText: 'Hi', voiceId: 'my voice' },
			/"Voice ID" for item 0/,
		],
	])('rejects %s before any request', async (_label, parameters, message) => {
		const result = await run(sandbox(), design(parameters));
		expect(result.error?.message).toMatch(message);
		expect(apiRequests(sandbox())).toHaveLength(0);
	});

	it('lists and deletes designed voices', async () => {
		sandbox().state.addDesignedVoice('ttv-voice-1');
		const [deleted] = await runOk(
			sandbox(),
			design({ operation: 'delete', voiceId: 'ttv-voice-1' }),
		);
		expect(deleted.json).toMatchObject({ voiceId: 'ttv-voice-1', type: 'designed', deleted: true });
		expect(apiRequests(sandbox(), '/v1/delete_voice')[0].body).toEqual({
			voice_type: 'voice_generation',
			voice_id: 'ttv-voice-1',
		});
		expect(await runOk(sandbox(), design({ operation: 'list' }))).toEqual([]);
	});
});
