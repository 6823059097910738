import type { INodeProperties } from 'n8n-workflow';

import { deleteVoiceOperation, listVoicesOperation } from '../../shared/voices/operations';
import type { Operation } from '../../shared/router';
import * as design from './design.operation';

const list = listVoicesOperation('list', 'voice_generation');
const remove = deleteVoiceOperation('delete', 'voice_generation');

export const operations: Record<string, Operation> = {
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
