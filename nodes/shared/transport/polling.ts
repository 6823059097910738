import { NodeOperationError } from 'n8n-workflow';

import { cancellableSleep, throwIfCancelled, type MiniMaxContext } from './request';

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
}

export const isStatus = (status: string | undefined, candidates: string[]): boolean =>
	status !== undefined && candidates.some((c) => c.toLowerCase() === status.toLowerCase());

/** Polls until a terminal status, the overall timeout, or the execution is cancelled. */
export async function pollUntilDone<T>(
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
