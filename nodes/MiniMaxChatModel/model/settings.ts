import type { IDataObject, INodeProperties } from 'n8n-workflow';

import {
	apiOption,
	idleTimeoutOption,
	maxTokensOption,
	readModelChoice,
	temperatureOption,
	timeoutOption,
	topPOption,
	type ModelChoice,
} from '../../shared/chat/options';
import { maxRetriesOption, retryDelayOption } from '../../shared/descriptions/options';
import type { InputValidator } from '../../shared/validation';

export const chatSubNodeOptions: INodeProperties[] = [
	apiOption,
	maxRetriesOption,
	maxTokensOption(4096, 'Upper limit for each reply, reasoning included'),
	retryDelayOption,
	idleTimeoutOption,
	temperatureOption,
	timeoutOption,
	topPOption,
];

export type ModelSettings = ModelChoice;

export function readModelSettings(
	check: InputValidator,
	rawModel: unknown,
	options: IDataObject,
): ModelSettings {
	return readModelChoice(check, rawModel, options);
}
