import { NodeConnectionTypes } from 'n8n-workflow';
import type {
	IDataObject,
	INodeType,
	INodeTypeDescription,
	ISupplyDataFunctions,
	SupplyData,
} from 'n8n-workflow';

import { InputValidator } from '../shared/validation';
import { MiniMaxEmbeddingsModel } from './helpers/MiniMaxEmbeddingsModel';
import {
	DEFAULT_EMBEDDING_MODEL,
	embeddingsOptions,
	readEmbeddingsSettings,
} from './helpers/settings';

export class MiniMaxEmbeddings implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'MiniMax Embeddings',
		name: 'miniMaxEmbeddings',
		icon: { light: 'file:../../icons/minimax.svg', dark: 'file:../../icons/minimax.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["model"] }}',
		description:
			'MiniMax text embeddings (embo-01, 1536 dimensions) for vector stores: documents are embedded as "db", queries as "query". Billed per token.',
		defaults: { name: 'MiniMax Embeddings' },
		inputs: [],
		outputs: [NodeConnectionTypes.AiEmbedding],
		outputNames: ['Embeddings'],
		credentials: [{ name: 'miniMaxApi', required: true }],
		properties: [
			{
				displayName:
					'Connect this node to a vector store. Use the same embeddings model for inserting and for retrieving documents.',
				name: 'notice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Model',
				name: 'model',
				type: 'string',
				default: DEFAULT_EMBEDDING_MODEL,
				required: true,
				placeholder: 'e.g. embo-01',
				description:
					'The MiniMax embeddings model. embo-01 returns 1536-dimension vectors; another model ID is sent as typed.',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: embeddingsOptions,
			},
		],
	};

	async supplyData(this: ISupplyDataFunctions, itemIndex: number): Promise<SupplyData> {
		const settings = readEmbeddingsSettings(
			new InputValidator(this.getNode(), itemIndex),
			this.getNodeParameter('model', itemIndex, DEFAULT_EMBEDDING_MODEL),
			this.getNodeParameter('options', itemIndex, {}) as IDataObject,
		);
		return { response: new MiniMaxEmbeddingsModel(this, settings) };
	}
}
