import type {
	IBinaryKeyData,
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
} from 'n8n-workflow';

import { slugFromText, toOutputBinary } from '../../shared/media/binary';
import { toolCallsJson, type ChatReply } from './reply';
import type { ChatSettings } from './settings';

const FILE_TYPES = {
	txt: { mimeType: 'text/plain', extension: 'txt' },
	md: { mimeType: 'text/markdown', extension: 'md' },
} as const;

export interface ChatOutput {
	reply: ChatReply;
	settings: ChatSettings;
	traceId?: string;
	/** The parsed reply when JSON output was asked. */
	parsed?: unknown;
}

/** JSON an agent or the next node can use as is: the answer, reasoning, parsed JSON, tool calls, usage, ids. */
export async function chatItem(
	ctx: IExecuteFunctions,
	itemIndex: number,
	output: ChatOutput,
): Promise<INodeExecutionData> {
	const { reply, settings } = output;
	const json: IDataObject = { text: reply.text };
	if (reply.reasoning) json.reasoning = reply.reasoning;
	if (settings.json) json.json = output.parsed as IDataObject;
	if (reply.toolCalls.length) json.toolCalls = toolCallsJson(reply.toolCalls);
	json.finishReason = reply.finishReason;
	if (reply.finishReason === 'length') json.truncated = true;
	if (reply.usage) json.usage = reply.usage as IDataObject;
	Object.assign(json, {
		model: reply.model ?? settings.model,
		api: settings.api === 'native' ? 'native' : 'openai-compatible',
		id: reply.id,
		traceId: output.traceId,
		message: reply.message,
	});
	if (reply.outputSensitive) json.outputSensitive = true;

	let binary: IBinaryKeyData | undefined;
	if (settings.replyFile !== 'none') {
		const type = FILE_TYPES[settings.replyFile];
		const fileName = `${slugFromText(reply.text, 'reply')}.${type.extension}`;
		binary = {
			[settings.common.outputField]: await toOutputBinary(ctx, Buffer.from(reply.text, 'utf8'), {
				fileName,
				...type,
			}),
		};
		Object.assign(json, { fileName, mimeType: type.mimeType });
	}
	for (const key of Object.keys(json)) if (json[key] === undefined) delete json[key];
	return { json, ...(binary ? { binary } : {}), pairedItem: { item: itemIndex } };
}
