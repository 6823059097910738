import type { INodeProperties } from 'n8n-workflow';

import type { OperationMap } from '../../../shared/router';
import * as cancel from './cancel.operation';
import * as create from './create.operation';
import * as get from './get.operation';
import * as getResults from './getResults.operation';
import * as list from './list.operation';

/** Resource Batch (docs/minimax-api.md §17.6): its Operation selector, parameters and executors. */

/** The values of this resource's Operation option. */
export type OperationName = 'create' | 'get' | 'list' | 'cancel' | 'getResults';

export const operations: OperationMap<OperationName> = {
	create: create.execute,
	get: get.execute,
	list: list.execute,
	cancel: cancel.execute,
	getResults: getResults.execute,
};

export const operationProperty: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['batch'] } },
	default: 'create',
	options: [
		{
			name: 'Cancel Batch',
			value: 'cancel',
			action: 'Cancel a batch',
			description: 'Stop a running batch; requests already answered stay billed and in its results',
		},
		{
			name: 'Create Batch',
			value: 'create',
			action: 'Create a batch',
			description:
				'Send one chat request per input item as one batch (about 50% cheaper per token, done within 24 hours); returns the batch ID',
		},
		{
			name: 'Get Batch',
			value: 'get',
			action: 'Get a batch',
			description: "Get a batch's status and request counts (free)",
		},
		{
			name: 'Get Batch Results',
			value: 'getResults',
			action: 'Get the results of a batch',
			description:
				"Download a finished batch's replies: one item per request, paired to its input item, with the reply text, reasoning and usage or the error (free)",
		},
		{
			name: 'List Batches',
			value: 'list',
			action: 'List batches',
			description: 'List the batches of the account, newest first (free)',
		},
	],
};

/** The parameters of this resource's operations (the Operation selector is separate). */
export const properties: INodeProperties[] = [
	...create.description,
	...get.description,
	...list.description,
	...cancel.description,
	...getResults.description,
];
