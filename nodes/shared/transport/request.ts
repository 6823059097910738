import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IHttpRequestMethods, IHttpRequestOptions } from 'n8n-workflow';

import { resolveBaseUrl } from './baseUrl';
import { cancellableSleep, cancelSignalOf, throwIfCancelled } from './cancellation';
import { REQUEST_TIMEOUT_MS } from './consts';
import type { MiniMaxContext } from './context';
import { CREDENTIAL_TYPE } from './credential';
import { miniMaxApiError, RATE_LIMIT_CODES, TRANSIENT_CODES } from './errors';
import { recordCreated, throwIfStopped } from './paidWork';
import {
	FAMILY_LIMITS,
	familyOfPath,
	pacerFor,
	pacerSettingsFor,
	type ApiFamily,
	type RequestPacer,
} from './rateLimiter';
import { parseRetryAfter, retryWithExponentialBackoff, type RetrySettings } from './retry';
import { retrySettingsOf } from './settings';
import { requestTimeoutError, timedOut, type RequestTiming } from './streamErrors';

export type { MiniMaxContext } from './context';

export interface MiniMaxRequest {
	method: IHttpRequestMethods;
	/** Path below the host, e.g. `/v1/t2a_v2`. */
	path: string;
	body?: IDataObject | FormData;
	qs?: IDataObject;
	/**
	 * The call creates a billed job. It is retried only when the failure proves that no job was
	 * created (rate limit, refused connection), never on timeouts, resets or 5xx.
	 */
	createsJob?: boolean;
	/** `stream` returns the response body as a Readable (SSE, raw file content). */
	response?: 'json' | 'stream';
	timeoutMs?: number;
	itemIndex?: number;
	/** Overrides the execution's retry settings (node Options → Max Retries, Retry Delay). */
	retry?: RetrySettings;
	/** Extra request headers (e.g. speech to text's `language`); never an Authorization header. */
	headers?: Record<string, string>;
}

export interface MiniMaxResponse<T> {
	body: T;
	traceId?: string;
	headers: Record<string, string>;
	statusCode: number;
	/** Date.now() when the HTTP request was sent (stream readers tell a timeout from a break-off). */
	startedAt?: number;
}

interface BaseResp {
	status_code?: number;
	status_msg?: string;
}

interface Failure {
	error: Error;
	retryable: boolean;
	/** The service refused the request before doing any work. */
	provesNotCreated: boolean;
	/** MiniMax refused the request for a rate limit (1002, 1039, 1041, 2045, HTTP 429). */
	rateLimited?: boolean;
	retryAfterMs?: number;
}

const NETWORK_RETRYABLE = new Set([
	'ECONNRESET',
	'ETIMEDOUT',
	'EPIPE',
	'ECONNABORTED',
	'EAI_AGAIN',
	'ENOTFOUND',
	'ERR_BAD_RESPONSE',
	'EHOSTUNREACH',
	'ENETUNREACH',
]);

/**
 * The one way every node talks to MiniMax: base URL from the credential, auth only through
 * httpRequestWithAuthentication, base_resp checked, errors mapped, transient failures retried.
 * Requests are paced per credential and API family (rateLimiter.ts); a rate-limit refusal
 * (1002 / HTTP 429) waits for the family's window instead of using up a retry, bounded by the
 * node's Max Rate-Limit Wait. IDs of created paid jobs are recorded for the node's error report
 * (paidWork.ts). Once another item has stopped the node, no further request is sent.
 */
