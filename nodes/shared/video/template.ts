import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { miniMaxApiError } from '../transport/errors';
import { pollUntilDone, type PollSettings } from '../transport/polling';
import { miniMaxRequest, type MiniMaxContext, type MiniMaxResponse } from '../transport/request';
import { FILE_URL_VALID_HOURS, type FinishedVideo } from './output';
import { FAILURE_STATUSES } from './v1';

/** Video Agent templates (docs/minimax-api.md §7.5): the query returns the video URL directly, no file hop. */

export interface TemplateTaskStatus {
	taskId: string;
	status: string;
	videoUrl?: string;
	message?: string;
}

export const templateResumeHint = (taskId: string) =>
	`run "Get Template Task Status" or "Download Template Video" with task ID ${taskId} later to fetch the video`;

export async function queryTemplateTask(
	ctx: MiniMaxContext,
	itemIndex: number,
	taskId: string,
): Promise<TemplateTaskStatus> {
	const { body } = (await miniMaxRequest.call(ctx, {
		method: 'GET',
		path: '/v1/query/video_template_generation',
		qs: { task_id: taskId },
		itemIndex,
	})) as MiniMaxResponse<IDataObject & { base_resp?: { status_msg?: string } }>;
	const url = typeof body.video_url === 'string' && body.video_url ? body.video_url : undefined;
	const message = body.base_resp?.status_msg;
	return {
		taskId,
		status: String(body.status ?? ''),
		videoUrl: url,
		message: message && !/^success$/i.test(message) ? message : undefined,
	};
}

export function templateFailedError(
	ctx: IExecuteFunctions,
	itemIndex: number,
	task: TemplateTaskStatus,
): Error {
	return miniMaxApiError(ctx.getNode(), {
		message: `Video template task ${task.taskId} failed: ${task.message ?? 'MiniMax gave no reason'}`,
		itemIndex,
		note: 'Nothing was produced for this task. Check the template inputs and generate again.',
	});
}

export async function waitForTemplateTask(
	ctx: IExecuteFunctions,
	itemIndex: number,
	taskId: string,
	poll: PollSettings,
): Promise<TemplateTaskStatus> {
	return await pollUntilDone(ctx, poll, {
		itemIndex,
		taskId,
		taskLabel: `video template task ${taskId}`,
		resumeHint: templateResumeHint(taskId),
		query: async () => await queryTemplateTask(ctx, itemIndex, taskId),
		statusOf: (task) => task.status,
		successStatuses: ['Success'],
		failureStatuses: FAILURE_STATUSES,
		onFailure: (task) => templateFailedError(ctx, itemIndex, task),
	});
}

/** A finished template video; an expired link is replaced by asking the task again. */
export function templateVideo(
	ctx: IExecuteFunctions,
	itemIndex: number,
	task: TemplateTaskStatus,
	details: Omit<FinishedVideo, 'url' | 'refreshUrl' | 'urlValidHours'>,
): FinishedVideo {
	if (!task.videoUrl) {
		throw miniMaxApiError(ctx.getNode(), {
			message: `Video template task ${task.taskId} succeeded but MiniMax gave no video URL`,
			itemIndex,
			note: `Task ID: ${task.taskId}. Try again later.`,
		});
	}
	return {
		...details,
		url: task.videoUrl,
		urlValidHours: FILE_URL_VALID_HOURS,
		refreshUrl: async () => {
			const fresh = await queryTemplateTask(ctx, itemIndex, task.taskId);
			if (!fresh.videoUrl) throw templateFailedError(ctx, itemIndex, fresh);
			return fresh.videoUrl;
		},
	};
}
