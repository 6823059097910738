import type { INodeProperties } from 'n8n-workflow';

import { DEFAULT_VOICE_ID } from './speech';

/** The Voice resource locator (list from searchVoices, or an ID); overrides are spread last. */
export function voiceLocator(overrides: Partial<INodeProperties> = {}): INodeProperties {
	return {
		displayName: 'Voice',
		name: 'voice',
		type: 'resourceLocator',
		default: { mode: 'list', value: DEFAULT_VOICE_ID },
		required: true,
		description: 'System voices, plus the voices you cloned or designed',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchVoices', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. English_expressive_narrator',
			},
		],
		...overrides,
	};
}