export async function miniMaxRequest<T = IDataObject>(
	this: MiniMaxContext,
	request: MiniMaxRequest,
): Promise<MiniMaxResponse<T>> {
	const retry = request.retry ?? retrySettingsOf(this);
	const baseUrl = await resolveBaseUrl.call(this, request.itemIndex);
	const pacer = pacerOf(this, baseUrl, request.path);
	const sleeper = async (ms: number) => await cancellableSleep(this, ms, request.itemIndex);
	const response = await retryWithExponentialBackoff<MiniMaxResponse<unknown>, Failure>(
		async () => {
			const release = await pacer.acquire(sleeper);
			try {
				throwIfStopped(this, request.itemIndex);
				return await attemptRequest.call(this, baseUrl, request);
			} finally {
				release();
			}
		},
		{
			settings: retry,
			sleep: sleeper,
			beforeAttempt: () => {
				throwIfCancelled(this, request.itemIndex);
				throwIfStopped(this, request.itemIndex);
			},
			classify: (failure) => {
				if (failure.rateLimited) {
					// A refusal waits for the family's window (pacer) instead of using up a retry.
					if (pacer.refused(failure.retryAfterMs, retry)) return { action: 'again' };
					return {
						action: 'fail',
						error: withRateLimitNote(failure.error, pacer, familyOfPath(request.path)),
					};
				}
				const allowed = failure.retryable && (!request.createsJob || failure.provesNotCreated);
				return allowed ? { action: 'retry', delayMs: failure.retryAfterMs } : { action: 'fail' };
			},
			toError: (failure, retriesUsed) => withAttempts(failure.error, retriesUsed),
		},
	);
	pacer.accepted();
	recordCreated(this, request.itemIndex, request.path, response.body, request.body);
	return response as MiniMaxResponse<T>;
}

/** Notes the number of attempts on an API error that was retried before it was given up. */
function withAttempts(error: Error, retriesUsed: number): Error {
	if (retriesUsed > 0 && error instanceof NodeApiError) {
		const note = `Gave up after ${retriesUsed + 1} attempts.`;
		error.description = `${error.description ?? ''} ${note}`.trim();
	}
	return error;
}

/** The pacer of this execution, credential and the request's API family. */
function pacerOf(ctx: MiniMaxContext, baseUrl: string, path: string): RequestPacer {
	const family = familyOfPath(path);
	const credential = ctx.getNode().credentials?.[CREDENTIAL_TYPE];
	const credentialKey = `${credential?.id ?? credential?.name ?? ''}@${baseUrl}`;
	return pacerFor(cancelSignalOf(ctx) ?? ctx, credentialKey, family, pacerSettingsFor(ctx, family));
}

function withRateLimitNote(error: Error, pacer: RequestPacer, family: ApiFamily): Error {
	const described = error as Error & { description?: string | null };
	described.description = `${described.description ?? ''} ${rateLimitNote(pacer, family)}`.trim();
	return error;
}

/** Why the node gave up after rate-limit refusals, and what to change, by case. */
function rateLimitNote(pacer: RequestPacer, family: ApiFamily): string {
	const { refusals, refusalWaitMs, settings } = pacer.stats();
	const counted = `${refusals} ${refusals === 1 ? 'refusal' : 'refusals'}`;
	const waited =
		settings.maxRefusalWaitMs <= 0
			? `MiniMax refused for its rate limit (${counted}) and Max Rate-Limit Wait is 0, so the first refusal fails.`
			: `MiniMax kept refusing for its rate limit: ${counted}, ${Math.round(refusalWaitMs / 1000)} s waited in total for this API family (limit: option Max Rate-Limit Wait, ${Math.round(settings.maxRefusalWaitMs / 1000)} s).`;
	const { label, rpm: published } = FAMILY_LIMITS[family];
	let advice: string;
	if (!settings.configured && published === 0) {
		advice = `MiniMax publishes no per-minute limit for ${label}: run fewer executions at once, or ask MiniMax for your account's limit.`;
	} else if (!settings.configured) {
		advice = `The published limit for ${label} (${published} per minute) was used: set "Requests per Minute" in the node options to your account's limit, or lower Concurrency.`;
	} else if (settings.rpm > 0) {
		advice = `"Requests per Minute" is ${settings.rpm}: lower it to your account's real limit (divided by the executions or workers running at once), or lower Concurrency.`;
	} else {
		advice = `"Requests per Minute" is 0 (no pacing): set it to your account's limit, or lower Concurrency.`;
	}
	return `${waited} ${advice}`;
}

