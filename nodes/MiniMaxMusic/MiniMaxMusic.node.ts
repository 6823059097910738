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

export class MiniMaxMusic implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'MiniMax Music',
		name: 'miniMaxMusic',
		icon: { light: 'file:../../icons/minimax.svg', dark: 'file:../../icons/minimax.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: operationSubtitle(properties),
		description:
			'Generate songs (with your lyrics, lyrics MiniMax writes, or instrumental), covers of a reference song, and song lyrics with MiniMax. Returns the song as an MP3/WAV/PCM binary with its duration. Billed per song; a song can take minutes.',
		defaults: { name: 'MiniMax Music' },
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
