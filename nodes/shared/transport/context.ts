import type {
	IExecuteFunctions,
	IHookFunctions,
	ILoadOptionsFunctions,
	IPollFunctions,
	ISupplyDataFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';

/** Every n8n context a MiniMax request is made from. */
export type MiniMaxContext =
	| IExecuteFunctions
	| ILoadOptionsFunctions
	| IPollFunctions
	| IHookFunctions
	| IWebhookFunctions;

/**
 * A sub-node's supply-data context as a transport context. The transport only uses getCredentials,
 * getNode, getNodeParameter, helpers.httpRequestWithAuthentication and getExecutionCancelSignal,
 * which a supply-data context has too.
 */
export function supplyDataTransportContext(ctx: ISupplyDataFunctions): MiniMaxContext {
	return ctx as unknown as IExecuteFunctions;
}
