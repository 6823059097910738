import { updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { isStatus } from '../../../shared/transport/polling';
import { InputValidator } from '../../../shared/validation';
import { statusOptions } from '../../helpers/options';
import { readId, taskIdProperty } from '../../helpers/taskInput';
import { taskStatusItem } from '../../../shared/video/taskStatus';
import { queryTemplateTask, templateResumeHint } from '../../../shared/video/template';
import { FAILURE_STATUSES } from '../../../shared/video/v1';

const properties: INodeProperties[] = [
	taskIdProperty('The task ID returned by Generate From Template'),
	statusOptions,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['template'], operation: ['getTask'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const check = new InputValidator(this.getNode(), itemIndex);
	const taskId = readId(check, 'Task ID', this.getNodeParameter('taskId', itemIndex));
	return await taskStatusItem(itemIndex, taskId, templateResumeHint(taskId), async () => {
		const task = await queryTemplateTask(this, itemIndex, taskId);
		return {
			status: task.status,
			succeeded: isStatus(task.status, ['Success']),
			failed: isStatus(task.status, FAILURE_STATUSES),
			message: task.message,
			downloadUrl: async () => task.videoUrl,
		};
	});
}
