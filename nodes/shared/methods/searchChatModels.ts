import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { CHAT_MODELS } from '../chat/models';

/** List search for the Model locator of the Chat and Chat Model nodes (the known chat models). */
export async function searchChatModels(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const needle = filter?.trim().toLowerCase();
	return {
		results: CHAT_MODELS.filter(
			(model) =>
				!needle ||
				model.id.toLowerCase().includes(needle) ||
				model.description.toLowerCase().includes(needle),
		).map((model) => ({
			name: model.native ? `${model.id} (native API)` : model.id,
			value: model.id,
			description: model.description,
		})),
	};
}
