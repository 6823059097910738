import { NodeOperationError } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { runForEachItem } from './items';
import { nodeOptions, readCommonOptions } from './options';

export type Operation = (this: IExecuteFunctions, itemIndex: number) => Promise<INodeExecutionData[]>;

/** The execute() of every action node: the chosen operation for each item, at the node's Concurrency. */
export async function runOperation(
	ctx: IExecuteFunctions,
	operations: Record<string, Operation>,
	key: string,
): Promise<INodeExecutionData[][]> {
	const operation = operations[key];
	if (!operation) throw new NodeOperationError(ctx.getNode(), `Unknown operation "${key}"`);
	const { concurrency } = readCommonOptions(nodeOptions(ctx));
	return [await runForEachItem(ctx, async (itemIndex) => await operation.call(ctx, itemIndex), concurrency)];
}
