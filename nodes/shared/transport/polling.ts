import { NodeOperationError } from 'n8n-workflow';

import { cancellableSleep } from './cancellation';
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

/**
 * The early polls: a job that is done in a few seconds (MiniMax-H3-Max renders a 5-s clip in about
 * 3 s) should not wait a whole poll interval. The first EARLY_POLLS status queries come every
 * EARLY_POLL_MS (never more often than the chosen interval), then the chosen interval applies.
 * Status queries for a job of T ms thus stay within ceil(T / interval) + EARLY_POLLS.
 */
export const EARLY_POLL_MS = 2000;
export const EARLY_POLLS = 3;

/**
 * Milliseconds to wait before status query number `pollIndex` (0 = the first query after the
 * job was created): EARLY_POLL_MS for the first EARLY_POLLS queries, then `intervalMs`; never
 * longer than the interval itself.
 */
export function pollDelayMs(pollIndex: number, intervalMs: number): number {
	return pollIndex < EARLY_POLLS ? Math.min(EARLY_POLL_MS, intervalMs) : intervalMs;
}

export const isStatus = (status: string | undefined, candidates: string[]): boolean =>
	status !== undefined && candidates.some((c) => c.toLowerCase() === status.toLowerCase());

/**
 * The one polling loop (the shape of OpenAI's pollUntilAvailable): queries until a terminal status,
 * the overall timeout (NodeOperationError with the resume hint), or the execution is cancelled.
 * Query times: after 2, 4 and 6 s (pollDelayMs), then every `intervalMs`; queue-mode safe (all
 * state is local to this call) and cancellable between queries.
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
	for (let pollIndex = 0; ; pollIndex++) {
		// No query right after the create: a job is never done at once, so the first poll waits too.
		await cancellableSleep(
			ctx,
			Math.max(0, Math.min(pollDelayMs(pollIndex, settings.intervalMs), deadline - Date.now())),
			task.itemIndex,
		);
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
	}
}

export function formatDuration(ms: number): string {
	if (ms < 1000) return `${ms} ms`;
	const seconds = Math.round(ms / 1000);
	if (seconds < 120) return `${seconds} s`;
	return `${Math.round(seconds / 60)} min`;
}
