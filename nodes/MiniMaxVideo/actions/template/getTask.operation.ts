import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { isStatus } from '../../../shared/polling';
import { InputValidator } from '../../../shared/validation';
import { readVideoOptions, statusOptions } from '../../helpers/options';
import { FILE_URL_VALID_HOURS } from '../../helpers/output';
import { miniMaxCodeOf, TASK_FAILURE_CODES, withTaskId } from '../../helpers/taskErrors';
import { readId, taskIdProperty } from '../../helpers/taskInput';
import { queryTemplateTask, templateResumeHint } from '../../helpers/templateApi';
import { FAILURE_STATUSES } from '../../helpers/videoApi';

const properties: INodeProperties[] = [taskIdProperty('The task ID returned by Generate From Template'), statusOptions];

export const description = updateDisplayOptions({ show: { resource: ['template'], operation: ['getTask'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const check = new InputValidator(this.getNode(), itemIndex);
	const { common } = readVideoOptions(this.getNodeParameter('options', itemIndex, {}) as IDataObject);
	const taskId = readId(check, 'Task ID', this.getNodeParameter('taskId', itemIndex));
	let json: IDataObject;
	try {
		const task = await queryTemplateTask(this, itemIndex, taskId, common.retry);
		const succeeded = isStatus(task.status, ['Success']);
		const failed = isStatus(task.status, FAILURE_STATUSES);
		json = {
			taskId,
			status: task.status,
			finished: succeeded || failed,
			succeeded,
			failureReason: failed ? (task.message ?? 'MiniMax gave no reason') : undefined,
		};
		if (succeeded && task.videoUrl) {
			json.downloadUrl = task.videoUrl;
			json.downloadUrlValidHours = FILE_URL_VALID_HOURS;
			json.downloadUrlExpiresAt = new Date(Date.now() + FILE_URL_VALID_HOURS * 3600_000).toISOString();
		}
	} catch (error) {
		const code = miniMaxCodeOf(error);
		if (code === undefined || !TASK_FAILURE_CODES.has(code)) throw withTaskId(error, taskId, '');
		json = { taskId, status: 'Fail', finished: true, succeeded: false, failureReason: (error as Error).message, failureCode: code };
	}
	if (!json.finished) json.next = `Not ready yet: ${templateResumeHint(taskId)}.`;
	for (const key of Object.keys(json)) if (json[key] === undefined) delete json[key];
	return [{ json, pairedItem: { item: itemIndex } }];
}
