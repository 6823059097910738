import type { INodeProperties } from 'n8n-workflow';

import type { OperationMap } from '../../../shared/router';
import * as deleteTask from './deleteTask.operation';
import * as download from './download.operation';
import * as generate from './generate.operation';
import * as getTask from './getTask.operation';
import * as listTasks from './listTasks.operation';
import * as regenerate from './regenerate.operation';

/** Resource MiniMax-H3 Video (v2 API): its Operation selector, its operations' parameters and executors. */

/** The values of this resource's Operation option. */
export type OperationName =
	| 'generate'
	| 'regenerate'
	| 'getTask'
	| 'download'
	| 'listTasks'
	| 'deleteTask';

export const operations: OperationMap<OperationName> = {
	generate: generate.execute,
	regenerate: regenerate.execute,
	getTask: getTask.execute,
	download: download.execute,
	listTasks: listTasks.execute,
	deleteTask: deleteTask.execute,
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
			name: 'Cancel Or Delete MiniMax-H3 Task',
			value: 'deleteTask',
			action: 'Cancel or delete an H3 task',
			description:
				"Cancel a queued task (not billed) or delete a finished task's record; running tasks cannot be cancelled",
		},
		{
			name: 'Download MiniMax-H3 Video',
			value: 'download',
			action: 'Download an H3 video',
			description: 'Download a finished MiniMax-H3 video (always a fresh link)',
		},
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
			name: 'List MiniMax-H3 Tasks',
			value: 'listTasks',
			action: 'List H3 tasks',
			description: 'The MiniMax-H3 tasks of the last 7 days, newest first, optionally by status',
		},
		{
			name: 'Regenerate MiniMax-H3 Video At 2K',
			value: 'regenerate',
			action: 'Regenerate an H3 video at 2K',
			description:
				'Upscale a 768P MiniMax-H3 video to 2K (billed per second), from its task ID or the video itself',
		},
	],
};

/** The parameters of this resource's operations (the Operation selector is separate). */
export const properties: INodeProperties[] = [
	...generate.description,
	...regenerate.description,
	...getTask.description,
	...download.description,
	...listTasks.description,
	...deleteTask.description,
];
