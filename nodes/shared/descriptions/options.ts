import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { MAX_CONCURRENCY } from '../items';
import {
	DEFAULT_MAX_REFUSAL_WAIT_MS,
	FAMILY_LIMITS,
	type ApiFamily,
	type RateLimitOptions,
} from '../transport/rateLimiter';
import type { InputValidator } from '../validation';

/** Options shared by every action node; spread them into the node's "Options" collection. */
export const concurrencyOption: INodeProperties = {
	displayName: 'Concurrency',
	name: 'concurrency',
	type: 'number',
	default: 1,
	typeOptions: { minValue: 1, maxValue: MAX_CONCURRENCY, numberPrecision: 0 },
	description:
		'How many items to send to MiniMax at the same time. Outputs keep the input order. Stay within your account rate limit.',
};

export const maxRetriesOption: INodeProperties = {
	displayName: 'Max Retries',
	name: 'maxRetries',
	type: 'number',
	default: 3,
	typeOptions: { minValue: 0, maxValue: 10, numberPrecision: 0 },
	description:
		'How often to retry a request that failed for a temporary reason (rate limit, timeout, server error). Billed jobs are only retried when MiniMax proves it did not start them.',
};

export const retryDelayOption: INodeProperties = {
	displayName: 'Retry Delay (Ms)',
	name: 'retryDelayMs',
	type: 'number',
	default: 1000,
	typeOptions: { minValue: 0, maxValue: 60000, numberPrecision: 0 },
	description:
		'First wait before a retry; it doubles on each retry, with jitter. A Retry-After header from MiniMax takes precedence.',
};

/**
 * Requests per Minute for a node whose generation requests belong to `family`: the default is that
 * family's published limit (rateLimiter.ts FAMILY_LIMITS), so adding the option changes nothing
 * until the user edits it. The value applies to the node's generation requests; status polls and
 * file or voice lists are never paced.
 */
export function requestsPerMinuteOption(family: ApiFamily): INodeProperties {
	const { label, rpm, maxConcurrent } = FAMILY_LIMITS[family];
	const published =
		rpm > 0
			? `The default is MiniMax's published limit for ${label}: ${rpm} per minute${maxConcurrent ? ` (${maxConcurrent} at once)` : ''}.`
			: 'This operation only sends status, file and voice-list requests, which MiniMax does not limit per minute: they are never paced, whatever this option says.';
	return {
		displayName: 'Requests per Minute',
		name: 'requestsPerMinute',
		type: 'number',
		default: rpm,
		typeOptions: { minValue: 0, maxValue: 100000, numberPrecision: 0 },
		description: `Your MiniMax account's requests-per-minute limit for this node's API; requests are spaced to stay within it. ${published} 0 = no pacing (a refusal still slows the node down). The pace is per execution: with several executions or queue-mode workers at once, divide your limit by their number.`,
	};
}

export const maxRateLimitWaitOption: INodeProperties = {
	displayName: 'Max Rate-Limit Wait (Seconds)',
	name: 'maxRateLimitWaitSeconds',
	type: 'number',
	default: 300,
	typeOptions: { minValue: 0, maxValue: 3600, numberPrecision: 0 },
	description:
		'When MiniMax refuses requests for its rate limit (codes 1002, 1039, 1041, 2045 or HTTP 429), they wait for the limit window instead of failing. This is the longest total wait per API family in one execution before the node gives up. 0 = no waiting: the first refusal fails the item.',
};

/**
 * The rate-limit options of one item, checked like every option (before any paid call):
 * Requests per Minute 0 or at least 1, Max Rate-Limit Wait (Seconds) at least 0.
 */
