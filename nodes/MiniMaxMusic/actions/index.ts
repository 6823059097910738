import type { INodeProperties } from 'n8n-workflow';

import type { OperationMap } from '../../shared/router';
import * as cover from './cover.operation';
import * as generate from './generate.operation';
import * as generateLyrics from './generateLyrics.operation';
import * as prepareCover from './prepareCover.operation';

/** The values of the Operation option. */
export type OperationName = 'generate' | 'cover' | 'generateLyrics' | 'prepareCover';

export const operations: OperationMap<OperationName> = {
	generate: generate.execute,
	cover: cover.execute,
	generateLyrics: generateLyrics.execute,
	prepareCover: prepareCover.execute,
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
				description:
					'A new version of a reference song in another style, from the song or from a prepared cover with new lyrics (billed per song)',
			},
			{
				name: 'Generate Lyrics',
				value: 'generateLyrics',
				action: 'Write or edit song lyrics',
				description:
					'Full-song lyrics with structure tags from a prompt, or given lyrics rewritten following instructions; with a title and style tags when MiniMax sends them (billed)',
			},
			{
				name: 'Generate Music',
				value: 'generate',
				action: 'Generate a song from a prompt and lyrics',
				description: 'A song with vocals or an instrumental; can take minutes (billed per song)',
			},
			{
				name: 'Prepare Cover',
				value: 'prepareCover',
				action: 'Prepare a cover from a reference song',
				description:
					'Analyses a reference song (6 s to 6 min) and returns a cover feature ID valid 24 hours, its lyrics with structure tags to edit, and its sections; then use Cover Song with the feature ID (billed)',
			},
		],
	},
	...generate.description,
	...cover.description,
	...generateLyrics.description,
	...prepareCover.description,
];
