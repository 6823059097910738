import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { IDataObject } from 'n8n-workflow';

import { isStatus } from '../../shared/transport/polling';
import type { MiniMaxContext } from '../../shared/transport/request';
import { H3_FAILURE, H3_SUCCESS, queryH3Task } from '../../shared/video/h3';
import { miniMaxCodeOf, TASK_FAILURE_CODES } from '../../shared/transport/taskErrors';
import { queryTemplateTask } from '../../shared/video/template';
import { FAILURE_STATUSES, queryVideoTask } from '../../shared/video/v1';

export type TaskType = 'video' | 'template' | 'h3';

/** A task whose final status MiniMax itself confirmed. */
export interface ConfirmedTask {
	taskType: TaskType;
	taskId: string;
	succeeded: boolean;
	status: string;
	fileId?: string;
	videoUrl?: string;
	width?: number;
	height?: number;
	message?: string;
	details?: IDataObject;
}

const INVALID_PARAMS = 2013;

/**
 * Asks MiniMax for the task's real status: a callback POST is only trusted when the API agrees
 * that the task is finished. Returns undefined when the task is unknown to this account or not
 * finished (a forged or stale POST).
 */
export async function confirmFinishedTask(
	ctx: MiniMaxContext,
	taskId: string,
	types: TaskType[],
): Promise<ConfirmedTask | undefined> {
	for (const taskType of types) {
		const confirmed = await queryType(ctx, taskType, taskId);
		if (confirmed !== 'unknown') return confirmed;
	}
	return undefined;
}

async function queryType(
	ctx: MiniMaxContext,
	taskType: TaskType,
	taskId: string,
): Promise<ConfirmedTask | undefined | 'unknown'> {
	try {
		if (taskType === 'video') {
			const task = await queryVideoTask(ctx, 0, taskId);
			const succeeded = isStatus(task.status, ['Success']);
			if (!succeeded && !isStatus(task.status, FAILURE_STATUSES)) return undefined;
			return {
				taskType,
				taskId,
				succeeded,
				status: succeeded ? 'Success' : 'Fail',
				fileId: task.fileId,
				width: task.width,
				height: task.height,
				message: task.message,
			};
		}
		if (taskType === 'template') {
			const task = await queryTemplateTask(ctx, 0, taskId);
			const succeeded = isStatus(task.status, ['Success']);
			if (!succeeded && !isStatus(task.status, FAILURE_STATUSES)) return undefined;
			return {
				taskType,
				taskId,
				succeeded,
				status: succeeded ? 'Success' : 'Fail',
				videoUrl: task.videoUrl,
				message: task.message,
			};
		}
		const task = await queryH3Task(ctx, 0, taskId);
		const succeeded = isStatus(task.status, H3_SUCCESS);
		if (!succeeded && !isStatus(task.status, H3_FAILURE)) return undefined;
		return {
			taskType,
			taskId,
			succeeded,
			status: succeeded ? 'Success' : 'Fail',
			videoUrl: task.url,
			message: task.failure,
			details: {
				model: task.model,
				duration: task.duration,
				resolution: task.resolution,
				ratio: task.ratio,
			},
		};
	} catch (error) {
		const code = miniMaxCodeOf(error);
		// A moderation failure is how MiniMax reports a failed task on the v1/template query.
		if (code !== undefined && TASK_FAILURE_CODES.has(code) && taskType !== 'h3') {
			return {
				taskType,
				taskId,
				succeeded: false,
				status: 'Fail',
				message: (error as Error).message,
			};
		}
		// Unknown to this API (2013 on v1 routes, HTTP 404 on v2): maybe another task type, or forged.
		if (
			code === INVALID_PARAMS ||
			/\b404\b|not found/i.test(
				String((error as { httpCode?: string }).httpCode ?? (error as Error).message),
			)
		) {
			return 'unknown';
		}
		throw error instanceof NodeApiError || error instanceof NodeOperationError
			? error
			: new NodeOperationError(ctx.getNode(), error as Error);
	}
}
