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

/** The Files node has no Resource, so its canvas subtitle names the file ("Get Many Files"). */
const FILE_OPERATION_NAMES: Record<string, string> = {
	delete: 'Delete File',
	download: 'Download File',
	get: 'Get File',
	list: 'Get Many Files',
	upload: 'Upload File',
};

export class MiniMaxFiles implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'MiniMax Files',
		name: 'miniMaxFiles',
		icon: { light: 'file:../../icons/minimax.svg', dark: 'file:../../icons/minimax.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: operationSubtitle(properties, FILE_OPERATION_NAMES),
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
