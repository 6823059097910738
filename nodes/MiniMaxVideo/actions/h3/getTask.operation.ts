import { updateDisplayOptions } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { isStatus } from '../../../shared/transport/polling';
import { InputValidator } from '../../../shared/validation';
import {
	H3_FAILURE,
	H3_SUCCESS,
	h3Json,
	h3ResumeHint,
	queryH3Task,
} from '../../../shared/video/h3';
import { statusOptions } from '../../helpers/options';
import { withTaskId } from '../../../shared/transport/taskErrors';
import { readId, taskIdProperty } from '../../helpers/taskInput';

const properties: INodeProperties[] = [
	taskIdProperty('The task ID returned by Generate MiniMax-H3 Video'),
	statusOptions,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['h3'], operation: ['getTask'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const check = new InputValidator(this.getNode(), itemIndex);
	const taskId = readId(check, 'Task ID', this.getNodeParameter('taskId', itemIndex));
	let task;
	try {
		task = await queryH3Task(this, itemIndex, taskId);
	} catch (error) {
		throw withTaskId(error, taskId, '');
	}
	const succeeded = isStatus(task.status, H3_SUCCESS);
	const failed = isStatus(task.status, H3_FAILURE);
	const json: IDataObject = {
		taskId,
		status: task.status,
		finished: succeeded || failed,
		succeeded,
		...h3Json(task),
		downloadUrl: succeeded ? task.url : undefined,
		failureReason: failed ? (task.failure ?? 'MiniMax gave no reason') : undefined,
		next: succeeded || failed ? undefined : `Not ready yet: ${h3ResumeHint(taskId)}.`,
	};
	for (const key of Object.keys(json)) if (json[key] === undefined) delete json[key];
	return [{ json, pairedItem: { item: itemIndex } }];
}
