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

export class MiniMaxVoiceClone implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'MiniMax Voice Clone',
		name: 'miniMaxVoiceClone',
		icon: { light: 'file:../../icons/minimax.svg', dark: 'file:../../icons/minimax.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: operationSubtitle(properties),
		description:
			'Clone a voice from an audio sample with MiniMax and get its voice ID for Text to Speech. Billed: cloning is charged on the first real use of the voice, and the preview like speech. Only clone voices you have the right to use.',
		defaults: { name: 'MiniMax Voice Clone' },
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