export function checkRateLimitOptions(
	check: InputValidator,
	options: IDataObject,
): RateLimitOptions {
	let rpm: number | undefined;
	if (isSet(options.requestsPerMinute)) {
		rpm = check.number('Requests per Minute', options.requestsPerMinute, { min: 0, max: 100000 });
		if (rpm > 0 && rpm < 1) {
			check.fail(
				'Requests per Minute',
				`it must be 0 (no pacing) or at least 1 (got ${rpm})`,
				'MiniMax counts whole requests per minute. For fewer than one request a minute, use 1 and lower Concurrency.',
			);
		}
	}
	const waitSeconds = isSet(options.maxRateLimitWaitSeconds)
		? check.number('Max Rate-Limit Wait (Seconds)', options.maxRateLimitWaitSeconds, {
				min: 0,
				max: 3600,
			})
		: DEFAULT_MAX_REFUSAL_WAIT_MS / 1000;
	return { rpm, maxRefusalWaitMs: Math.round(waitSeconds * 1000) };
}

const isSet = (value: unknown) => value !== undefined && value !== null && value !== '';

export const outputFieldOption: INodeProperties = {
	displayName: 'Put Output File in Field',
	name: 'binaryPropertyOutput',
	type: 'string',
	default: 'data',
	hint: 'The name of the output field to put the binary file data in',
	description: 'Which binary field of the output item holds the generated or downloaded file',
};

export const pollIntervalOption: INodeProperties = {
	displayName: 'Poll Interval (Seconds)',
	name: 'pollIntervalSeconds',
	type: 'number',
	default: 5,
	typeOptions: { minValue: 0.1, maxValue: 600, numberPrecision: 1 },
	description: 'How often to ask MiniMax whether the job is done while waiting',
};

export const waitTimeoutOption: INodeProperties = {
	displayName: 'Wait Timeout (Minutes)',
	name: 'waitTimeoutMinutes',
	type: 'number',
	default: 30,
	typeOptions: { minValue: 0.05, maxValue: 1440, numberPrecision: 2 },
	description:
		'How long to wait for the job before giving up. The job keeps running at MiniMax: the error gives its task ID so a later execution can fetch it.',
};

export interface CommonOptions {
	concurrency: number;
	outputField: string;
	poll: { intervalMs: number; timeoutMs: number };
	rateLimit: RateLimitOptions;
}

export function readCommonOptions(options: IDataObject): CommonOptions {
	const number = (value: unknown, fallback: number) =>
		typeof value === 'number' && Number.isFinite(value) ? value : fallback;
	return {
		concurrency: number(options.concurrency, 1),
		outputField: String(options.binaryPropertyOutput ?? 'data').trim() || 'data',
		poll: {
			intervalMs: Math.round(number(options.pollIntervalSeconds, 5) * 1000),
			timeoutMs: Math.round(number(options.waitTimeoutMinutes, 30) * 60_000),
		},
		rateLimit: {
			rpm:
				typeof options.requestsPerMinute === 'number' && Number.isFinite(options.requestsPerMinute)
					? Math.max(0, options.requestsPerMinute)
					: undefined,
			maxRefusalWaitMs: Math.max(
				0,
				Math.round(
					number(options.maxRateLimitWaitSeconds, DEFAULT_MAX_REFUSAL_WAIT_MS / 1000) * 1000,
				),
			),
		},
	};
}

/** Node-level settings (concurrency) come from the first item's options. */
export function nodeOptions(ctx: IExecuteFunctions, itemIndex = 0): IDataObject {
	return ctx.getNodeParameter('options', itemIndex, {}) as IDataObject;
}

/**
 * n8n's usual Return All / Limit pair for list operations: `returnAll` (boolean) and `limit` (a whole
 * number ≥ 1, default 50, shown only while Return All is off).
 */
export function returnAllAndLimit(returnAllByDefault = false): INodeProperties[] {
	return [
		{ ...returnAllOption, default: returnAllByDefault },
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			default: 50,
			typeOptions: { minValue: 1, numberPrecision: 0 },
			displayOptions: { show: { returnAll: [false] } },
			description: 'Max number of results to return',
		},
	];
}

const returnAllOption: INodeProperties = {
	displayName: 'Return All',
	name: 'returnAll',
	type: 'boolean',
	default: false,
	description: 'Whether to return all results or only up to a given limit',
};
