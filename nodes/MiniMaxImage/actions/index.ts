import type { INodeProperties } from 'n8n-workflow';

import type { OperationMap } from '../../shared/router';
import * as generate from './generate.operation';

/** The values of the Operation option. */
export type OperationName = 'generate';

export const operations: OperationMap<OperationName> = {
	generate: generate.execute,
};

export const properties: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		default: 'generate',
		options: [
			{
				name: 'Generate Image',
				value: 'generate',
				action: 'Generate images from a prompt',
				description:
					'Make 1–9 images from a text prompt, optionally with a character reference (billed per image)',
			},
		],
	},
	...generate.description,
];
