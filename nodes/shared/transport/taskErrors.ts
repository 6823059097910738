import { NodeApiError, NodeOperationError } from 'n8n-workflow';

/** MiniMax codes that, on a task query, mean the task itself failed content moderation. */
export const TASK_FAILURE_CODES = new Set([1026, 1027]);

/** The MiniMax business code an API error carries ("… (1027)"), if any. */
export function miniMaxCodeOf(error: unknown): number | undefined {
	if (!(error instanceof NodeApiError)) return undefined;
	const match = /\((\d{4,5})\)$/.exec(error.message);
	return match ? Number(match[1]) : undefined;
}

/**
 * Adds the task ID (and how to pick the task up again) to an error raised while working on a
 * task, so that a failed or interrupted execution never loses the task.
 */
export function withTaskId(error: unknown, taskId: string, hint: string): unknown {
	if (!(error instanceof NodeApiError) && !(error instanceof NodeOperationError)) return error;
	if (error.description?.includes(taskId)) return error;
	const note = `Task ID: ${taskId}. ${hint}`.trim();
	error.description = error.description ? `${error.description} ${note}` : note;
	error.context = { ...(error.context ?? {}), taskId };
	return error;
}
