import type { INodeProperties } from 'n8n-workflow';

import type { OperationMap } from '../../../shared/router';
import * as download from './download.operation';
import * as generate from './generate.operation';
import * as getTask from './getTask.operation';

/** Resource Video Template (Video Agent): its Operation selector, its operations' parameters and executors. */

/** The values of this resource's Operation option. */
export type OperationName = 'generate' | 'getTask' | 'download';

export const operations: OperationMap<OperationName> = {
	generate: generate.execute,
	getTask: getTask.execute,
	download: download.execute,
};

export const operationProperty: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['template'] } },
	default: 'generate',
	options: [
		{
			name: 'Generate From Template',
			value: 'generate',
			action: 'Generate a video from a template',
			description:
				'Fill a video template with texts and images (billed per video); wait for it or get the task ID',
		},
		{
			name: 'Get Template Task Status',
			value: 'getTask',
			action: 'Get the status of a template task',
			description: 'Check a template task',
		},
		{
			name: 'Download Template Video',
			value: 'download',
			action: 'Download a template video',
			description: 'Download a finished template video (always a fresh link)',
		},
	],
};

/** The parameters of this resource's operations (the Operation selector is separate). */
export const properties: INodeProperties[] = [
	...generate.description,
	...getTask.description,
	...download.description,
];
