import type { INodeProperties } from 'n8n-workflow';

import type { OperationMap } from '../../shared/router';
import * as h3 from './h3';
import * as template from './template';
import * as video from './video';

/** Executors keyed "<resource>.<operation>", typed by the Resource and Operation option values. */
export type OperationKey =
	| `video.${video.OperationName}`
	| `template.${template.OperationName}`
	| `h3.${h3.OperationName}`;

function keyed<R extends string, O extends string>(
	resource: R,
	map: OperationMap<O>,
): OperationMap<`${R}.${O}`> {
	return Object.fromEntries(
		Object.entries(map).map(([operation, execute]) => [`${resource}.${operation}`, execute]),
	) as OperationMap<`${R}.${O}`>;
}

export const operations: OperationMap<OperationKey> = {
	...keyed('video', video.operations),
	...keyed('template', template.operations),
	...keyed('h3', h3.operations),
};

const resourceProperty: INodeProperties = {
	displayName: 'Resource',
	name: 'resource',
	type: 'options',
	noDataExpression: true,
	default: 'video',
	options: [
		{
			name: 'Video',
			value: 'video',
			description:
				'Hailuo and 01-series models: text, image, first and last frame, subject reference',
		},
		{
			name: 'Video Template',
			value: 'template',
			description: 'Video Agent templates filled with your texts and images',
		},
		{
			name: 'MiniMax-H3 Video',
			value: 'h3',
			description: 'The multimodal MiniMax-H3 model (text, images, video and audio references)',
		},
	],
};

export const properties: INodeProperties[] = [
	resourceProperty,
	video.operationProperty,
	template.operationProperty,
	h3.operationProperty,
	...video.properties,
	...template.properties,
	...h3.properties,
];
