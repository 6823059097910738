import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { isStatus } from '../../../shared/polling';
import { InputValidator } from '../../../shared/validation';
import { statusOptions, readVideoOptions } from '../../helpers/options';
import { FILE_URL_VALID_HOURS } from '../../helpers/output';
import { miniMaxCodeOf, TASK_FAILURE_CODES, withTaskId } from '../../helpers/taskErrors';
import { readId, taskIdProperty } from '../../helpers/taskInput';
import { FAILURE_STATUSES, queryVideoTask, resumeHintFor, retrieveFile } from '../../helpers/videoApi';

const properties: INodeProperties[] = [
	taskIdProperty('The task ID returned by Generate Video (Submit Only or callback mode)'),
	statusOptions,
];

export const description = updateDisplayOptions({ show: { resource: ['video'], operation: ['getTask'] } }, properties);

/** One status check; on success also a fresh download link. A failed task is a result here, not an error. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const check = new InputValidator(this.getNode(), itemIndex);
	const { common } = readVideoOptions(this.getNodeParameter('options', itemIndex, {}) as IDataObject);
	const taskId = readId(check, 'Task ID', this.getNodeParameter('taskId', itemIndex));
	let json: IDataObject;
	try {
		const task = await queryVideoTask(this, itemIndex, taskId, common.retry);
		const succeeded = isStatus(task.status, ['Success']);
		const failed = isStatus(task.status, FAILURE_STATUSES);
		json = {
			taskId,
			status: task.status,
			finished: succeeded || failed,
			succeeded,
			fileId: task.fileId,
			width: task.width,
			height: task.height,
			failureReason: failed ? (task.message ?? 'MiniMax gave no reason') : undefined,
		};
		if (succeeded && task.fileId) {
			const file = await retrieveFile(this, itemIndex, task.fileId, common.retry);
			json.downloadUrl = file.downloadUrl;
			json.downloadUrlValidHours = FILE_URL_VALID_HOURS;
			json.downloadUrlExpiresAt = new Date(Date.now() + FILE_URL_VALID_HOURS * 3600_000).toISOString();
		}
	} catch (error) {
		const code = miniMaxCodeOf(error);
		if (code === undefined || !TASK_FAILURE_CODES.has(code)) throw withTaskId(error, taskId, '');
		// MiniMax reports a task that failed content moderation as a query error (1026/1027).
		json = { taskId, status: 'Fail', finished: true, succeeded: false, failureReason: (error as Error).message, failureCode: code };
	}
	if (!json.finished) json.next = `Not ready yet: ${resumeHintFor(taskId)}.`;
	for (const key of Object.keys(json)) if (json[key] === undefined) delete json[key];
	return [{ json, pairedItem: { item: itemIndex } }];
}
