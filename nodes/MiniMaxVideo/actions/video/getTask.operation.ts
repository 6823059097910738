import { updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { isStatus } from '../../../shared/transport/polling';
import { InputValidator } from '../../../shared/validation';
import { statusOptions } from '../../helpers/options';
import { readId, taskIdProperty } from '../../helpers/taskInput';
import { taskStatusItem } from '../../../shared/video/taskStatus';
import { FAILURE_STATUSES, queryVideoTask, resumeHintFor } from '../../../shared/video/v1';
import { retrieveDownloadUrl } from '../../../shared/files/retrieve';

const properties: INodeProperties[] = [
	taskIdProperty('The task ID returned by Generate Video (Submit Only or callback mode)'),
	statusOptions,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['video'], operation: ['getTask'] } },
	properties,
);

/** One status check; on success also a fresh download link. A failed task is a result here, not an error. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const check = new InputValidator(this.getNode(), itemIndex);
	const taskId = readId(check, 'Task ID', this.getNodeParameter('taskId', itemIndex));
	return await taskStatusItem(itemIndex, taskId, resumeHintFor(taskId), async () => {
		const task = await queryVideoTask(this, itemIndex, taskId);
		return {
			status: task.status,
			succeeded: isStatus(task.status, ['Success']),
			failed: isStatus(task.status, FAILURE_STATUSES),
			message: task.message,
			details: { fileId: task.fileId, width: task.width, height: task.height },
			downloadUrl: async () =>
				task.fileId
					? (await retrieveDownloadUrl(this, itemIndex, task.fileId)).downloadUrl
					: undefined,
		};
	});
}
