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

export class MiniMaxVoiceDesign implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'MiniMax Voice Design',
		name: 'miniMaxVoiceDesign',
		icon: { light: 'file:../../icons/minimax.svg', dark: 'file:../../icons/minimax.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: operationSubtitle(properties),
		description:
			'Design a new voice from a text description with MiniMax and get its voice ID for Text to Speech, plus a preview audio. Billed per design (the preview text is charged).',
		defaults: { name: 'MiniMax Voice Design' },
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
