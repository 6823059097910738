import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { keyedOperations, type OperationMap } from '../../shared/router';
import * as batch from './batch';
import * as chat from './chat';

/** Executors keyed "<resource>.<operation>", typed by the Resource and Operation option values. */
export type OperationKey = `chat.${chat.OperationName}` | `batch.${batch.OperationName}`;

export const operations: OperationMap<OperationKey> = {
	...keyedOperations('chat', chat.operations),
	...keyedOperations('batch', batch.operations),
};

const resourceProperty: INodeProperties = {
	displayName: 'Resource',
	name: 'resource',
	type: 'options',
	noDataExpression: true,
	default: 'chat',
	options: [
		{ name: 'Chat', value: 'chat', description: 'Message a model and get the reply now' },
		{
			name: 'Batch',
			value: 'batch',
			description: 'Many chat requests as one batch: about 50% cheaper, answered within 24 hours',
		},
	],
};

export const properties: INodeProperties[] = [
	resourceProperty,
	chat.operationProperty,
	batch.operationProperty,
	...chat.properties,
	...batch.properties,
];

/** Canvas subtitle: the model for Chat, the operation's name for Batch ("Get Batch Results"). */
const batchLabels = Object.fromEntries(
	((batch.operationProperty.options ?? []) as INodePropertyOptions[]).map((option) => [
		String(option.value),
		option.name,
	]),
);
export const subtitle = `={{ $parameter.resource === "batch" ? (${JSON.stringify(batchLabels)})[$parameter.operation] || $parameter.operation : ($parameter["model"].value || $parameter["model"]) }}`;
