import { NodeOperationError } from 'n8n-workflow';
import type { ISupplyDataFunctions, SupplyData } from 'n8n-workflow';

import type { ChatModel, FunctionTool } from './sdkTypes';

export interface AiNodeSdk {
	supplyModel(ctx: ISupplyDataFunctions, model: ChatModel): SupplyData;
	getParametersJsonSchema?(tool: FunctionTool): unknown;
}

/**
 * Loads n8n's AI node SDK only when the node runs, so the rest of the package still loads on n8n
 * versions that do not ship it (before 2.20).
 */
export async function loadAiNodeSdk(ctx: ISupplyDataFunctions): Promise<AiNodeSdk> {
	try {
		const sdk = (await import('@n8n/ai-node-sdk')) as unknown as AiNodeSdk;
		if (typeof sdk.supplyModel !== 'function') throw new Error('supplyModel is missing');
		return sdk;
	} catch (error) {
		throw new NodeOperationError(
			ctx.getNode(),
			'MiniMax Chat Model needs n8n 2.20 or newer (the AI node SDK, @n8n/ai-node-sdk, was not found)',
			{
				description: `Update n8n, or use the MiniMax Chat node instead. Details: ${(error as Error).message}`,
			},
		);
	}
}
