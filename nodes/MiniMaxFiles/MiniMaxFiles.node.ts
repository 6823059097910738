import { NodeConnectionTypes } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { runOperation } from '../shared/router';
import { operations, properties } from './actions';

export class MiniMaxFiles implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'MiniMax Files',
		name: 'miniMaxFiles',
		icon: { light: 'file:../../icons/minimax.svg', dark: 'file:../../icons/minimax.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] }}',
		description:
			'Manage files in MiniMax storage: upload voice samples or long texts, list files by purpose, get a file’s details, download a generated file (video, long speech) as a binary, delete a file. Not billed.',
		defaults: { name: 'MiniMax Files' },
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
