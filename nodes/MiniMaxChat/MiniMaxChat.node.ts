import { NodeConnectionTypes } from 'n8n-workflow';
import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import { searchBatchChatModels, searchChatModels } from '../shared/methods/searchChatModels';
import { operationKey, runOperation } from '../shared/router';
import { operations, properties, subtitle } from './actions';

export class MiniMaxChat implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'MiniMax Chat',
		name: 'miniMaxChat',
		icon: { light: 'file:../../icons/minimax.svg', dark: 'file:../../icons/minimax.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle,
		description:
			"Chat with MiniMax language models (M3, M2.7, M2.5, M1, Text-01…): send a prompt or a conversation and get the answer, the model's reasoning, parsed JSON or tool calls, and token usage. Billed per token. Batch: many requests at once, about 50% cheaper, answered within 24 hours.",
		defaults: { name: 'MiniMax Chat' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		credentials: [{ name: 'miniMaxApi', required: true }],
		properties,
	};

	methods = { listSearch: { searchChatModels, searchBatchChatModels } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await runOperation(this, operations, operationKey(this, 'chat'));
	}
}
