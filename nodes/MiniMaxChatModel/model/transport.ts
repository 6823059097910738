import type { ISupplyDataFunctions } from 'n8n-workflow';

import { chatBody, openChatStream, sendChat } from '../../shared/chat/request';
import { supplyDataTransportContext } from '../../shared/transport/context';
import type { ChatTransport } from './MiniMaxLanguageModel';
import type { AiNodeSdk } from './sdk';
import type { FunctionTool } from './sdkTypes';
import type { ModelSettings } from './settings';

export function chatTransport(
	ctx: ISupplyDataFunctions,
	settings: ModelSettings,
	sdk: AiNodeSdk,
): ChatTransport {
	const context = supplyDataTransportContext(ctx);
	const call = (stream: boolean, input: Parameters<ChatTransport['send']>[0]) => ({
		api: settings.api,
		body: chatBody(input, settings.api, stream),
		timeoutMs: settings.timeoutMs,
		idleTimeoutMs: settings.idleTimeoutMs,
	});
	return {
		send: async (input) => await sendChat(context, call(false, input)),
		open: async (input) => await openChatStream(context, call(true, input)),
		toJsonSchema: sdk.getParametersJsonSchema
			? (tool) => sdk.getParametersJsonSchema?.(tool as FunctionTool)
			: undefined,
	};
}
