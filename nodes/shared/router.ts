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

/** The value n8n gives the "Custom API Call" entry it adds to Resource and Operation lists. */
const CUSTOM_API_CALL = /^__custom_api_call__$/i;

/**
 * The error for n8n's "Custom API Call" entry (offered on nodes whose credential can sign
 * requests): these nodes have no such operation; the HTTP Request node signs the call instead.
 */
function customApiCallError(ctx: IExecuteFunctions): NodeOperationError {
	return new NodeOperationError(
		ctx.getNode(),
		'"Custom API Call" is not an operation of this node: use the HTTP Request node for MiniMax endpoints this node does not cover',
		{
			description:
				'In an HTTP Request node, set Authentication to "Predefined Credential Type", Credential Type to "MiniMax API" and choose your MiniMax credential; it signs the request with your API key and region. Then pick a Resource and Operation of this node again, or delete this node.',
		},
	);
}

/**
 * The operation key runOperation looks up: "<resource>.<operation>" for nodes with a Resource
 * selector (`resourceDefault` is its default), else the Operation value. n8n's "Custom API Call"
 * Resource or Operation gives a clear error (the Operation parameter does not exist then).
 */
export function operationKey(ctx: IExecuteFunctions, resourceDefault?: string): string {
	if (resourceDefault === undefined) return String(ctx.getNodeParameter('operation', 0));
	const resource = String(ctx.getNodeParameter('resource', 0, resourceDefault));
	if (CUSTOM_API_CALL.test(resource)) throw customApiCallError(ctx);
	return `${resource}.${String(ctx.getNodeParameter('operation', 0))}`;
}

/** The execute() of every action node: the chosen operation for each item, at the node's Concurrency. */
export async function runOperation(
	ctx: IExecuteFunctions,
	operations: Record<string, Operation>,
	key: string,
): Promise<INodeExecutionData[][]> {
	const operation = operations[key];
	if (!operation) {
		if (key.split('.').some((part) => CUSTOM_API_CALL.test(part))) throw customApiCallError(ctx);
		throw new NodeOperationError(ctx.getNode(), `This node has no operation "${key}"`);
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
