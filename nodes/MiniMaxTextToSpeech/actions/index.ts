import type { INodeProperties } from 'n8n-workflow';

import type { OperationMap } from '../../shared/router';
import * as generate from './generate.operation';
import * as generateLong from './generateLong.operation';
import * as getLongTask from './getLongTask.operation';
import * as listVoices from './listVoices.operation';

/** The values of the Operation option. */
export type OperationName = 'generate' | 'generateLong' | 'getLongTask' | 'listVoices';

export const operations: OperationMap<OperationName> = {
	generate: generate.execute,
	generateLong: generateLong.execute,
	getLongTask: getLongTask.execute,
	listVoices: listVoices.execute,
};

export const operationProperty: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	default: 'generate',
	options: [
		{
			name: 'Generate Speech',
			value: 'generate',
			action: 'Generate speech from text',
			description: 'Turn text into an audio file (billed per character)',
		},
		{
			name: 'Generate Long Speech',
			value: 'generateLong',
			action: 'Generate speech from a long text',
			description:
				'Up to 50,000 characters or a text file, through the async API (billed per character)',
		},
		{
			name: 'Get Long Speech Task',
			value: 'getLongTask',
			action: 'Get a long speech task',
			description: 'Check a long speech task and download its audio when ready',
		},
		{
			name: 'List Voices',
			value: 'listVoices',
			action: 'List voices',
			description: 'List system, cloned and designed voices',
		},
	],
};

export const properties: INodeProperties[] = [
	operationProperty,
	...generate.description,
	...generateLong.description,
	...getLongTask.description,
	...listVoices.description,
];
