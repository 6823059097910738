import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { chatModelLocator, type ChatModelPicker } from '../../shared/descriptions/chatModelLocator';
import type { WireMessage } from '../../shared/chat/wire';
import type { InputValidator } from '../../shared/validation';
import { jsonInstruction } from './jsonReply';
import { finalMessages, messagesFromItem, messagesFromParameters } from './messages';
import type { ChatSettings } from './settings';

/**
 * The Model and the conversation parameters (messages typed in the node or taken from the input
 * item, system prompt) shared by Message a Model and Create Batch; `modelOverrides` changes the
 * Model locator (e.g. its description).
 */
export function conversationProperties(
	modelOverrides: Partial<INodeProperties> = {},
	picker?: ChatModelPicker,
): INodeProperties[] {
	return [
		chatModelLocator(modelOverrides, picker),
		{
			displayName: 'Messages Source',
			name: 'messagesSource',
			type: 'options',
			noDataExpression: true,
			default: 'define',
			options: [
				{ name: 'Define Below', value: 'define', description: 'Write the messages in this node' },
				{
					name: 'From Input Item',
					value: 'input',
					description: 'Take an OpenAI-style messages list from a field of the input item',
				},
			],
		},
		{
			displayName: 'System Prompt',
			name: 'systemPrompt',
			type: 'string',
			default: '',
			typeOptions: { rows: 3 },
			placeholder: 'e.g. You are a concise assistant that writes short video scripts',
			description:
				'Instructions for the model. Merged with any system messages into the one system message MiniMax accepts.',
		},
		{
			displayName: 'Messages',
			name: 'messages',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true, sortable: true },
			default: { values: [{ role: 'user', content: '' }] },
			placeholder: 'Add Message',
			displayOptions: { show: { messagesSource: ['define'] } },
			options: [
				{
					displayName: 'Message',
					name: 'values',
					values: [
						{
							displayName: 'Role',
							name: 'role',
							type: 'options',
							default: 'user',
							options: [
								{ name: 'User', value: 'user', description: 'A message from the user' },
								{
									name: 'Assistant',
									value: 'assistant',
									description:
										'An earlier reply of the model (few-shot examples, conversation history)',
								},
								{
									name: 'System',
									value: 'system',
									description: 'Instructions; merged into the system prompt',
								},
							],
						},
						{
							displayName: 'Content',
							name: 'content',
							type: 'string',
							default: '',
							typeOptions: { rows: 3 },
							description: 'The text of the message',
						},
					],
				},
			],
			description: 'The conversation to send; the model answers the last message',
		},
		{
			displayName: 'Messages Field',
			name: 'messagesField',
			type: 'string',
			default: 'messages',
			required: true,
			displayOptions: { show: { messagesSource: ['input'] } },
			hint: 'The name of the input field containing the messages; dots reach nested fields',
			description:
				'An OpenAI-style messages list ([{"role": "user", "content": "…"}]) from the input item, or a plain text that becomes the user message',
		},
	];
}

/**
 * The item's messages, checked (roles, empty messages, one system message, a user message to
 * answer) and ready for the request; throws a NodeOperationError naming the parameter and item.
 */
export function readConversation(
	ctx: IExecuteFunctions,
	itemIndex: number,
	check: InputValidator,
	settings: ChatSettings,
): WireMessage[] {
	const source = ctx.getNodeParameter('messagesSource', itemIndex, 'define');
	const conversation =
		source === 'input'
			? messagesFromItem(
					check,
					(ctx.getInputData()[itemIndex]?.json ?? {}) as IDataObject,
					check.textFrom(
						'Messages Field',
						ctx.getNodeParameter('messagesField', itemIndex, 'messages'),
					),
				)
			: messagesFromParameters(check, ctx.getNodeParameter('messages', itemIndex, {}));
	const systemPrompt = check.textFrom(
		'System Prompt',
		ctx.getNodeParameter('systemPrompt', itemIndex, ''),
	);
	return finalMessages(
		check,
		conversation,
		systemPrompt,
		settings.json ? jsonInstruction(settings.jsonSchema) : undefined,
	);
}
