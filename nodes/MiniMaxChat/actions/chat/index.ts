import type { INodeProperties } from 'n8n-workflow';

import type { OperationMap } from '../../../shared/router';
import * as message from './message.operation';

/** Resource Chat: its Operation selector, its operation's parameters and executor. */

/** The values of this resource's Operation option. */
export type OperationName = 'message';

export const operations: OperationMap<OperationName> = {
	message: message.execute,
};

export const operationProperty: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['chat'] } },
	default: 'message',
	options: [
		{
			name: 'Message a Model',
			value: 'message',
			action: 'Message a model',
			description: 'Send a prompt or a conversation and get the reply (billed per token)',
		},
	],
};

/** The parameters of this resource's operations (the Operation selector is separate). */
export const properties: INodeProperties[] = [...message.description];
