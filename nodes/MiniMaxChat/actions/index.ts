import type { INodeProperties } from 'n8n-workflow';

import type { OperationMap } from '../../shared/router';
import * as message from './message.operation';

/** The values of the Operation option. */
export type OperationName = 'message';

export const operations: OperationMap<OperationName> = {
	message: message.execute,
};

export const properties: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		default: 'message',
		options: [
			{
				name: 'Message a Model',
				value: 'message',
				action: 'Message a model',
				description: 'Send a prompt or a conversation and get the reply (billed per token)',
			},
		],
	},
	...message.description,
];
