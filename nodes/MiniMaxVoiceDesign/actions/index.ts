import type { INodeProperties } from 'n8n-workflow';

import type { OperationMap } from '../../shared/router';
import * as design from './design.operation';
import * as remove from './delete.operation';
import * as list from './list.operation';

/** The values of the Operation option. */
export type OperationName = 'design' | 'list' | 'delete';

export const operations: OperationMap<OperationName> = {
	design: design.execute,
	list: list.execute,
	delete: remove.execute,
};

export const properties: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		default: 'design',
		options: [
			{
				name: 'Design Voice',
				value: 'design',
				action: 'Design a voice from a description',
				description: 'Create a new voice from a text description and hear a preview (billed)',
			},
			{ name: 'Delete Designed Voice', value: 'delete', action: 'Delete a designed voice' },
			{ name: 'List Designed Voices', value: 'list', action: 'List designed voices' },
		],
	},
	...design.description,
	...list.description,
	...remove.description,
];
