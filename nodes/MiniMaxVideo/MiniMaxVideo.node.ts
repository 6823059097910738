import { NodeConnectionTypes } from 'n8n-workflow';
import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import { operationSubtitle } from '../shared/descriptions/subtitle';
import { operationKey, runOperation } from '../shared/router';
import { operations, properties } from './actions';

export class MiniMaxVideo implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'MiniMax Video',
		name: 'miniMaxVideo',
		icon: { light: 'file:../../icons/minimax.svg', dark: 'file:../../icons/minimax.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: operationSubtitle(properties),
		description:
			'Generate videos with MiniMax Hailuo, Video Agent templates or MiniMax-H3 and get the MP4. Generating a video is billed; a job takes minutes, so the node can wait, or return the task ID to fetch later.',
		defaults: { name: 'MiniMax Video' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		credentials: [{ name: 'miniMaxApi', required: true }],
		properties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await runOperation(this, operations, operationKey(this, 'video'));
	}
}
