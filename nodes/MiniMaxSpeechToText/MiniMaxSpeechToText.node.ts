import { NodeConnectionTypes } from 'n8n-workflow';
import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import { operationSubtitle } from '../shared/descriptions/subtitle';
import { runOperation } from '../shared/router';
import { operations, properties } from './actions';

export class MiniMaxSpeechToText implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'MiniMax Speech to Text',
		name: 'miniMaxSpeechToText',
		icon: { light: 'file:../../icons/minimax.svg', dark: 'file:../../icons/minimax.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: operationSubtitle(properties),
		description:
			'Transcribe speech in an audio or video file (binary input or URL, up to 50 MB) with MiniMax asr-1.0: text, language, timestamped segments with optional speaker labels, and SRT/VTT subtitle files. Billed by MiniMax per transcribed file (by audio length).',
		defaults: { name: 'MiniMax Speech to Text' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		credentials: [{ name: 'miniMaxApi', required: true }],
		properties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await runOperation(this, operations, this.getNodeParameter('operation', 0) as string);
	}
}
