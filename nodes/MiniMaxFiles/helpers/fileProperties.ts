import type { INodeProperties } from 'n8n-workflow';

import {
	concurrencyOption,
	maxRateLimitWaitOption,
	maxRetriesOption,
	outputFieldOption,
	requestsPerMinuteOption,
	retryDelayOption,
} from '../../shared/descriptions/options';

/** The Options collection of the file operations; downloads add the output field. */
export function fileOptions(withOutputField = false): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: withOutputField
			? [
					concurrencyOption,
					maxRateLimitWaitOption,
					maxRetriesOption,
					outputFieldOption,
					requestsPerMinuteOption('other'),
					retryDelayOption,
				]
			: [
					concurrencyOption,
					maxRateLimitWaitOption,
					maxRetriesOption,
					requestsPerMinuteOption('other'),
					retryDelayOption,
				],
	};
}

export const fileIdProperty: INodeProperties = {
	displayName: 'File ID',
	name: 'fileId',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. 313992866418884',
	description: 'The MiniMax file ID (digits), e.g. from an upload, a list or a generation result',
};
