import type { IDataObject, INodeListSearchResult } from 'n8n-workflow';

import { MiniMaxTextToSpeech } from '../../../nodes/MiniMaxTextToSpeech/MiniMaxTextToSpeech.node';
import {
	apiRequests,
	credentialsFor,
	loadOptionsContext,
	readyVoices,
	run,
	runOk,
	tts,
	useSandbox,
} from '../helpers';

const sandbox = useSandbox();

describe('Text to Speech › voices', () => {
	beforeEach(() => readyVoices(sandbox()));

	it('lists the voice locator with cloned and designed voices first, searchable', async () => {
		const node = new MiniMaxTextToSpeech();
		const context = loadOptionsContext(credentialsFor(sandbox()).miniMaxApi as IDataObject);
		const all = (await node.methods.listSearch.searchVoices.call(context)) as INodeListSearchResult;
		expect(all.results[0]).toMatchObject({ name: 'Cloned: MyNarrator01', value: 'MyNarrator01' });
		expect(all.results[1]).toMatchObject({
			name: 'Designed: ttv-voice-2026112100000001',
			value: 'ttv-voice-2026112100000001',
		});
		expect(all.results.find((result) => result.value === 'English_expressive_narrator')?.name).toBe(
			'Expressive Narrator (English_expressive_narrator)',
		);
		expect(all.results.length).toBeGreaterThan(20);

		const filtered = (await node.methods.listSearch.searchVoices.call(
			context,
			'narrator',
		)) as INodeListSearchResult;
		expect(filtered.results.map((result) => result.value).sort()).toEqual([
			'English_expressive_narrator',
			'MyNarrator01',
		]);
		expect(apiRequests(sandbox(), '/v1/get_voice').map((entry) => entry.body)).toEqual([
			{ voice_type: 'all' },
			{ voice_type: 'all' },
		]);
	});

	it('lists voices by type as items', async () => {
		const cloned = await runOk(
			sandbox(),
			tts({ operation: 'listVoices', voiceType: 'voice_cloning' }),
		);
		expect(cloned.map((item) => item.json)).toEqual([
			expect.objectContaining({ voiceId: 'MyNarrator01', type: 'cloned', name: 'MyNarrator01' }),
		]);
		const all = await runOk(sandbox(), tts({ operation: 'listVoices', voiceType: 'all' }));
		expect(new Set(all.map((item) => item.json.type))).toEqual(
			new Set(['cloned', 'designed', 'system']),
		);
		const limited = await runOk(
			sandbox(),
			tts({ operation: 'listVoices', returnAll: false, limit: 3 }),
		);
		expect(limited).toHaveLength(3);
		expect(
			limited.every((item) => item.pairedItem && (item.pairedItem as { item: number }).item === 0),
		).toBe(true);
	});

	it('speaks with a cloned voice picked from the list', async () => {
		const [item] = await runOk(
			sandbox(),
			tts({ text: 'My own voice.', voice: { __rl: true, mode: 'list', value: 'MyNarrator01' } }),
		);
		expect(item.json.voiceId).toBe('MyNarrator01');
		expect(
			(apiRequests(sandbox(), '/v1/t2a_v2')[0].body as { voice_setting: IDataObject }).voice_setting
				.voice_id,
		).toBe('MyNarrator01');
	});

	it('surfaces an unknown voice as MiniMax error 2054 with a hint', async () => {
		const result = await run(
			sandbox(),
			tts({ text: 'Who?', voice: { __rl: true, mode: 'id', value: 'Nobody_Voice' } }),
		);
		expect(result.error?.message).toMatch(/\(2054\)/);
		expect((result.error as { description?: string }).description).toMatch(/does not exist/);
	});
});
