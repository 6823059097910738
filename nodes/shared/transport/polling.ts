import { NodeOperationError } from 'n8n-workflow';

import { cancellableSleep, throwIfCancelled } from './cancellation';
import type { MiniMaxContext } from './context';
import { miniMaxCodeOf, TASK_FAILURE_CODES, withTaskId } from './taskErrors';

export interface PollSettings {
	intervalMs: number;
	timeoutMs: number;
}

export interface PollTask<T> {
	itemIndex: number;
	/** One status query; the transport already turned base_resp errors into exceptions. */
	query: () => Promise<T>;
	statusOf: (value: T) => string | undefined;
	successStatuses: string[];
	failureStatuses: string[];
	onFailure: (value: T, status: string) => Error;
	/** Used in the timeout error so the user can resume, e.g. "video task 123". */
	taskLabel: string;
	/** How to pick the job up later, e.g. "use Get Long Speech Task with this task ID". */
	resumeHint: string;
	/**
	 * When set, every error names this task ID; errors that leave the task running (timeout,
	 * cancel, a failed query) also carry the resume hint. A task that failed has nothing to resume.
	 */
	taskId?: string;
}

export const isStatus = (status: string | undefined, candidates: string[]): boolean =>
	status !== undefined && candidates.some((c) => c.toLowerCase() === status.toLowerCase());

/**
 * The one polling loop (the shape of OpenAI's pollUntilAvailable): queries until a terminal status,
 * the overall timeout (NodeOperationError with the resume hint), or the execution is cancelled.
 * Returns the value with a success status; throws `onFailure(value)` for a failure status.
 */
export async function pollUntilDone<T>(
	ctx: MiniMaxContext,
	settings: PollSettings,
	task: PollTask<T>,
): Promise<T> {
	if (task.taskId === undefined) return await pollLoop(ctx, settings, task);
	let failure: Error | undefined;
	try {
		return await pollLoop(ctx, settings, {
			...task,
			onFailure: (value, status) => (failure = task.onFailure(value, status)),
		});
	} catch (error) {
		const code = miniMaxCodeOf(error);
		const taskFailed = error === failure || (code !== undefined && TASK_FAILURE_CODES.has(code));
		const hint = taskFailed
			? ''
			: `${task.resumeHint.charAt(0).toUpperCase()}${task.resumeHint.slice(1)}.`;
		throw withTaskId(error, task.taskId, hint);
	}
}

async function pollLoop<T>(
	ctx: MiniMaxContext,
	settings: PollSettings,
	task: PollTask<T>,
): Promise<T> {
	const deadline = Date.now() + settings.timeoutMs;
	for (;;) {
		throwIfCancelled(ctx, task.itemIndex);
		const value = await task.query();
		const status = task.statusOf(value);
		if (isStatus(status, task.successStatuses)) return value;
		if (isStatus(status, task.failureStatuses)) throw task.onFailure(value, String(status));
		const remaining = deadline - Date.now();
		if (remaining <= 0) {
			throw new NodeOperationError(
				ctx.getNode(),
				`MiniMax ${task.taskLabel} did not finish within ${formatDuration(settings.timeoutMs)} (last status: ${status ?? 'unknown'})`,
				{
					itemIndex: task.itemIndex,
					description: `The job keeps running at MiniMax and is not lost: ${task.resumeHint}. Or raise the wait timeout in the node options.`,
				},
			);
		}
		await cancellableSleep(ctx, Math.min(settings.intervalMs, remaining), task.itemIndex);
	}
}

export function formatDuration(ms: number): string {
	if (ms < 1000) return `${ms} ms`;
	const seconds = Math.round(ms / 1000);
	if (seconds < 120) return `${seconds} s`;
	return `${Math.round(seconds / 60)} min`;
}
