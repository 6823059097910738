import type { INodeProperties } from 'n8n-workflow';

import type { OperationMap } from '../../../shared/router';
import * as download from './download.operation';
import * as generate from './generate.operation';
import * as getTask from './getTask.operation';

/** Resource MiniMax-H3 Video (v2 API): its Operation selector, its operations' parameters and executors. */

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
	displayOptions: { show: { resource: ['h3'] } },
	default: 'generate',
	options: [
		{
			name: 'Generate MiniMax-H3 Video',
			value: 'generate',
			action: 'Generate an H3 video',
			description:
				'Create a video with MiniMax-H3 from a prompt and optional media (billed per second); wait for it or get the task ID',
		},
		{
			name: 'Get MiniMax-H3 Task Status',
			value: 'getTask',
			action: 'Get the status of an H3 task',
			description: 'Check a MiniMax-H3 task',
		},
		{
			name: 'Download MiniMax-H3 Video',
			value: 'download',
			action: 'Download an H3 video',
			description: 'Download a finished MiniMax-H3 video (always a fresh link)',
		},
	],
};

/** The parameters of this resource's operations (the Operation selector is separate). */
export const properties: INodeProperties[] = [
	...generate.description,
	...getTask.description,
	...download.description,
];
