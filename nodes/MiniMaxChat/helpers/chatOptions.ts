import type { INodeProperties } from 'n8n-workflow';

import {
	apiOption,
	idleTimeoutOption,
	maxTokensOption,
	temperatureOption,
	timeoutOption,
	topPOption,
} from '../../shared/chat/options';
import {
	concurrencyOption,
	maxRateLimitWaitOption,
	maxRetriesOption,
	outputFieldOption,
	requestsPerMinuteOption,
	retryDelayOption,
} from '../../shared/descriptions/options';

/** Options of the Message a Model operation, alphabetised by display name. */
export const chatOptions: INodeProperties[] = [
	apiOption,
	concurrencyOption,
	{
		displayName: 'JSON Schema',
		name: 'jsonSchema',
		type: 'json',
		default: '',
		displayOptions: { show: { responseFormat: ['json'] } },
		description:
			'Optional JSON Schema the reply must match (required keys, types, enums). Sent to the model and checked on the reply.',
	},
	maxRateLimitWaitOption,
	maxRetriesOption,
	maxTokensOption(
		2048,
		'Upper limit for the reply, reasoning included. A reply that hits it is cut off (finishReason "length").',
	),
	{ ...outputFieldOption, displayOptions: { hide: { replyFile: ['none'] } } },
	{
		displayName: 'Reasoning',
		name: 'reasoning',
		type: 'options',
		default: 'separate',
		options: [
			{
				name: 'Return Separately',
				value: 'separate',
				description: 'The answer in "text", the model\'s thinking in "reasoning"',
			},
			{ name: 'Remove', value: 'strip', description: 'Only the answer' },
			{
				name: 'Keep Inline',
				value: 'keep',
				description: 'The reply as the model wrote it, with its &lt;think&gt; block',
			},
		],
		description:
			'What to do with the thinking the MiniMax M-series models write before their answer',
	},
	{
		displayName: 'Reply as File',
		name: 'replyFile',
		type: 'options',
		default: 'none',
		options: [
			{ name: 'No File', value: 'none' },
			{ name: 'Text File (.Txt)', value: 'txt' },
			{ name: 'Markdown File (.Md)', value: 'md' },
		],
		description: 'Also return the answer as a file, e.g. to save a script or lyrics to storage',
	},
	{
		displayName: 'Response Format',
		name: 'responseFormat',
		type: 'options',
		default: 'text',
		options: [
			{ name: 'Text', value: 'text' },
			{
				name: 'JSON',
				value: 'json',
				description:
					'The reply is parsed as JSON (and checked against the JSON Schema); invalid JSON is an error',
			},
		],
		description: 'Whether the reply is free text or a JSON object',
	},
	requestsPerMinuteOption('text'),
	retryDelayOption,
	{ ...idleTimeoutOption, displayOptions: { show: { stream: [true] } } },
	{
		displayName: 'Stream Response',
		name: 'stream',
		type: 'boolean',
		default: false,
		description:
			'Whether to receive the reply as a stream (collected before the node outputs it). Helps long replies pass proxies with short idle timeouts.',
	},
	temperatureOption,
	timeoutOption,
	{
		displayName: 'Tool Choice',
		name: 'toolChoice',
		type: 'options',
		default: 'auto',
		displayOptions: { hide: { tools: [''] } },
		options: [
			{ name: 'Auto', value: 'auto', description: 'The model decides' },
			{ name: 'None', value: 'none', description: 'Never call a tool' },
			{ name: 'Required', value: 'required', description: 'Always call a tool' },
		],
		description: 'Whether the model may, must or must not call one of the tools',
	},
	{
		displayName: 'Tools',
		name: 'tools',
		type: 'json',
		default: '',
		placeholder: '[{"type": "function", "function": {"name": "get_weather", "parameters": {…}}}]',
		description:
			'OpenAI-style function tools the model may call. The node does not run them: tool calls are returned in "toolCalls" for the next nodes to handle.',
	},
	topPOption,
];
