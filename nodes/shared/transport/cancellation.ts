import { NodeOperationError, sleep } from 'n8n-workflow';
import type { IExecuteFunctions } from 'n8n-workflow';

import { CANCEL_CHECK_INTERVAL_MS } from './consts';
import type { MiniMaxContext } from './context';

/** The execution's cancel signal; undefined for contexts that have none (load options, hooks). */
export function cancelSignalOf(ctx: MiniMaxContext): AbortSignal | undefined {
	const candidate = ctx as Partial<IExecuteFunctions>;
	return typeof candidate.getExecutionCancelSignal === 'function'
		? candidate.getExecutionCancelSignal()
		: undefined;
}

/** Throws a NodeOperationError for the item once the execution was cancelled. */
export function throwIfCancelled(ctx: MiniMaxContext, itemIndex?: number): void {
	if (cancelSignalOf(ctx)?.aborted) {
		throw new NodeOperationError(ctx.getNode(), 'The execution was cancelled', { itemIndex });
	}
}

/** Sleeps `ms` in short slices so that a cancelled execution stops waiting promptly. */
export async function cancellableSleep(
	ctx: MiniMaxContext,
	ms: number,
	itemIndex?: number,
): Promise<void> {
	const signal = cancelSignalOf(ctx);
	let remaining = ms;
	while (remaining > 0) {
		throwIfCancelled(ctx, itemIndex);
		const slice = Math.min(remaining, CANCEL_CHECK_INTERVAL_MS);
		try {
			await sleep(slice, signal);
		} catch {
			// sleep rejects with the abort reason when the execution is cancelled
			throwIfCancelled(ctx, itemIndex);
		}
		remaining -= slice;
	}
	throwIfCancelled(ctx, itemIndex);
}
