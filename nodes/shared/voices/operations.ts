import { updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { maxRetriesOption, retryDelayOption, returnAllAndLimit } from '../descriptions/options';
import { InputValidator } from '../validation';
import { deleteVoice, fetchVoices, VOICE_TYPES, type CustomVoiceType } from './api';

export interface VoiceOperation {
	description: INodeProperties[];
	execute: (this: IExecuteFunctions, itemIndex: number) => Promise<INodeExecutionData[]>;
}

const KIND_NAME: Record<CustomVoiceType, string> = {
	voice_cloning: 'cloned',
	voice_generation: 'designed',
};

const retryOptions: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [maxRetriesOption, retryDelayOption],
};

const voiceTypeProperty: INodeProperties = {
	displayName: 'Voice Type',
	name: 'voiceType',
	type: 'options',
	default: 'all',
	options: [
		{ name: 'All', value: 'all' },
		{ name: 'System', value: 'system' },
		{
			name: 'Cloned',
			value: 'voice_cloning',
			description: 'Your cloned voices (shown after their first use)',
		},
		{
			name: 'Designed',
			value: 'voice_generation',
			description: 'Your voices made with Voice Design',
		},
	],
};

/**
 * "List voices": one item per voice. With a fixed type (cloned or designed) the operation lists
 * only those; without one the user picks the type.
 */
export function listVoicesOperation(
	operation: string,
	voiceType?: CustomVoiceType,
): VoiceOperation {
	const properties: INodeProperties[] = [
		...(voiceType ? [] : [voiceTypeProperty]),
		...returnAllAndLimit(true),
		retryOptions,
	];
	return {
		description: updateDisplayOptions({ show: { operation: [operation] } }, properties),
		async execute(this: IExecuteFunctions, itemIndex: number) {
			const check = new InputValidator(this.getNode(), itemIndex);
			const type =
				voiceType ??
				check.oneOf('Voice Type', this.getNodeParameter('voiceType', itemIndex), VOICE_TYPES);
			const returnAll = this.getNodeParameter('returnAll', itemIndex, true) as boolean;
			const limit = returnAll
				? Infinity
				: check.number('Limit', this.getNodeParameter('limit', itemIndex, 50), {
						min: 1,
						integer: true,
					});
			const voices = await fetchVoices(this, type, itemIndex);
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
		},
	};
}

/** "Delete a cloned/designed voice" by ID. */
export function deleteVoiceOperation(
	operation: string,
	voiceType: CustomVoiceType,
): VoiceOperation {
	const properties: INodeProperties[] = [
		{
			displayName: 'Voice ID',
			name: 'voiceId',
			type: 'string',
			default: '',
			required: true,
			description: `The ID of the ${KIND_NAME[voiceType]} voice to delete. Deleted IDs cannot be used again.`,
		},
		retryOptions,
	];
	return {
		description: updateDisplayOptions({ show: { operation: [operation] } }, properties),
		async execute(this: IExecuteFunctions, itemIndex: number) {
			const check = new InputValidator(this.getNode(), itemIndex);
			const voiceId = check.id('Voice ID', this.getNodeParameter('voiceId', itemIndex), {
				max: 256,
			});
			const result = await deleteVoice(this, voiceType, voiceId, itemIndex);
			return [
				{
					json: {
						voiceId: result.voiceId,
						type: KIND_NAME[voiceType],
						deleted: true,
						createdTime: result.createdTime,
					},
					pairedItem: { item: itemIndex },
				},
			];
		},
	};
}