async function attemptRequest(
	this: MiniMaxContext,
	baseUrl: string,
	request: MiniMaxRequest,
): Promise<{ value: MiniMaxResponse<unknown> } | { failure: Failure }> {
	const isForm = typeof FormData !== 'undefined' && request.body instanceof FormData;
	const options: IHttpRequestOptions = {
		method: request.method,
		url: `${baseUrl}${request.path}`,
		qs: request.qs,
		body: request.body as IHttpRequestOptions['body'],
		json: !isForm,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		timeout: request.timeoutMs ?? REQUEST_TIMEOUT_MS,
		encoding: request.response === 'stream' ? 'stream' : undefined,
		abortSignal: cancelSignalOf(this),
	};
	if (isForm) options.headers = { Accept: 'application/json' };
	if (request.headers) options.headers = { ...options.headers, ...request.headers };
	let raw: { body: unknown; headers: Record<string, string>; statusCode: number };
	const startedAt = Date.now();
	try {
		raw = await this.helpers.httpRequestWithAuthentication.call(this, CREDENTIAL_TYPE, options);
	} catch (error) {
		const timeoutMs = Number(options.timeout);
		return {
			failure: networkFailure(this, error as Error, request.itemIndex, { startedAt, timeoutMs }),
		};
	}
	const headers = raw.headers ?? {};
	const traceId = headerTraceId(headers);
	const statusCode = raw.statusCode;

	if (request.response === 'stream' && statusCode < 400) {
		const contentType = String(headers['content-type'] ?? '');
		// JSON Lines files (application/jsonl, batch results) are content, not an error envelope.
		if (!/application\/json(?!l)/i.test(contentType)) {
			return { value: { body: raw.body, traceId, headers, statusCode, startedAt } };
		}
		// A JSON answer where a stream was expected is MiniMax reporting an error on HTTP 200.
		raw.body = await readStreamText(raw.body);
	}
	if (request.response === 'stream' && statusCode >= 400) {
		raw.body = await readStreamText(raw.body).catch(() => '');
	}

	const parsed = parseJsonBody(raw.body);
	if (parsed === undefined) {
		if (statusCode >= 400)
			return { failure: httpFailure(this, statusCode, undefined, headers, request) };
		return {
			failure: {
				error: miniMaxApiError(this.getNode(), {
					message: 'MiniMax returned a response that is not valid JSON',
					traceId,
					httpStatus: statusCode,
					itemIndex: request.itemIndex,
				}),
				retryable: true,
				provesNotCreated: false,
			},
		};
	}
	if (statusCode >= 400)
		return { failure: httpFailure(this, statusCode, parsed, headers, request) };

	const baseResp = (parsed as { base_resp?: BaseResp }).base_resp;
	const code = Number(baseResp?.status_code ?? 0);
	if (code !== 0) {
		return {
			failure: {
				error: miniMaxApiError(this.getNode(), {
					code,
					message: baseResp?.status_msg || 'MiniMax reported an error',
					traceId: traceId ?? bodyTraceId(parsed),
					httpStatus: statusCode,
					itemIndex: request.itemIndex,
				}),
				retryable: TRANSIENT_CODES.has(code),
				provesNotCreated: RATE_LIMIT_CODES.has(code),
				rateLimited: RATE_LIMIT_CODES.has(code),
				retryAfterMs: parseRetryAfter(headers['retry-after']),
			},
		};
	}
	return {
		value: { body: parsed, traceId: traceId ?? bodyTraceId(parsed), headers, statusCode },
	};
}

