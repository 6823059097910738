import type { INodeProperties } from 'n8n-workflow';

import type { OperationMap } from '../../../shared/router';
import * as download from './download.operation';
import * as generate from './generate.operation';
import * as getTask from './getTask.operation';

/** Resource Video (v1: Hailuo and 01-series models): its Operation selector, its operations' parameters and executors. */

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
	displayOptions: { show: { resource: ['video'] } },
	default: 'generate',
	options: [
		{
			name: 'Generate Video',
			value: 'generate',
			action: 'Generate a video',
			description:
				'Create a video from a prompt and/or images (billed per video); wait for it or get the task ID',
		},
		{
			name: 'Get Task Status',
			value: 'getTask',
			action: 'Get the status of a video task',
			description: 'Check a video task; gives a fresh download link when it is done',
		},
		{
			name: 'Download Video',
			value: 'download',
			action: 'Download a video',
			description: 'Download a finished video by task ID or file ID (always a fresh link)',
		},
	],
};

/** The parameters of this resource's operations (the Operation selector is separate). */
export const properties: INodeProperties[] = [
	...generate.description,
	...getTask.description,
	...download.description,
];
