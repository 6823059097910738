import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { normalizeReply } from '../../../shared/chat/normalize';
import { collectChatStream, openChatStream, sendChat } from '../../../shared/chat/request';
import type { WireMessage, WireResponse } from '../../../shared/chat/wire';
import { InputValidator } from '../../../shared/validation';
import { chatOptions } from '../../helpers/chatOptions';
import { conversationProperties, readConversation } from '../../helpers/conversation';
import { parseJsonReply, schemaProblems } from '../../helpers/jsonReply';
import { chatItem } from '../../helpers/output';
import { readReply, type ChatReply } from '../../helpers/reply';
import { miniMaxApiError } from '../../../shared/transport/errors';
import { chatRequestBody } from '../../helpers/requestBody';
import { readChatSettings, type ChatSettings } from '../../helpers/settings';

const properties: INodeProperties[] = [
	...conversationProperties(),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: chatOptions,
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['chat'], operation: ['message'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const check = new InputValidator(this.getNode(), itemIndex);
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const settings = readChatSettings(
		check,
		this.getNodeParameter('model', itemIndex, '', { extractValue: true }),
		options,
	);
	const messages = readConversation(this, itemIndex, check, settings);

	const { response, traceId } = await complete(this, itemIndex, settings, messages);
	const reply = readReply(response, settings.reasoning);
	if (settings.reasoning !== 'keep') checkAnswerPresent(this, itemIndex, reply, traceId);
	const parsed = settings.json
		? checkedJson(this, itemIndex, reply.answer, reply.finishReason, settings)
		: undefined;
	return [await chatItem(this, itemIndex, { reply, settings, traceId, parsed })];
}

async function complete(
	ctx: IExecuteFunctions,
	itemIndex: number,
	settings: ChatSettings,
	messages: WireMessage[],
): Promise<{ response: WireResponse; traceId?: string }> {
	const body = chatRequestBody(settings, messages, settings.stream);
	const call = {
		api: settings.api,
		body,
		itemIndex,
		timeoutMs: settings.timeoutMs,
		idleTimeoutMs: settings.idleTimeoutMs,
	};
	if (!settings.stream) {
		const sent = await sendChat(ctx, call);
		return { response: normalizeReply(sent.response, settings.tools), traceId: sent.traceId };
	}
	const stream = await openChatStream(ctx, call);
	return {
		response: normalizeReply(await collectChatStream(stream), settings.tools),
		traceId: stream.traceId,
	};
}

/**
 * A reply that opened a reasoning tag and never closed it has no answer: a downstream node must not
 * receive an empty text as if MiniMax had answered.
 */
function checkAnswerPresent(
	ctx: IExecuteFunctions,
	itemIndex: number,
	reply: ChatReply,
	traceId?: string,
): void {
	if (!reply.unclosedReasoning || reply.answer || reply.toolCalls.length) return;
	const cutOff = reply.finishReason === 'length';
	throw miniMaxApiError(ctx.getNode(), {
		message: cutOff
			? 'The reply was cut off while MiniMax was still reasoning, so it has no answer'
			: 'The reply opened a reasoning block (<think>) and never closed it, so it has no answer',
		traceId,
		itemIndex,
		note: cutOff
			? 'Raise Options › Maximum Number of Tokens, or try again.'
			: 'Everything after the tag was taken as reasoning. Try again, or set Options › Reasoning to "Keep Inline" to get the reply as MiniMax wrote it.',
	});
}

function checkedJson(
	ctx: IExecuteFunctions,
	itemIndex: number,
	text: string,
	finishReason: string | undefined,
	settings: ChatSettings,
): unknown {
	const cutOff =
		finishReason === 'length'
			? ' The reply was cut off at the maximum number of tokens: raise Options › Maximum Number of Tokens.'
			: '';
	const excerpt = text.length > 300 ? `${text.slice(0, 300)}…` : text;
	const parsed = parseJsonReply(text);
	if (!parsed.ok) {
		throw new NodeOperationError(
			ctx.getNode(),
			`MiniMax's reply for item ${itemIndex} is not valid JSON (${parsed.error})`,
			{
				itemIndex,
				description: `Reply: ${excerpt || '(empty)'}${cutOff}`,
			},
		);
	}
	const problems = settings.jsonSchema ? schemaProblems(parsed.value, settings.jsonSchema) : [];
	if (problems.length) {
		throw new NodeOperationError(
			ctx.getNode(),
			`MiniMax's reply for item ${itemIndex} does not match the JSON Schema: ${problems.join('; ')}`,
			{
				itemIndex,
				description: `Reply: ${excerpt}${cutOff}`,
			},
		);
	}
	return parsed.value;
}
