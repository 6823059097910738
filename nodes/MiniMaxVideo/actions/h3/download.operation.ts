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
import {
	H3_FAILURE,
	H3_SUCCESS,
	h3FailedError,
	h3Json,
	h3ResumeHint,
	h3Video,
	queryH3Task,
} from '../../../shared/video/h3';
import { downloadOptions, readVideoOptions } from '../../helpers/options';
import { finishedVideoItem } from '../../../shared/video/output';
import { withTaskId } from '../../../shared/transport/taskErrors';
import { readId, taskIdProperty } from '../../helpers/taskInput';

const properties: INodeProperties[] = [
	taskIdProperty('The task ID returned by Generate MiniMax-H3 Video'),
	downloadOptions,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['h3'], operation: ['download'] } },
	properties,
);

/** Asks the task again for a fresh URL, so an expired link is never a dead end. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const check = new InputValidator(this.getNode(), itemIndex);
	const options = readVideoOptions(this.getNodeParameter('options', itemIndex, {}) as IDataObject);
	const taskId = readId(check, 'Task ID', this.getNodeParameter('taskId', itemIndex));
	try {
		const task = await queryH3Task(this, itemIndex, taskId);
		if (isStatus(task.status, H3_FAILURE)) throw h3FailedError(this, itemIndex, task);
		if (!isStatus(task.status, H3_SUCCESS)) {
			throw miniMaxApiError(this.getNode(), {
				message: `MiniMax-H3 task ${taskId} is not finished yet (status: ${task.status || 'unknown'})`,
				itemIndex,
				note: `Nothing to download yet: ${h3ResumeHint(taskId)}.`,
			});
		}
		const video = h3Video(this, itemIndex, task, {
			fallbackName: `video-${taskId}`,
			json: { taskId, ...h3Json(task), status: task.status },
		});
		return [await finishedVideoItem(this, itemIndex, video, options.output)];
	} catch (error) {
		throw withTaskId(error, taskId, '');
	}
}
