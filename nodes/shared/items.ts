import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

export type ItemHandler = (itemIndex: number) => Promise<INodeExecutionData[]>;

export const MAX_CONCURRENCY = 16;

/**
 * Runs the handler for every input item, at most `concurrency` at a time, and returns the
 * outputs in input order. Every input item yields its outputs or, with continueOnFail, one
 * error item; without it the first failing item (by index) stops the node.
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
					failures.push({ index, error });
				}
			}
		}
	};
	await Promise.all(Array.from({ length: Math.min(limit, Math.max(count, 1)) }, worker));

	if (failures.length) {
		failures.sort((a, b) => a.index - b.index);
		throw failures[0].error;
	}
	return results.flat();
}

function withItemIndex(ctx: IExecuteFunctions, error: Error, itemIndex: number): Error {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		error.context = { ...(error.context ?? {}), itemIndex };
		return error;
	}
	return new NodeOperationError(ctx.getNode(), error, { itemIndex });
}

export function errorItem(error: Error, itemIndex: number): INodeExecutionData {
	const described = error as Error & { description?: string | null; context?: Record<string, unknown> };
	return {
		json: {
			error: error.message,
			...(described.description ? { errorDescription: described.description } : {}),
		},
		pairedItem: { item: itemIndex },
	};
}
