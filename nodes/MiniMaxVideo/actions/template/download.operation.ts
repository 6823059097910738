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
	queryTemplateTask,
	templateFailedError,
	templateResumeHint,
	templateVideo,
} from '../../../shared/video/template';
import { FAILURE_STATUSES } from '../../../shared/video/v1';

const properties: INodeProperties[] = [
	taskIdProperty('The task ID returned by Generate From Template'),
	downloadOptions,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['template'], operation: ['download'] } },
	properties,
);

/** Asks the task again for a fresh video_url, so an expired link is never a dead end. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const check = new InputValidator(this.getNode(), itemIndex);
	const options = readVideoOptions(this.getNodeParameter('options', itemIndex, {}) as IDataObject);
	const taskId = readId(check, 'Task ID', this.getNodeParameter('taskId', itemIndex));
	try {
		const task = await queryTemplateTask(this, itemIndex, taskId);
		if (isStatus(task.status, FAILURE_STATUSES)) throw templateFailedError(this, itemIndex, task);
		if (!isStatus(task.status, ['Success'])) {
			throw miniMaxApiError(this.getNode(), {
				message: `Video template task ${taskId} is not finished yet (status: ${task.status || 'unknown'})`,
				itemIndex,
				note: `Nothing to download yet: ${templateResumeHint(taskId)}.`,
			});
		}
		const video = templateVideo(this, itemIndex, task, {
			fallbackName: `template-video-${taskId}`,
			json: { taskId, status: 'Success' },
		});
		return [await finishedVideoItem(this, itemIndex, video, options.output)];
	} catch (error) {
		throw withTaskId(error, taskId, '');
	}
}
