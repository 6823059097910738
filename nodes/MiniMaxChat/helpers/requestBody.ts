import type { IDataObject } from 'n8n-workflow';

import { chatBody } from '../../shared/chat/request';
import type { WireMessage } from '../../shared/chat/wire';
import { responseFormatFor } from './jsonReply';
import type { ChatSettings } from './settings';

/**
 * The body Message a Model sends for these settings (docs/minimax-api.md §11); a Create Batch
 * line carries the same body (native API, not streamed).
 */
export function chatRequestBody(
	settings: ChatSettings,
	messages: WireMessage[],
	stream: boolean,
): IDataObject {
	return chatBody(
		{
			model: settings.model,
			messages,
			temperature: settings.temperature,
			topP: settings.topP,
			maxTokens: settings.maxTokens,
			tools: settings.tools,
			toolChoice: settings.toolChoice,
			reasoningSplit: settings.reasoning !== 'keep',
			responseFormat: settings.sendResponseFormat
				? responseFormatFor(settings.jsonSchema)
				: undefined,
		},
		settings.api,
		stream,
	);
}
