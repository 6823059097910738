import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { apiOption, idleTimeoutOption, maxTokensOption, readModelChoice, temperatureOption, timeoutOption, topPOption, type ModelChoice } from '../../shared/chat/options';
import { maxRetriesOption, readCommonOptions, retryDelayOption } from '../../shared/descriptions/options';
import type { RetrySettings } from '../../shared/transport/retry';
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

export interface ModelSettings extends ModelChoice {
	retry: RetrySettings;
}

export function readModelSettings(check: InputValidator, rawModel: unknown, options: IDataObject): ModelSettings {
	return { ...readModelChoice(check, rawModel, options), retry: readCommonOptions(options).retry };
}
