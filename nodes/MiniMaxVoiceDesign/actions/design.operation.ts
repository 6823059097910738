import { updateDisplayOptions } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { toOutputBinary } from '../../shared/media/binary';
import { miniMaxApiError } from '../../shared/transport/errors';
import {
	concurrencyOption,
	maxRateLimitWaitOption,
	maxRetriesOption,
	outputFieldOption,
	readCommonOptions,
	requestsPerMinuteOption,
	retryDelayOption,
} from '../../shared/descriptions/options';
import { miniMaxRequest, type MiniMaxResponse } from '../../shared/transport/request';
import { InputValidator } from '../../shared/validation';
import { GENERATION_TIMEOUT_MS } from '../../shared/transport/consts';

const properties: INodeProperties[] = [
	{
		displayName: 'Voice Description',
		name: 'prompt',
		type: 'string',
		default: '',
		required: true,
		typeOptions: { rows: 3 },
		placeholder: 'e.g. A warm, calm female narrator in her forties with a slight British accent',
		description: 'What the voice should sound like: gender, age, accent, tone, pace, character',
	},
	{
		displayName: 'Preview Text',
		name: 'previewText',
		type: 'string',
		default: '',
		required: true,
		typeOptions: { rows: 2 },
		description: 'Up to 500 characters spoken with the new voice and returned as audio (billed)',
	},
	{
		displayName: 'Voice ID',
		name: 'voiceId',
		type: 'string',
		default: '',
		placeholder: 'e.g. WarmNarrator01',
		description:
			'Optional ID for the new voice: 8–256 characters, starting with a letter, letters, digits, - and _ only, not ending in - or _. Leave empty and MiniMax generates one.',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			concurrencyOption,
			maxRateLimitWaitOption,
			maxRetriesOption,
			outputFieldOption,
			requestsPerMinuteOption('voiceDesign'),
			retryDelayOption,
		],
	},
];

export const description = updateDisplayOptions({ show: { operation: ['design'] } }, properties);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const check = new InputValidator(this.getNode(), itemIndex);
	const common = readCommonOptions(this.getNodeParameter('options', itemIndex, {}) as IDataObject);
	const prompt = check.text('Voice Description', this.getNodeParameter('prompt', itemIndex), {
		min: 1,
		max: 2000,
	});
	const previewText = check.text('Preview Text', this.getNodeParameter('previewText', itemIndex), {
		min: 1,
		max: 500,
	});
	const rawId = check.textFrom('Voice ID', this.getNodeParameter('voiceId', itemIndex, '')).trim();
	const body: IDataObject = { prompt, preview_text: previewText };
	if (rawId) body.voice_id = check.customVoiceId('Voice ID', rawId);

	const { body: response, traceId } = (await miniMaxRequest.call(this, {
		method: 'POST',
		path: '/v1/voice_design',
		body,
		itemIndex,
		createsJob: true,
		timeoutMs: GENERATION_TIMEOUT_MS,
	})) as MiniMaxResponse<{ voice_id?: string; trial_audio?: string }>;

	const voiceId = response.voice_id || rawId;
	const hex = response.trial_audio ?? '';
	if (!voiceId || !hex || hex.length % 2 !== 0 || !/^[0-9a-fA-F]+$/.test(hex)) {
		throw miniMaxApiError(this.getNode(), {
			message: voiceId ? 'MiniMax returned no valid preview audio' : 'MiniMax returned no voice ID',
			traceId,
			itemIndex,
		});
	}
	const audio = Buffer.from(hex, 'hex');
	const fileName = `${voiceId}-preview.mp3`;
	return [
		{
			json: {
				voiceId,
				fileName,
				mimeType: 'audio/mpeg',
				fileSizeBytes: audio.length,
				previewCharacters: [...previewText].length,
				traceId,
				note: `Use voice ID "${voiceId}" in MiniMax Text to Speech (it is listed under Designed voices).`,
			},
			binary: {
				[common.outputField]: await toOutputBinary(this, audio, {
					fileName,
					mimeType: 'audio/mpeg',
					extension: 'mp3',
				}),
			},
			pairedItem: { item: itemIndex },
		},
	];
}
