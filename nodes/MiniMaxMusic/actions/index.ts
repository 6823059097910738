import type { INodeProperties } from 'n8n-workflow';

import type { OperationMap } from '../../shared/router';
import * as cover from './cover.operation';
import * as generate from './generate.operation';
import * as generateLyrics from './generateLyrics.operation';

/** The values of the Operation option. */
export type OperationName = 'generate' | 'cover' | 'generateLyrics';

export const operations: OperationMap<OperationName> = {
	generate: generate.execute,
	cover: cover.execute,
	generateLyrics: generateLyrics.execute,
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
				name: 'Cover Song',
				value: 'cover',
				action: 'Make a cover of a song',
				description: 'A new version of a reference song in another style (billed per song)',
			},
			{
				name: 'Generate Lyrics',
				value: 'generateLyrics',
				action: 'Write song lyrics from a prompt',
				description: 'Full-song lyrics with structure tags, a title and style tags (billed)',
			},
			{
				name: 'Generate Music',
				value: 'generate',
				action: 'Generate a song from a prompt and lyrics',
				description: 'A song with vocals or an instrumental; can take minutes (billed per song)',
			},
		],
	},
	...generate.description,
	...cover.description,
	...generateLyrics.description,
];
