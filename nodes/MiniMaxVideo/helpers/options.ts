import type { IDataObject, INodeProperties } from 'n8n-workflow';

import {
	concurrencyOption,
	maxRateLimitWaitOption,
	maxRetriesOption,
	outputFieldOption,
	pollIntervalOption,
	readCommonOptions,
	requestsPerMinuteOption,
	retryDelayOption,
	waitTimeoutOption,
	type CommonOptions,
} from '../../shared/descriptions/options';
import {
	fileNameOption,
	outputModeOption,
	readOutputSettings,
	type OutputSettings,
} from '../../shared/video/output';

/** The Options collections of the video operations (kept alphabetical, as n8n's lint wants). */

const onlyWhenWaiting = { show: { '/waitMode': ['wait'] } };

const waitOnly = (option: INodeProperties): INodeProperties => ({
	...option,
	displayOptions: onlyWhenWaiting,
});

export const aigcWatermarkOption: INodeProperties = {
	displayName: 'AIGC Watermark',
	name: 'aigcWatermark',
	type: 'boolean',
	default: false,
	description: 'Whether MiniMax marks the video as AI-generated',
};

/** Options of a Generate operation; `extra` are operation-specific, merged in alphabetical order. */
export function generateOptions(extra: INodeProperties[] = []): INodeProperties {
	const options = [
		concurrencyOption,
		waitOnly(fileNameOption),
		maxRateLimitWaitOption,
		maxRetriesOption,
		waitOnly(outputModeOption),
		waitOnly({
			...pollIntervalOption,
			default: 10,
			description: 'How often to ask MiniMax whether the video is ready while waiting',
		}),
		waitOnly(outputFieldOption),
		requestsPerMinuteOption('video'),
		retryDelayOption,
		waitOnly(waitTimeoutOption),
		...extra,
	].sort((a, b) => a.displayName.localeCompare(b.displayName));
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options,
	};
}

/** Options of Download Video operations. */
export const downloadOptions: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		concurrencyOption,
		fileNameOption,
		maxRateLimitWaitOption,
		maxRetriesOption,
		outputModeOption,
		outputFieldOption,
		requestsPerMinuteOption('other'),
		retryDelayOption,
	],
};

/** Options of Get Task Status operations. */
export const statusOptions: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		concurrencyOption,
		maxRateLimitWaitOption,
		maxRetriesOption,
		requestsPerMinuteOption('other'),
		retryDelayOption,
	],
};

export interface VideoOptions {
	raw: IDataObject;
	common: CommonOptions;
	output: OutputSettings;
}

export function readVideoOptions(options: IDataObject): VideoOptions {
	const common = readCommonOptions({ pollIntervalSeconds: 10, ...options });
	return { raw: options, common, output: readOutputSettings(options, common) };
}
