import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { FILE_URL_VALID_HOURS } from './output';
import { miniMaxCodeOf, TASK_FAILURE_CODES, withTaskId } from '../transport/taskErrors';

export interface QueriedTask {
	status: string;
	succeeded: boolean;
	failed: boolean;
	message?: string;
	details?: IDataObject;
	/** A fresh download link, asked for only when the task succeeded. */
	downloadUrl?: () => Promise<string | undefined>;
}

/**
 * The Get Task Status output shared by v1 and template tasks: one status check, a fresh link on
 * success, and a failed task as a result rather than an error.
 */
export async function taskStatusItem(
	itemIndex: number,
	taskId: string,
	resumeHint: string,
	query: () => Promise<QueriedTask>,
): Promise<INodeExecutionData[]> {
	let json: IDataObject;
	try {
		const task = await query();
		json = {
			taskId,
			status: task.status,
			finished: task.succeeded || task.failed,
			succeeded: task.succeeded,
			...task.details,
			failureReason: task.failed ? (task.message ?? 'MiniMax gave no reason') : undefined,
		};
		const url = task.succeeded && task.downloadUrl ? await task.downloadUrl() : undefined;
		if (url) {
			json.downloadUrl = url;
			json.downloadUrlValidHours = FILE_URL_VALID_HOURS;
			json.downloadUrlExpiresAt = new Date(
				Date.now() + FILE_URL_VALID_HOURS * 3600_000,
			).toISOString();
		}
	} catch (error) {
		const code = miniMaxCodeOf(error);
		if (code === undefined || !TASK_FAILURE_CODES.has(code)) throw withTaskId(error, taskId, '');
		// MiniMax reports a task that failed content moderation as a query error (1026/1027).
		json = {
			taskId,
			status: 'Fail',
			finished: true,
			succeeded: false,
			failureReason: (error as Error).message,
			failureCode: code,
		};
	}
	if (!json.finished) json.next = `Not ready yet: ${resumeHint}.`;
	for (const key of Object.keys(json)) if (json[key] === undefined) delete json[key];
	return [{ json, pairedItem: { item: itemIndex } }];
}
