import type { INodeProperties } from 'n8n-workflow';

import type { OperationMap } from '../../shared/router';
import * as transcribe from './transcribe.operation';

/** The values of the Operation option. */
export type OperationName = 'transcribe';

export const operations: OperationMap<OperationName> = {
	transcribe: transcribe.execute,
};

export const properties: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		default: 'transcribe',
		options: [
			{
				name: 'Transcribe Audio',
				value: 'transcribe',
				action: 'Transcribe audio or video to text',
				description:
					'Turn speech in an audio or video file into text with timestamps and subtitles (billed per file)',
			},
		],
	},
	...transcribe.description,
];
