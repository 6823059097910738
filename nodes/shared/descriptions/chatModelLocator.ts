import type { INodeProperties } from 'n8n-workflow';

import { DEFAULT_CHAT_MODEL } from '../chat/models';

/** The Model resource locator (list from searchChatModels, or an ID); overrides are spread last. */
export function chatModelLocator(overrides: Partial<INodeProperties> = {}): INodeProperties {
	return {
		displayName: 'Model',
		name: 'model',
		type: 'resourceLocator',
		default: { mode: 'list', value: DEFAULT_CHAT_MODEL },
		required: true,
		description:
			'The MiniMax chat model. MiniMax-M1 and MiniMax-Text-01 are served by the native API.',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchChatModels', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. MiniMax-M2.7',
			},
		],
		...overrides,
	};
}
