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

export class MiniMaxImage implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'MiniMax Image',
		name: 'miniMaxImage',
		icon: { light: 'file:../../icons/minimax.svg', dark: 'file:../../icons/minimax.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: operationSubtitle(properties),
		description:
			'Generate images from a text prompt with MiniMax (image-01), optionally keeping a character from a reference portrait. Returns one item per image (JPEG/PNG binary plus its link). Billed per image.',
		defaults: { name: 'MiniMax Image' },
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
