import { listedModelIds, mergeChatModels } from '../../../../nodes/shared/chat/modelList';
import { CHAT_MODELS, DEFAULT_CHAT_MODEL } from '../../../../nodes/shared/chat/models';

const ids = (entries: Array<{ id: string }>) => entries.map((entry) => entry.id);

describe('chat model list: merging GET /v1/models with the built-in list', () => {
	it('without a live list (call failed) gives the built-in list, legacy models labelled and last', () => {
		const merged = mergeChatModels(undefined);
		expect(ids(merged).sort()).toEqual(ids(CHAT_MODELS).sort());
		expect(merged.every((entry) => !entry.listed)).toBe(true);
		const legacy = merged.filter((entry) => entry.legacy);
		expect(ids(legacy)).toEqual(['MiniMax-M2.1', 'MiniMax-M2.1-highspeed', 'MiniMax-M2']);
		expect(legacy.map((entry) => entry.name)).toEqual([
			'MiniMax-M2.1 (legacy)',
			'MiniMax-M2.1-highspeed (legacy)',
			'MiniMax-M2 (legacy)',
		]);
		expect(ids(merged.slice(-3))).toEqual(ids(legacy));
		expect(merged.find((entry) => entry.id === 'MiniMax-M1')?.name).toBe('MiniMax-M1 (native API)');
	});

	it('keeps built-in models a lagging live list lacks, and marks the listed ones', () => {
		const merged = mergeChatModels(['MiniMax-M2.7', 'minimax-m2.5']);
		expect(ids(merged)).toContain('MiniMax-M3.1-Flash-Preview');
		expect(merged.find((entry) => entry.id === 'MiniMax-M2.5')?.listed).toBe(true);
		expect(merged.find((entry) => entry.id === 'MiniMax-M3')?.listed).toBe(false);
		// Case-insensitive: no duplicate for "minimax-m2.5".
		expect(ids(merged).filter((id) => id.toLowerCase() === 'minimax-m2.5')).toHaveLength(1);
	});

	it('adds ids only the live list knows after the current models and before the legacy ones', () => {
		const merged = mergeChatModels(['MiniMax-M4-Preview', 'MiniMax-M2.7', 'MiniMax-M4-Preview']);
		const position = ids(merged).indexOf('MiniMax-M4-Preview');
		expect(ids(merged).filter((id) => id === 'MiniMax-M4-Preview')).toHaveLength(1);
		expect(position).toBeGreaterThan(ids(merged).indexOf('MiniMax-Text-01'));
		expect(position).toBeLessThan(ids(merged).indexOf('MiniMax-M2'));
		expect(merged[position]).toMatchObject({ name: 'MiniMax-M4-Preview', listed: true });
	});

	it('reads OpenAI-style bodies, drops non-chat ids, and refuses bodies without a data list', () => {
		expect(
			listedModelIds({
				object: 'list',
				data: [
					{ id: 'MiniMax-M3.1-Flash-Preview', object: 'model' },
					{ id: 'speech-2.8-hd' },
					{ id: 'MiniMax-Hailuo-02' },
					{ id: 'MiniMax-H3' },
					{ id: 'embo-01' },
					{ id: '' },
					{ id: 42 },
					null,
				],
			}),
		).toEqual(['MiniMax-M3.1-Flash-Preview']);
		expect(listedModelIds({ object: 'list', models: [] })).toBeUndefined();
		expect(listedModelIds('<html>')).toBeUndefined();
		expect(listedModelIds(null)).toBeUndefined();
	});

	it('never makes a legacy model the default', () => {
		const legacy = CHAT_MODELS.filter((model) => model.legacy).map((model) => model.id);
		expect(legacy).toEqual(expect.arrayContaining(['MiniMax-M2', 'MiniMax-M2.1']));
		expect(legacy).not.toContain(DEFAULT_CHAT_MODEL);
	});
});
