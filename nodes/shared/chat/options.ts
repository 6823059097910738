import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { InputValidator } from '../validation';
import { chatApiFor, isNativeOnlyModel, type ChatApi } from './models';

/** Option properties the Chat node and the Chat Model sub-node share. */
export const apiOption: INodeProperties = {
	displayName: 'API',
	name: 'api',
	type: 'options',
	default: 'auto',
	options: [
		{
			name: 'Automatic',
			value: 'auto',
			description:
				'Native API for MiniMax-M1 and MiniMax-Text-01, OpenAI-compatible API for the others',
		},
		{ name: 'Native API', value: 'native', description: 'POST /v1/text/chatcompletion_v2' },
		{ name: 'OpenAI-Compatible API', value: 'openai', description: 'POST /v1/chat/completions' },
	],
	description: 'Which MiniMax chat endpoint to call',
};

export function maxTokensOption(defaultTokens: number, description: string): INodeProperties {
	return {
		displayName: 'Maximum Number of Tokens',
		name: 'maxTokens',
		type: 'number',
		default: defaultTokens,
		typeOptions: { minValue: 1, numberPrecision: 0 },
		description,
	};
}

export const temperatureOption: INodeProperties = {
	displayName: 'Temperature',
	name: 'temperature',
	type: 'number',
	default: 1,
	typeOptions: { minValue: 0.01, maxValue: 1, numberPrecision: 2 },
	description:
		'Randomness, greater than 0 and at most 1 (MiniMax rejects 0). MiniMax recommends 1.',
};

export const timeoutOption: INodeProperties = {
	displayName: 'Timeout (Seconds)',
	name: 'timeoutSeconds',
	type: 'number',
	default: 300,
	typeOptions: { minValue: 1, maxValue: 3600, numberPrecision: 0 },
	description: 'How long to wait for a reply',
};

export const idleTimeoutOption: INodeProperties = {
	displayName: 'Stream Idle Timeout (Seconds)',
	name: 'idleTimeoutSeconds',
	type: 'number',
	default: 120,
	typeOptions: { minValue: 0, maxValue: 3600, numberPrecision: 1 },
	description:
		'When streaming: fail if MiniMax sends nothing for this long while the connection stays open. 0 = no idle check: a silent stream then fails only when Timeout runs out.',
};

export const topPOption: INodeProperties = {
	displayName: 'Top P',
	name: 'topP',
	type: 'number',
	default: 0.95,
	typeOptions: { minValue: 0.01, maxValue: 1, numberPrecision: 2 },
	description: 'Nucleus sampling, greater than 0 and at most 1. MiniMax recommends 0.95.',
};

export interface ModelChoice {
	model: string;
	api: ChatApi;
	temperature?: number;
	topP?: number;
	maxTokens?: number;
	timeoutMs: number;
	/** Streams only: the longest silence allowed between chunks (0 = off). */
	idleTimeoutMs: number;
}

export const isPresent = (value: unknown) => value !== undefined && value !== null && value !== '';

/** Model, endpoint and sampling, checked against MiniMax's rules (temperature and top-p in (0, 1]). */
export function readModelChoice(
	check: InputValidator,
	rawModel: unknown,
	options: IDataObject,
): ModelChoice {
	const model = check.text('Model', typeof rawModel === 'string' ? rawModel.trim() : rawModel, {
		min: 1,
		max: 100,
	});
	const api = chatApiFor(
		model,
		check.oneOf('API', options.api ?? 'auto', ['auto', 'openai', 'native']),
	);
	if (api === 'openai' && isNativeOnlyModel(model)) {
		check.fail(
			'API',
			`${model} is only served by the native API`,
			'Set Options › API to "Automatic" or "Native".',
		);
	}
	return {
		model,
		api,
		temperature: isPresent(options.temperature)
			? check.number('Temperature', options.temperature, { min: 0, max: 1, minExclusive: true })
			: undefined,
		topP: isPresent(options.topP)
			? check.number('Top P', options.topP, { min: 0, max: 1, minExclusive: true })
			: undefined,
		maxTokens: isPresent(options.maxTokens)
			? check.number('Maximum Number of Tokens', options.maxTokens, { min: 1, integer: true })
			: undefined,
		timeoutMs: Math.round(
			check.number('Timeout (Seconds)', options.timeoutSeconds ?? 300, { min: 1, max: 3600 }) *
				1000,
		),
		idleTimeoutMs: Math.round(
			check.number('Stream Idle Timeout (Seconds)', options.idleTimeoutSeconds ?? 120, {
				min: 0,
				max: 3600,
			}) * 1000,
		),
	};
}