function httpFailure(
	ctx: MiniMaxContext,
	statusCode: number,
	parsed: unknown,
	headers: Record<string, string>,
	request: MiniMaxRequest,
): Failure {
	const body = (parsed ?? {}) as {
		base_resp?: BaseResp;
		error?: { message?: string; type?: string } | string;
		message?: string;
	};
	const errorObject = typeof body.error === 'object' ? body.error : undefined;
	const message =
		body.base_resp?.status_msg ||
		errorObject?.message ||
		(typeof body.error === 'string' ? body.error : undefined) ||
		body.message ||
		`HTTP ${statusCode}`;
	// Error objects (v2 video, chat) carry MiniMax's code at the end of the message: "invalid params (2013)".
	const trailingCode = /\((\d{4,5})\)\s*$/.exec(message)?.[1];
	const code = body.base_resp?.status_code
		? Number(body.base_resp.status_code)
		: trailingCode
			? Number(trailingCode)
			: undefined;
	const text = trailingCode ? message.replace(/\s*\(\d{4,5}\)\s*$/, '') : message;
	// The code wins over the HTTP status: MiniMax answers 1008 (insufficient balance) as HTTP 429
	// or 500 too (modelscope/modelscope#1691, MiniMax-AI/MiniMax-M2#62).
	const rateLimited = code !== undefined ? RATE_LIMIT_CODES.has(code) : statusCode === 429;
	const retryable =
		code !== undefined
			? TRANSIENT_CODES.has(code)
			: rateLimited || statusCode === 408 || statusCode >= 500;
	return {
		error: miniMaxApiError(ctx.getNode(), {
			code,
			message: text,
			traceId: headerTraceId(headers) ?? bodyTraceId(parsed),
			httpStatus: statusCode,
			itemIndex: request.itemIndex,
		}),
		retryable,
		provesNotCreated: rateLimited,
		rateLimited,
		retryAfterMs: parseRetryAfter(headers['retry-after']),
	};
}

function networkFailure(
	ctx: MiniMaxContext,
	error: Error,
	itemIndex?: number,
	timing?: RequestTiming,
): Failure {
	const cause = (error as { cause?: { code?: string; message?: string } }).cause;
	const code = cause?.code ?? (error as { code?: string }).code ?? '';
	const rawMessage = cause?.message ?? error.message ?? '';
	if (cancelSignalOf(ctx)?.aborted || code === 'ERR_CANCELED') {
		return {
			error: new NodeOperationError(ctx.getNode(), 'The execution was cancelled', { itemIndex }),
			retryable: false,
			provesNotCreated: false,
		};
	}
	const refused = code === 'ECONNREFUSED';
	const hangUp = /socket hang up|aborted|timeout/i.test(rawMessage);
	if (!refused && timing && timedOut(error, timing)) {
		return {
			error: requestTimeoutError(ctx, 'the reply', timing.timeoutMs, undefined, itemIndex),
			retryable: true,
			provesNotCreated: false,
		};
	}
	return {
		error: miniMaxApiError(ctx.getNode(), {
			message: refused
				? 'Could not connect to MiniMax (connection refused). Check the credential region or base URL.'
				: `The connection to MiniMax failed${code ? ` (${code})` : ''}: ${sanitize(rawMessage)}`,
			itemIndex,
		}),
		retryable: refused || NETWORK_RETRYABLE.has(code) || hangUp,
		provesNotCreated: refused,
	};
}

/** Network error texts can echo request details; keep only the first line and drop any bearer token. */
function sanitize(message: string): string {
	return message.split('\n')[0].replace(/Bearer\s+\S+/gi, 'Bearer ***');
}

function parseJsonBody(body: unknown): unknown {
	if (body === undefined || body === null || body === '') return undefined;
	if (Buffer.isBuffer(body)) return parseJsonBody(body.toString('utf8'));
	if (typeof body === 'string') {
		try {
			return JSON.parse(body);
		} catch {
			return undefined;
		}
	}
	return typeof body === 'object' ? body : undefined;
}

export function headerTraceId(headers: Record<string, string>): string | undefined {
	return headers['trace-id'] ?? headers['x-trace-id'] ?? headers['minimax-request-id'] ?? undefined;
}

function bodyTraceId(body: unknown): string | undefined {
	const value = body as {
		trace_id?: string;
		base_resp?: { trace_id?: string };
		request_id?: string;
	};
	return value?.trace_id ?? value?.base_resp?.trace_id ?? value?.request_id ?? undefined;
}

export async function readStreamText(stream: unknown): Promise<string> {
	if (typeof stream === 'string') return stream;
	if (Buffer.isBuffer(stream)) return stream.toString('utf8');
	const chunks: Buffer[] = [];
	for await (const chunk of stream as AsyncIterable<Buffer | string>) {
		chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
	}
	return Buffer.concat(chunks).toString('utf8');
}
