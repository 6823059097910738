import { NodeConnectionTypes } from 'n8n-workflow';
import type {
	IDataObject,
	INodeType,
	INodeTypeDescription,
	ISupplyDataFunctions,
	SupplyData,
} from 'n8n-workflow';

import { chatModelLocator } from '../shared/descriptions/chatModelLocator';
import { searchChatModels } from '../shared/methods/searchChatModels';
import { InputValidator } from '../shared/validation';
import { MiniMaxLanguageModel } from './model/MiniMaxLanguageModel';
import { loadAiNodeSdk } from './model/sdk';
import { chatSubNodeOptions, readModelSettings } from './model/settings';
import { chatTransport } from './model/transport';

export class MiniMaxChatModel implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'MiniMax Chat Model',
		name: 'miniMaxChatModel',
		icon: { light: 'file:../../icons/minimax.svg', dark: 'file:../../icons/minimax.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["model"].value || $parameter["model"] }}',
		description:
			'MiniMax language models (M3, M2.7, M2.5, M1, Text-01…) for the AI Agent and chains. Billed per token.',
		defaults: { name: 'MiniMax Chat Model' },
		inputs: [],
		outputs: [NodeConnectionTypes.AiLanguageModel],
		outputNames: ['Model'],
		credentials: [{ name: 'miniMaxApi', required: true }],
		properties: [
			chatModelLocator(),
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: chatSubNodeOptions,
			},
		],
	};

	methods = { listSearch: { searchChatModels } };

	async supplyData(this: ISupplyDataFunctions, itemIndex: number): Promise<SupplyData> {
		const check = new InputValidator(this.getNode(), itemIndex);
		const settings = readModelSettings(
			check,
			this.getNodeParameter('model', itemIndex, '', { extractValue: true }),
			this.getNodeParameter('options', itemIndex, {}) as IDataObject,
		);
		const sdk = await loadAiNodeSdk(this);
		const model = new MiniMaxLanguageModel(settings.model, chatTransport(this, settings, sdk), {
			temperature: settings.temperature,
			topP: settings.topP,
			maxTokens: settings.maxTokens,
		});
		return sdk.supplyModel(this, model);
	}
}
