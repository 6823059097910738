import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { miniMaxApiError } from '../transport/errors';
import { pollUntilDone, type PollSettings } from '../transport/polling';
import { miniMaxRequest, type MiniMaxContext, type MiniMaxResponse } from '../transport/request';
import type { FinishedVideo } from './output';
import type { CreatedTask } from './v1';
import { GENERATION_TIMEOUT_MS } from '../transport/consts';

/**
 * MiniMax-H3 through the v2 video API (docs/minimax-api.md §7.6). Where docs/minimax-api.md marks shapes uncertain,
 * both are read: the task under `task` or at the top level, the URL in content.url (or similar),
 * the failure as an {code, message} object or a plain text. HTTP errors with the v2 error object
 * are mapped by the shared transport.
 */

export interface H3TaskStatus {
	taskId: string;
	status: string;
	url?: string;
	model?: string;
	duration?: number;
	resolution?: string;
	ratio?: string;
	usage?: IDataObject;
	failure?: string;
	/** `generation` or `regeneration` (2K upscale). */
	taskType?: string;
	/** ISO dates from the unix seconds MiniMax gives. */
	createdAt?: string;
	updatedAt?: string;
}

export const H3_SUCCESS = ['succeeded', 'success'];
export const H3_FAILURE = ['failed', 'fail', 'cancelled', 'canceled', 'expired'];

export const h3ResumeHint = (taskId: string) =>
	`run "Get MiniMax-H3 Task Status" or "Download MiniMax-H3 Video" with task ID ${taskId} later to fetch the video`;

const text = (value: unknown): string | undefined =>
	value === undefined || value === null || value === '' ? undefined : String(value);

/**
 * Creates a v2 task: `POST /v2/video_generation` (a new video) or `POST /v2/video_regeneration`
 * (a 2K upscale, docs/minimax-api.md §17.2). Answers `{task_id}`; never re-sent once created.
 */
export async function createH3Task(
	ctx: IExecuteFunctions,
	itemIndex: number,
	body: IDataObject,
	path: '/v2/video_generation' | '/v2/video_regeneration' = '/v2/video_generation',
): Promise<CreatedTask> {
	const { body: response, traceId } = (await miniMaxRequest.call(ctx, {
		method: 'POST',
		path,
		body,
		itemIndex,
		createsJob: true,
		timeoutMs: GENERATION_TIMEOUT_MS,
	})) as MiniMaxResponse<IDataObject & { task?: IDataObject; data?: IDataObject }>;
	const taskId =
		text(response.task_id) ??
		text(response.id) ??
		text(response.task?.id) ??
		text(response.data?.task_id);
	if (!taskId)
		throw miniMaxApiError(ctx.getNode(), {
			message: 'MiniMax did not return a task ID',
			traceId,
			itemIndex,
		});
	return { taskId, traceId };
}

export async function queryH3Task(
	ctx: MiniMaxContext,
	itemIndex: number,
	taskId: string,
): Promise<H3TaskStatus> {
	const { body } = (await miniMaxRequest.call(ctx, {
		method: 'GET',
		path: `/v2/query/video_generation/${encodeURIComponent(taskId)}`,
		itemIndex,
	})) as MiniMaxResponse<IDataObject>;
	const data = body.data as IDataObject | undefined;
	const task = ((body.task ?? data?.task ?? data ?? body) as IDataObject) ?? {};
	return h3TaskOf(task, taskId);
}

/** Reads one v2 task object (a query's `task`, or an item of the list) defensively. */
export function h3TaskOf(task: IDataObject, taskId?: string): H3TaskStatus {
	const content = task.content as IDataObject | IDataObject[] | undefined;
	const first = Array.isArray(content) ? content[0] : content;
	const url = text(first?.url) ?? text(first?.video_url) ?? text(task.video_url) ?? text(task.url);
	return {
		taskId: taskId ?? text(task.id) ?? text(task.task_id) ?? '',
		status: String(task.status ?? ''),
		url,
		model: text(task.model),
		duration: task.duration === undefined ? undefined : Number(task.duration),
		resolution: text(task.resolution),
		ratio: text(task.ratio),
		usage: (task.usage as IDataObject | undefined) ?? undefined,
		failure: failureText(task.error ?? task.failure_reason ?? task.message),
		taskType: text(task.task_type),
		createdAt: unixSeconds(task.created_at),
		updatedAt: unixSeconds(task.updated_at),
	};
}

/** Unix seconds (or milliseconds) as an ISO date. */
function unixSeconds(value: unknown): string | undefined {
	const number = Number(value);
	if (value === undefined || value === null || value === '' || !Number.isFinite(number))
		return undefined;
	return new Date(number > 1e12 ? number : number * 1000).toISOString();
}

function failureText(error: unknown): string | undefined {
	if (!error) return undefined;
	if (typeof error !== 'object') return String(error);
	const { code, message } = error as { code?: unknown; message?: unknown };
	if (message && code !== undefined && code !== '') return `${String(message)} (${String(code)})`;
	return text(message) ?? text(code);
}

export function h3FailedError(
	ctx: IExecuteFunctions,
	itemIndex: number,
	task: H3TaskStatus,
): Error {
	return miniMaxApiError(ctx.getNode(), {
		message: `MiniMax-H3 task ${task.taskId} ended with status "${task.status}": ${task.failure ?? 'MiniMax gave no reason'}`,
		itemIndex,
		note: 'Nothing was produced for this task. Change the prompt or media and generate again.',
	});
}

export async function waitForH3Task(
	ctx: IExecuteFunctions,
	itemIndex: number,
	taskId: string,
	poll: PollSettings,
): Promise<H3TaskStatus> {
	return await pollUntilDone(ctx, poll, {
		itemIndex,
		taskId,
		taskLabel: `MiniMax-H3 task ${taskId}`,
		resumeHint: h3ResumeHint(taskId),
		query: async () => await queryH3Task(ctx, itemIndex, taskId),
		statusOf: (task) => task.status,
		successStatuses: H3_SUCCESS,
		failureStatuses: H3_FAILURE,
		onFailure: (task) => h3FailedError(ctx, itemIndex, task),
	});
}

/** A finished H3 video; an expired link is replaced by asking the task again. */
export function h3Video(
	ctx: IExecuteFunctions,
	itemIndex: number,
	task: H3TaskStatus,
	details: Omit<FinishedVideo, 'url' | 'refreshUrl' | 'urlValidHours'>,
): FinishedVideo {
	if (!task.url) {
		throw miniMaxApiError(ctx.getNode(), {
			message: `MiniMax-H3 task ${task.taskId} succeeded but MiniMax gave no video URL`,
			itemIndex,
			note: `Task ID: ${task.taskId}. Try again later.`,
		});
	}
	return {
		...details,
		url: task.url,
		refreshUrl: async () => {
			const fresh = await queryH3Task(ctx, itemIndex, task.taskId);
			if (!fresh.url) throw h3FailedError(ctx, itemIndex, fresh);
			return fresh.url;
		},
	};
}

/** The JSON fields describing an H3 task (for outputs). */
export function h3Json(task: H3TaskStatus): IDataObject {
	return {
		model: task.model,
		duration: task.duration,
		resolution: task.resolution,
		ratio: task.ratio,
		usage: task.usage,
		taskType: task.taskType,
	};
}
