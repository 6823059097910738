import type { IDataObject, INodeListSearchResult } from 'n8n-workflow';

import { MiniMaxChat } from '../../../nodes/MiniMaxChat/MiniMaxChat.node';
import { MiniMaxChatModel } from '../../../nodes/MiniMaxChatModel/MiniMaxChatModel.node';
import { modelsStore, UNRELEASED_MODEL, type ModelsMode } from '../../sandbox/families/chat/models';
import { apiRequests, credentialsFor, loadOptionsContext, useSandbox } from '../helpers';

const sandbox = useSandbox();

async function pick(
	node: MiniMaxChat | MiniMaxChatModel,
	filter?: string,
	credentials?: IDataObject,
): Promise<INodeListSearchResult> {
	const context = loadOptionsContext(
		credentials ?? (credentialsFor(sandbox()).miniMaxApi as IDataObject),
	);
	return (await node.methods.listSearch.searchChatModels.call(
		context,
		filter,
	)) as INodeListSearchResult;
}

const values = (result: INodeListSearchResult) => result.results.map((entry) => entry.value);

describe('Chat and Chat Model › live model pickers (GET /v1/models)', () => {
	it('both pickers call /v1/models once and list the new preview model with the built-in ones', async () => {
		for (const node of [new MiniMaxChat(), new MiniMaxChatModel()]) {
			sandbox().reset();
			const result = await pick(node);
			expect(apiRequests(sandbox(), '/v1/models')).toHaveLength(1);
			expect(values(result)).toEqual(
				expect.arrayContaining(['MiniMax-M3.1-Flash-Preview', 'MiniMax-M3', 'MiniMax-M1']),
			);
			expect(result.results.find((entry) => entry.value === 'MiniMax-M2')?.name).toBe(
				'MiniMax-M2 (legacy)',
			);
		}
	});

	it('shows ids only the account lists (no release needed) and leaves out non-chat ids', async () => {
		modelsStore(sandbox().state).mode = 'extra';
		const result = await pick(new MiniMaxChat());
		expect(values(result)).toContain(UNRELEASED_MODEL);
		expect(values(result)).not.toContain('speech-2.8-hd');
		expect(values(result)).not.toContain('MiniMax-Hailuo-02');
		expect(values(result)).not.toContain('embo-01');
		const searched = await pick(new MiniMaxChat(), 'm3.5');
		expect(values(searched)).toEqual([UNRELEASED_MODEL]);
	});

	it('keeps the built-in models a lagging list lacks', async () => {
		modelsStore(sandbox().state).mode = 'lagging';
		const result = await pick(new MiniMaxChatModel());
		expect(values(result)).toEqual(
			expect.arrayContaining(['MiniMax-M3', 'MiniMax-M3.1-Flash-Preview', 'MiniMax-Text-01']),
		);
	});

	it.each<ModelsMode>(['http_404', 'http_500', 'garbage', 'no_data'])(
		'%s: the picker still opens with the built-in list, after one attempt',
		async (mode) => {
			modelsStore(sandbox().state).mode = mode;
			const result = await pick(new MiniMaxChat());
			expect(values(result)).toEqual(
				expect.arrayContaining(['MiniMax-M2.7', 'MiniMax-M3.1-Flash-Preview', 'MiniMax-M2']),
			);
			expect(values(result)).not.toContain(UNRELEASED_MODEL);
			expect(apiRequests(sandbox(), '/v1/models')).toHaveLength(1);
		},
	);

	it('a wrong key or an unreachable host still gives the built-in list', async () => {
		const wrongKey = await pick(new MiniMaxChat(), 'flash', {
			...(credentialsFor(sandbox()).miniMaxApi as IDataObject),
			apiKey: 'sk-wrong',
		});
		expect(values(wrongKey)).toEqual(['MiniMax-M3.1-Flash-Preview']);
		const unreachable = await pick(new MiniMaxChat(), undefined, {
			...(credentialsFor(sandbox()).miniMaxApi as IDataObject),
			customBaseUrl: 'http://127.0.0.1:9',
		});
		expect(values(unreachable)).toContain('MiniMax-M2.7');
	});
});
