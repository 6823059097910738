import type { INodeProperties } from 'n8n-workflow';

import type { OperationMap } from '../../shared/router';
import * as clone from './clone.operation';
import * as remove from './delete.operation';
import * as list from './list.operation';

/** The values of the Operation option. */
export type OperationName = 'clone' | 'list' | 'delete';

export const operations: OperationMap<OperationName> = {
	clone: clone.execute,
	list: list.execute,
	delete: remove.execute,
};

export const properties: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		default: 'clone',
		options: [
			{
				name: 'Clone Voice',
				value: 'clone',
				action: 'Clone a voice from an audio sample',
				description:
					'Create a voice from 10 s to 5 min of speech (billed on first use; preview billed like speech)',
			},
			{ name: 'Delete Cloned Voice', value: 'delete', action: 'Delete a cloned voice' },
			{ name: 'List Cloned Voices', value: 'list', action: 'List cloned voices' },
		],
	},
	...clone.description,
	...list.description,
	...remove.description,
];
