import { updateDisplayOptions } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { miniMaxApiError } from '../../../shared/transport/errors';
import { isStatus } from '../../../shared/transport/polling';
import { InputValidator } from '../../../shared/validation';
import { downloadOptions, readVideoOptions } from '../../helpers/options';
import { finishedVideoItem } from '../../../shared/video/output';
import { withTaskId } from '../../../shared/transport/taskErrors';
import { readId, taskIdProperty } from '../../helpers/taskInput';
import {
	FAILURE_STATUSES,
	queryVideoTask,
	resumeHintFor,
	taskFailedError,
	videoFromFile,
} from '../../../shared/video/v1';

const properties: INodeProperties[] = [
	{
		displayName: 'Download By',
		name: 'downloadBy',
		type: 'options',
		default: 'taskId',
		options: [
			{ name: 'Task ID', value: 'taskId', description: 'The task ID from Generate Video' },
			{
				name: 'File ID',
				value: 'fileId',
				description:
					'The file ID of a finished video (Get Task Status, a trigger or the files list)',
			},
		],
	},
	taskIdProperty('The task ID returned by Generate Video', { downloadBy: ['taskId'] }),
	{
		displayName: 'File ID',
		name: 'fileId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 176844028768320',
		displayOptions: { show: { downloadBy: ['fileId'] } },
		description: 'The file ID of the finished video',
	},
	downloadOptions,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['video'], operation: ['download'] } },
	properties,
);

/** Always asks files/retrieve for a fresh link, so an expired link from earlier is never a dead end. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const check = new InputValidator(this.getNode(), itemIndex);
	const options = readVideoOptions(this.getNodeParameter('options', itemIndex, {}) as IDataObject);
	const by = check.oneOf('Download By', this.getNodeParameter('downloadBy', itemIndex, 'taskId'), [
		'taskId',
		'fileId',
	]);
	const json: IDataObject = {};
	let fileId: string;
	if (by === 'fileId') {
		fileId = readId(check, 'File ID', this.getNodeParameter('fileId', itemIndex));
	} else {
		const taskId = readId(check, 'Task ID', this.getNodeParameter('taskId', itemIndex));
		try {
			fileId = await finishedFileId(this, itemIndex, taskId);
		} catch (error) {
			throw withTaskId(error, taskId, '');
		}
		json.taskId = taskId;
		json.status = 'Success';
	}
	const video = await videoFromFile(this, itemIndex, fileId, {
		fallbackName: `video-${json.taskId ?? fileId}`,
		json: { ...json, fileId },
	});
	return [await finishedVideoItem(this, itemIndex, video, options.output)];
}

async function finishedFileId(
	ctx: IExecuteFunctions,
	itemIndex: number,
	taskId: string,
): Promise<string> {
	const task = await queryVideoTask(ctx, itemIndex, taskId);
	if (isStatus(task.status, FAILURE_STATUSES)) throw taskFailedError(ctx, itemIndex, task);
	if (!isStatus(task.status, ['Success']) || !task.fileId) {
		throw miniMaxApiError(ctx.getNode(), {
			message: `Video task ${taskId} is not finished yet (status: ${task.status || 'unknown'})`,
			itemIndex,
			note: `Nothing to download yet: ${resumeHintFor(taskId)}.`,
		});
	}
	return task.fileId;
}
