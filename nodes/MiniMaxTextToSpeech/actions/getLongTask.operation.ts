import { updateDisplayOptions } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { isStatus } from '../../shared/transport/polling';
import {
	concurrencyOption,
	maxRateLimitWaitOption,
	maxRetriesOption,
	outputFieldOption,
	readCommonOptions,
	requestsPerMinuteOption,
	retryDelayOption,
} from '../../shared/descriptions/options';
import { InputValidator } from '../../shared/validation';
import { queryLongSpeechTask } from '../helpers/longSpeech';
import { longSpeechItem } from '../helpers/longSpeechItem';

const properties: INodeProperties[] = [
	{
		displayName: 'Task ID',
		name: 'taskId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 95157322514444',
		description: 'The task ID returned by Generate Long Speech',
	},
	{
		displayName: 'Download Result',
		name: 'download',
		type: 'boolean',
		default: true,
		description: 'Whether to download the audio and subtitles when the task has succeeded',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			concurrencyOption,
			maxRateLimitWaitOption,
			maxRetriesOption,
			outputFieldOption,
			requestsPerMinuteOption('other'),
			retryDelayOption,
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { operation: ['getLongTask'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const check = new InputValidator(this.getNode(), itemIndex);
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const common = readCommonOptions(options);
	const taskId = check.id('Task ID', this.getNodeParameter('taskId', itemIndex), { max: 64 });
	if (!/^\d+$/.test(taskId))
		check.fail('Task ID', `"${taskId}" is not a MiniMax task ID (digits only)`);

	const task = await queryLongSpeechTask(this, itemIndex, taskId);
	const download = this.getNodeParameter('download', itemIndex, true) as boolean;
	if (isStatus(task.status, ['Success']) && download && task.fileId) {
		return [
			await longSpeechItem(this, itemIndex, {
				taskId,
				fileId: task.fileId,
				outputField: common.outputField,
				includeSubtitles: true,
			}),
		];
	}
	const finished = isStatus(task.status, ['Success', 'Failed', 'Fail', 'Expired']);
	return [
		{
			json: { taskId, status: task.status, fileId: task.fileId, finished },
			pairedItem: { item: itemIndex },
		},
	];
}
