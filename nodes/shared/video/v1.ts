import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { miniMaxApiError } from '../transport/errors';
import { pollUntilDone, type PollSettings } from '../transport/polling';
import { miniMaxRequest, type MiniMaxContext, type MiniMaxResponse } from '../transport/request';
import { retrieveDownloadUrl } from '../files/retrieve';
import { FILE_URL_VALID_HOURS, type FinishedVideo } from './output';

/** Video generation v1: create, query, files/retrieve (docs/minimax-api.md §7.1–7.3). */

export interface CreatedTask {
	taskId: string;
	traceId?: string;
}

export interface VideoTaskStatus {
	taskId: string;
	status: string;
	fileId?: string;
	width?: number;
	height?: number;
	/** MiniMax's status_msg when it says more than "success". */
	message?: string;
}

export const FAILURE_STATUSES = ['Fail', 'Failed'];

const idText = (value: unknown): string | undefined =>
	value === undefined || value === null || value === '' || value === 0 ? undefined : String(value);
const positive = (value: unknown): number | undefined =>
	Number(value) > 0 ? Number(value) : undefined;

export const resumeHintFor = (taskId: string) =>
	`run "Get Task Status" or "Download Video" with task ID ${taskId} later to fetch the video`;

/** POSTs a billed creation request that answers {task_id} (v1 generation and templates). */
export async function createTask(
	ctx: IExecuteFunctions,
	itemIndex: number,
	path: string,
	body: IDataObject,
): Promise<CreatedTask> {
	const { body: response, traceId } = (await miniMaxRequest.call(ctx, {
		method: 'POST',
		path,
		body,
		itemIndex,
		createsJob: true,
	})) as MiniMaxResponse<IDataObject>;
	const taskId = idText(response.task_id);
	if (!taskId)
		throw miniMaxApiError(ctx.getNode(), {
			message: 'MiniMax did not return a task ID',
			traceId,
			itemIndex,
		});
	return { taskId, traceId };
}

export async function queryVideoTask(
	ctx: MiniMaxContext,
	itemIndex: number,
	taskId: string,
): Promise<VideoTaskStatus> {
	const { body } = (await miniMaxRequest.call(ctx, {
		method: 'GET',
		path: '/v1/query/video_generation',
		qs: { task_id: taskId },
		itemIndex,
	})) as MiniMaxResponse<IDataObject & { base_resp?: { status_msg?: string } }>;
	const message = body.base_resp?.status_msg;
	return {
		taskId,
		status: String(body.status ?? ''),
		fileId: idText(body.file_id),
		width: positive(body.video_width),
		height: positive(body.video_height),
		message: message && !/^success$/i.test(message) ? message : undefined,
	};
}

export async function waitForVideoTask(
	ctx: IExecuteFunctions,
	itemIndex: number,
	taskId: string,
	poll: PollSettings,
): Promise<VideoTaskStatus> {
	return await pollUntilDone(ctx, poll, {
		itemIndex,
		taskId,
		taskLabel: `video task ${taskId}`,
		resumeHint: resumeHintFor(taskId),
		query: async () => await queryVideoTask(ctx, itemIndex, taskId),
		statusOf: (task) => task.status,
		successStatuses: ['Success'],
		failureStatuses: FAILURE_STATUSES,
		onFailure: (task) => taskFailedError(ctx, itemIndex, task),
	});
}

export function taskFailedError(
	ctx: IExecuteFunctions,
	itemIndex: number,
	task: VideoTaskStatus,
): Error {
	return miniMaxApiError(ctx.getNode(), {
		message: `Video task ${task.taskId} failed: ${task.message ?? 'MiniMax gave no reason'}`,
		itemIndex,
		note: 'Nothing was produced for this task. Change the prompt or images and generate again.',
	});
}

/** A finished v1 video: a fresh files/retrieve link now, and again whenever that link has expired. */
export async function videoFromFile(
	ctx: IExecuteFunctions,
	itemIndex: number,
	fileId: string,
	details: Omit<FinishedVideo, 'url' | 'refreshUrl' | 'urlValidHours'>,
): Promise<FinishedVideo> {
	const file = await retrieveDownloadUrl(ctx, itemIndex, fileId);
	return {
		...details,
		url: file.downloadUrl,
		urlValidHours: FILE_URL_VALID_HOURS,
		refreshUrl: async () => (await retrieveDownloadUrl(ctx, itemIndex, fileId)).downloadUrl,
	};
}
