import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { describePaidWork, isStopError, paidWorkReport, stopNodeRun } from './transport/paidWork';

export type ItemHandler = (itemIndex: number) => Promise<INodeExecutionData[]>;

export const MAX_CONCURRENCY = 16;

/** How long items still running when another item failed are awaited before the node reports. */
export const IN_FLIGHT_GRACE_MS = 60_000;

/**
 * Runs the handler for every input item, at most `concurrency` at a time, and returns the
 * outputs in input order. Every input item yields its outputs or, with continueOnFail, one
 * error item; without it the first failing item (by index) stops the node: no new item starts,
 * running items send no further request and are awaited (at most IN_FLIGHT_GRACE_MS), and the
 * error's description and `context.paidWork` list the paid work (task, file, voice IDs) of every
 * other item with the operation that fetches it later (paidWork.ts).
 */
export async function runForEachItem(
	ctx: IExecuteFunctions,
	handler: ItemHandler,
	concurrency = 1,
): Promise<INodeExecutionData[]> {
	const count = ctx.getInputData().length;
	const results: INodeExecutionData[][] = new Array(count);
	const failures: Array<{ index: number; error: Error }> = [];
	const continueOnFail = ctx.continueOnFail();
	const limit = Math.max(1, Math.min(MAX_CONCURRENCY, Math.floor(concurrency) || 1));
	let next = 0;

	const worker = async () => {
		while (next < count && failures.length === 0) {
			const index = next++;
			try {
				const produced = await handler(index);
				results[index] = produced.map((item) => ({
					...item,
					pairedItem: item.pairedItem ?? { item: index },
				}));
			} catch (caught) {
				const error = withItemIndex(ctx, caught as Error, index);
				if (continueOnFail) {
					results[index] = [errorItem(error, index)];
				} else {
					if (!isStopError(error)) stopNodeRun(ctx, index);
					failures.push({ index, error });
					failed();
				}
			}
		}
	};
	let failed: () => void = () => undefined;
	const firstFailure = new Promise<void>((resolve) => (failed = resolve));
	const all = Promise.all(Array.from({ length: Math.min(limit, Math.max(count, 1)) }, worker));
	const graceOver = new AbortController();
	const grace = firstFailure.then(
		async () => await sleep(IN_FLIGHT_GRACE_MS, graceOver.signal).catch(() => undefined),
	);
	await Promise.race([all, grace]);
	graceOver.abort();

	if (failures.length) {
		const causes = failures.filter((failure) => !isStopError(failure.error));
		const first = (causes.length ? causes : failures).sort((a, b) => a.index - b.index)[0];
		throw withPaidWorkReport(ctx, first.index, first.error, results, next);
	}
	return results.flat();
}

/** Adds the other items' paid work to the error that stops the node (nothing paid is lost). */
function withPaidWorkReport(
	ctx: IExecuteFunctions,
	failedIndex: number,
	error: Error,
	results: INodeExecutionData[][],
	started: number,
): Error {
	const report = paidWorkReport(ctx, failedIndex, results);
	const finishedItems = results.flatMap((items, index) =>
		items && index !== failedIndex ? [index] : [],
	);
	const withWork = new Set(report.map((work) => work.itemIndex));
	const nothingPaid: number[] = [];
	for (let index = 0; index < ctx.getInputData().length; index++) {
		if (index === failedIndex || results[index] || withWork.has(index)) continue;
		nothingPaid.push(index);
	}
	if (!report.length && !finishedItems.length) return error;
	const text = describePaidWork(report, finishedItems, nothingPaid);
	const described = error as Error & {
		description?: string | null;
		context?: Record<string, unknown>;
	};
	described.description = [described.description, text].filter(Boolean).join('\n\n');
	described.context = {
		...(described.context ?? {}),
		paidWork: report,
		finishedItems,
		itemsWithNothingPaid: nothingPaid,
		itemsStarted: started,
	};
	return error;
}

/** The error as n8n's NodeApiError or NodeOperationError (other errors are wrapped). */
export function asNodeError(
	ctx: IExecuteFunctions,
	error: unknown,
): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(ctx.getNode(), error as Error);
}

function withItemIndex(ctx: IExecuteFunctions, error: Error, itemIndex: number): Error {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		error.context = { ...(error.context ?? {}), itemIndex };
		return error;
	}
	return new NodeOperationError(ctx.getNode(), error, { itemIndex });
}

export function errorItem(error: Error, itemIndex: number): INodeExecutionData {
	const described = error as Error & {
		description?: string | null;
		context?: Record<string, unknown>;
	};
	return {
		json: {
			error: error.message,
			...(described.description ? { errorDescription: described.description } : {}),
		},
		pairedItem: { item: itemIndex },
	};
}
