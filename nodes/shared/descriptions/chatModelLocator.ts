import type { INodeProperties } from 'n8n-workflow';

import { DEFAULT_CHAT_MODEL } from '../chat/models';

/** Which models a Model locator offers: every chat model, or the batch (native API) ones. */
export interface ChatModelPicker {
	defaultModel: string;
	searchListMethod: 'searchChatModels' | 'searchBatchChatModels';
}

const ALL_MODELS: ChatModelPicker = {
	defaultModel: DEFAULT_CHAT_MODEL,
	searchListMethod: 'searchChatModels',
};

/** The Model resource locator (list from the picker's search, or an ID); overrides are spread last. */
export function chatModelLocator(
	overrides: Partial<INodeProperties> = {},
	picker: ChatModelPicker = ALL_MODELS,
): INodeProperties {
	return {
		displayName: 'Model',
		name: 'model',
		type: 'resourceLocator',
		default: { mode: 'list', value: picker.defaultModel },
		required: true,
		description:
			'The MiniMax chat model. MiniMax-M1 and MiniMax-Text-01 are served by the native API.',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: picker.searchListMethod, searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: `e.g. ${picker.defaultModel}`,
			},
		],
		...overrides,
	};
}
