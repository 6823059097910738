import { NodeOperationError } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { asNodeError, errorItem, runForEachItem } from './items';
import { checkRateLimitOptions, nodeOptions, readCommonOptions } from './descriptions/options';
import {
	configureRateLimits,
	DEFAULT_MAX_REFUSAL_WAIT_MS,
	type RateLimitOptions,
} from './transport/rateLimiter';
import { InputValidator } from './validation';

export type Operation = (
	this: IExecuteFunctions,
	itemIndex: number,
) => Promise<INodeExecutionData[]>;

/** An operation that handles all input items in one call (e.g. one batch made of every item). */
export type AllItemsRun = (this: IExecuteFunctions) => Promise<INodeExecutionData[]>;

const ALL_ITEMS = Symbol('allItems');

/**
 * Wraps an all-items run as an Operation (so OperationMap stays one type): runOperation calls it
 * once for the whole input instead of once per item. Its output items carry their own pairedItem.
 */
export function forAllItems(run: AllItemsRun): Operation {
	const operation = async function (this: IExecuteFunctions) {
		return await run.call(this);
	} as Operation & { [ALL_ITEMS]?: AllItemsRun };
	operation[ALL_ITEMS] = run;
	return operation;
}

/** A node's executors keyed by its Operation option values ("<resource>.<operation>" with resources). */
export type OperationMap<Key extends string> = Record<Key, Operation>;

/** A resource's executors keyed "<resource>.<operation>", as runOperation looks them up. */
export function keyedOperations<R extends string, O extends string>(
	resource: R,
	map: OperationMap<O>,
): OperationMap<`${R}.${O}`> {
	return Object.fromEntries(
		Object.entries(map).map(([operation, execute]) => [`${resource}.${operation}`, execute]),
	) as OperationMap<`${R}.${O}`>;
}

/** The execute() of every action node: the chosen operation for each item, at the node's Concurrency. */
export async function runOperation(
	ctx: IExecuteFunctions,
	operations: Record<string, Operation>,
	key: string,
): Promise<INodeExecutionData[][]> {
	const operation = operations[key];
	if (!operation) {
		// n8n offers a "Custom API Call" entry on nodes whose credential can sign requests.
		throw new NodeOperationError(ctx.getNode(), `This node has no operation "${key}"`, {
			description: /custom_api_call/i.test(key)
				? 'For a MiniMax endpoint this node does not cover, use the HTTP Request node with Authentication "Predefined Credential Type" and the MiniMax API credential.'
				: undefined,
		});
	}
	const { concurrency } = readCommonOptions(nodeOptions(ctx));
	// The pace is node-level (first item's options); each item's values are checked before it runs.
	configureRateLimits(
		ctx,
		firstItemRateLimit(ctx) ?? { maxRefusalWaitMs: DEFAULT_MAX_REFUSAL_WAIT_MS },
	);
	const allItems = (operation as { [ALL_ITEMS]?: AllItemsRun })[ALL_ITEMS];
	if (allItems) return [await runAllItems(ctx, allItems)];
	const run = async (itemIndex: number) => {
		checkRateLimitOptions(
			new InputValidator(ctx.getNode(), itemIndex),
			nodeOptions(ctx, itemIndex),
		);
		return await operation.call(ctx, itemIndex);
	};
	return [await runForEachItem(ctx, run, concurrency)];
}

/** An all-items operation; with continueOnFail a failure becomes one error item per input item. */
async function runAllItems(
	ctx: IExecuteFunctions,
	run: AllItemsRun,
): Promise<INodeExecutionData[]> {
	try {
		const count = ctx.getInputData().length;
		for (let itemIndex = 0; itemIndex < count; itemIndex++)
			checkRateLimitOptions(
				new InputValidator(ctx.getNode(), itemIndex),
				nodeOptions(ctx, itemIndex),
			);
		return await run.call(ctx);
	} catch (error) {
		if (!ctx.continueOnFail()) throw asNodeError(ctx, error);
		return ctx.getInputData().map((_, itemIndex) => errorItem(error as Error, itemIndex));
	}
}

/** The first item's checked rate-limit options; undefined when invalid (that item then fails). */
function firstItemRateLimit(ctx: IExecuteFunctions): RateLimitOptions | undefined {
	try {
		return checkRateLimitOptions(new InputValidator(ctx.getNode(), 0), nodeOptions(ctx));
	} catch {
		return undefined;
	}
}
