import type { IDataObject } from 'n8n-workflow';

import type { MiniMaxContext } from './context';
import { DEFAULT_RETRY, type RetrySettings } from './retry';

/**
 * Retry settings per node execution context, read once from the node's Options (the first
 * item's, like Concurrency) the first time a request needs them, as the base URL is.
 */
const retryByContext = new WeakMap<object, RetrySettings>();

/** Max Retries and Retry Delay from an Options collection; missing or invalid values → defaults. */
export function readRetrySettings(options: IDataObject): RetrySettings {
	const number = (value: unknown, fallback: number) =>
		typeof value === 'number' && Number.isFinite(value) ? value : fallback;
	return {
		maxRetries: Math.max(0, Math.floor(number(options.maxRetries, DEFAULT_RETRY.maxRetries))),
		baseDelayMs: Math.max(0, number(options.retryDelayMs, DEFAULT_RETRY.baseDelayMs)),
		maxDelayMs: DEFAULT_RETRY.maxDelayMs,
	};
}

/** The retry settings of this execution (node Options → Max Retries, Retry Delay). */
export function retrySettingsOf(ctx: MiniMaxContext): RetrySettings {
	const cached = retryByContext.get(ctx);
	if (cached) return cached;
	const settings = readRetrySettings(nodeOptionsOf(ctx));
	retryByContext.set(ctx, settings);
	return settings;
}

/** Sets this execution's retry settings explicitly (sub-nodes whose options live elsewhere). */
export function useRetrySettings(ctx: object, settings: RetrySettings): void {
	retryByContext.set(ctx, settings);
}

/** The node's Options collection: item 0 for item-based contexts, the node's for triggers. */
function nodeOptionsOf(ctx: MiniMaxContext): IDataObject {
	const getParameter = ctx.getNodeParameter as unknown as (...args: unknown[]) => unknown;
	try {
		const value =
			'getInputData' in ctx
				? getParameter.call(ctx, 'options', 0, {})
				: getParameter.call(ctx, 'options', {});
		return value && typeof value === 'object' ? (value as IDataObject) : {};
	} catch {
		return {};
	}
}
