import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { maxRetriesOption, readCommonOptions, retryDelayOption } from '../../shared/options';
import { InputValidator } from '../../shared/validation';
import { fetchVoices, VOICE_TYPES } from '../../shared/voices';

const properties: INodeProperties[] = [
	{
		displayName: 'Voice Type',
		name: 'voiceType',
		type: 'options',
		default: 'all',
		options: [
			{ name: 'All', value: 'all' },
			{ name: 'System', value: 'system' },
			{ name: 'Cloned', value: 'voice_cloning', description: 'Your cloned voices (shown after their first use)' },
			{ name: 'Designed', value: 'voice_generation', description: 'Your voices made with Voice Design' },
		],
	},
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: true,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		default: 50,
		typeOptions: { minValue: 1 },
		displayOptions: { show: { returnAll: [false] } },
		description: 'Max number of results to return',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [maxRetriesOption, retryDelayOption],
	},
];

export const description = updateDisplayOptions({ show: { operation: ['listVoices'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const check = new InputValidator(this.getNode(), itemIndex);
	const voiceType = check.oneOf('Voice Type', this.getNodeParameter('voiceType', itemIndex), VOICE_TYPES);
	const returnAll = this.getNodeParameter('returnAll', itemIndex, true) as boolean;
	const limit = returnAll
		? Infinity
		: check.number('Limit', this.getNodeParameter('limit', itemIndex, 50), { min: 1, integer: true });
	const { retry } = readCommonOptions(this.getNodeParameter('options', itemIndex, {}) as IDataObject);
	const voices = await fetchVoices(this, voiceType, itemIndex, retry);
	return voices.slice(0, limit).map((voice) => ({
		json: {
			voiceId: voice.voiceId,
			name: voice.name,
			type: voice.kind,
			description: voice.description.join(' '),
			createdTime: voice.createdTime,
		},
		pairedItem: { item: itemIndex },
	}));
}
