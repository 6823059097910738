import type { INodeProperties } from 'n8n-workflow';

import type { OperationMap } from '../../shared/router';
import * as remove from './delete.operation';
import * as download from './download.operation';
import * as get from './get.operation';
import * as list from './list.operation';
import * as upload from './upload.operation';

/** The values of the Operation option. */
export type OperationName = 'upload' | 'list' | 'get' | 'download' | 'delete';

export const operations: OperationMap<OperationName> = {
	upload: upload.execute,
	list: list.execute,
	get: get.execute,
	download: download.execute,
	delete: remove.execute,
};

export const properties: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		default: 'upload',
		options: [
			{
				name: 'Delete',
				value: 'delete',
				action: 'Delete a file',
				description: 'Delete a file from MiniMax storage',
			},
			{
				name: 'Download',
				value: 'download',
				action: 'Download a file',
				description: 'Download a file’s content as a binary',
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a file',
				description: 'Get a file’s details and a fresh download link',
			},
			{
				name: 'Get Many',
				value: 'list',
				action: 'Get many files',
				description: 'List the files of one purpose',
			},
			{
				name: 'Upload',
				value: 'upload',
				action: 'Upload a file',
				description: 'Upload an input binary for voice cloning or long speech',
			},
		],
	},
	...upload.description,
	...list.description,
	...get.description,
	...download.description,
	...remove.description,
];
