import { NodeConnectionTypes } from 'n8n-workflow';
import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import { operationSubtitle } from '../shared/descriptions/subtitle';
import { runOperation } from '../shared/router';
import { searchVoices } from '../shared/methods/searchVoices';
import { operations, properties } from './actions';

export class MiniMaxTextToSpeech implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'MiniMax Text to Speech',
		name: 'miniMaxTextToSpeech',
		icon: { light: 'file:../../icons/minimax.svg', dark: 'file:../../icons/minimax.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: operationSubtitle(properties),
		description:
			'Turn text into natural speech with MiniMax and get an audio file (MP3, WAV, FLAC or PCM) with subtitles. Generating speech is billed per character.',
		defaults: { name: 'MiniMax Text to Speech' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		credentials: [{ name: 'miniMaxApi', required: true }],
		properties,
	};

	methods = { listSearch: { searchVoices } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await runOperation(this, operations, this.getNodeParameter('operation', 0) as string);
	}
}
