/**
 * @n8n/ai-node-sdk is a peer dependency that n8n (2.20 and newer) provides at runtime; it is
 * not installed in this repository. This declares the two functions the Chat Model node loads.
 */
declare module '@n8n/ai-node-sdk' {
	import type { ISupplyDataFunctions, SupplyData } from 'n8n-workflow';

	export function supplyModel(ctx: ISupplyDataFunctions, model: object): SupplyData;
	export function getParametersJsonSchema(tool: object): unknown;
}
