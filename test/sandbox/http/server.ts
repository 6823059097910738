import type { IncomingMessage, ServerResponse } from 'http';

import { checkAuth } from './auth';
import { DOWNLOAD_PREFIX, expiredReply, objectReply, storageError } from './downloads';
import { ApiError, CODES, MESSAGES, capture, defaultMessage } from './errors';
import type { FaultController, FaultKind, FaultSpec } from '../core/faults';
import { BODY_SHAPES, writeShapedBody } from './shapedBody';
import type { RequestLog } from '../core/log';
import type { RateLimiter } from '../core/rateLimits';
import { MultipartError, parseMultipart } from './multipart';
import {
	type Reply,
	type StreamedBody,
	baseResp,
	errorReply,
	jsonReply,
	rawReply,
	textReply,
} from './reply';
import type { Route, RouteContext, SandboxEnv } from './routes';
import type { MultipartLogBody, Region, RequestLogEntry } from '../core/types';
import { type JsonObject, isObject } from './validate';

const MAX_BODY_BYTES = 100 * 1024 * 1024;
const CHINA_PREFIX = '/china';
const DEFAULT_SLOW_MS = 1000;

/** The mutable pieces the request handler works with (reset() swaps their contents, not the objects). */
export interface Runtime {
	log: RequestLog;
	faults: FaultController;
	limits: RateLimiter;
	env: SandboxEnv;
	routes: readonly Route[];
	latencyMs: number;
}

interface Incoming {
	method: string;
	region: Region | null;
	path: string;
	query: Record<string, string>;
	headers: Record<string, string>;
	body: Buffer;
	baseUrl: string;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function flattenHeaders(req: IncomingMessage): Record<string, string> {
	const headers: Record<string, string> = {};
	for (const [name, value] of Object.entries(req.headers)) {
		if (value !== undefined)
			headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
	}
	return headers;
}

function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		req.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size <= MAX_BODY_BYTES) chunks.push(chunk);
		});
		req.on('end', () => resolve(size > MAX_BODY_BYTES ? undefined : Buffer.concat(chunks)));
		req.on('error', reject);
	});
}

function parseIncoming(req: IncomingMessage, body: Buffer, fallbackHost: string): Incoming {
	const url = new URL(req.url ?? '/', 'http://sandbox.invalid');
	let path = url.pathname;
	let region: Region | null = 'global';
	if (path === CHINA_PREFIX || path.startsWith(`${CHINA_PREFIX}/`)) {
		region = 'china';
		path = path.slice(CHINA_PREFIX.length) || '/';
	} else if (path.startsWith(DOWNLOAD_PREFIX)) {
		region = null;
	}
	const query: Record<string, string> = {};
	for (const [key, value] of url.searchParams) if (!(key in query)) query[key] = value;
	const headers = flattenHeaders(req);
	return {
		method: (req.method ?? 'GET').toUpperCase(),
		region,
		path,
		query,
		headers,
		body,
		baseUrl: `http://${headers.host ?? fallbackHost}`,
	};
}

async function logBody(incoming: Incoming): Promise<unknown> {
	if (incoming.body.length === 0) return undefined;
	const type = incoming.headers['content-type'] ?? '';
	if (/^multipart\/form-data/i.test(type)) {
		try {
			const form = await parseMultipart(incoming.body, type);
			const summary: MultipartLogBody = {
				fields: form.fields,
				files: form.files.map((f) => ({
					field: f.field,
					filename: f.filename,
					contentType: f.contentType,
					bytes: f.data.length,
				})),
			};
			return summary;
		} catch {
			return `<malformed multipart, ${incoming.body.length} bytes>`;
		}
	}
	const text = incoming.body.toString('utf8');
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return text;
	}
}

function resetSocket(res: ServerResponse): void {
	const socket = res.socket;
	if (!socket) return;
	if (typeof socket.resetAndDestroy === 'function') socket.resetAndDestroy();
	else socket.destroy();
}

async function writeReply(
	res: ServerResponse,
	reply: Reply,
	entry: RequestLogEntry,
	method: string,
	shape?: FaultKind,
): Promise<void> {
	const cutMidBody = shape === 'reset_mid_body';
	if (shape && BODY_SHAPES.has(shape) && method !== 'HEAD' && reply.status < 300) {
		entry.status = reply.status;
		entry.baseRespCode = reply.baseRespCode;
		await writeShapedBody(res, reply, shape);
		return;
	}
	const headers: Record<string, string> = { ...reply.headers };
	const total = reply.stream
		? reply.stream.size
		: reply.chunks.reduce((sum, chunk) => sum + chunk.length, 0);
	if (!reply.streaming) headers['content-length'] = String(total);
	entry.status = reply.status;
	entry.baseRespCode = reply.baseRespCode;
	res.writeHead(reply.status, headers);
	if (method === 'HEAD') {
		res.end();
		return;
	}
	if (reply.stream) {
		await writeStreamedBody(res, reply.stream, cutMidBody);
		return;
	}
	if (cutMidBody) {
		const full = Buffer.concat(reply.chunks);
		await new Promise<void>((resolve) =>
			res.write(full.subarray(0, Math.max(1, Math.floor(full.length / 2))), () => resolve()),
		);
		// Give the partial body time to reach the client before the reset discards unsent data.
		await sleep(20);
		resetSocket(res);
		return;
	}
	if (!reply.streaming) {
		res.end(reply.chunks.length === 1 ? reply.chunks[0] : Buffer.concat(reply.chunks));
		return;
	}
	for (const chunk of reply.chunks) {
		if (res.destroyed) return;
		res.write(chunk);
		await new Promise<void>((resolve) => setImmediate(resolve));
	}
	res.end();
}

function drained(res: ServerResponse): Promise<void> {
	return new Promise((resolve) => {
		const done = () => {
			res.off('drain', done).off('close', done);
			resolve();
		};
		res.on('drain', done).on('close', done);
	});
}

/** Large bodies: piped with backpressure, so the sandbox never holds them in memory. */
async function writeStreamedBody(
	res: ServerResponse,
	body: StreamedBody,
	cutMidBody: boolean,
): Promise<void> {
	const source = cutMidBody
		? body.open(0, Math.max(0, Math.floor(body.size / 2) - 1))
		: body.open();
	try {
		for await (const chunk of source as AsyncIterable<Buffer>) {
			if (res.destroyed) break;
			if (!res.write(chunk)) await drained(res);
		}
	} catch {
		// The source failed: cut the connection so the client sees a broken download.
		resetSocket(res);
		return;
	} finally {
		source.destroy();
	}
	if (cutMidBody) {
		await sleep(20);
		resetSocket(res);
	} else if (!res.destroyed) {
		res.end();
	}
}

/** Body of a gateway-level HTTP error in MiniMax's JSON shape. */
function httpStatusFault(fault: FaultSpec, traceId: string): Reply {
	const status = fault.status ?? 500;
	const code =
		fault.code ??
		(status === 429
			? CODES.rateLimit
			: status === 401 || status === 403
				? CODES.auth
				: status === 408 || status === 504
					? CODES.timeout
					: CODES.unknown);
	const reply = jsonReply(
		traceId,
		{ base_resp: baseResp(code, fault.message ?? defaultMessage(code)) },
		status,
	);
	if (fault.retryAfter !== undefined) reply.headers['retry-after'] = String(fault.retryAfter);
	return reply;
}

/** Answers for faults that replace the handler; undefined for faults that wrap it (slow, reset_mid_body). */
function faultReply(fault: FaultSpec, traceId: string): Reply | undefined {
	switch (fault.kind) {
		case 'base_resp': {
			const code = fault.code ?? CODES.unknown;
			return jsonReply(traceId, {
				base_resp: baseResp(code, fault.message ?? defaultMessage(code)),
			});
		}
		case 'rate_limit':
			return jsonReply(traceId, {
				base_resp: baseResp(fault.code ?? CODES.rateLimit, fault.message ?? MESSAGES.rateLimit),
			});
		case 'http_status':
			return httpStatusFault(fault, traceId);
		case 'malformed_json': {
			const truncated = `{"data":{"audio":"fffb9064000000","status":2},"trace_id":"${traceId}","base_resp":{"status_code":0,"status_m`;
			return rawReply(200, 'application/json; charset=utf-8', Buffer.from(truncated), {
				'trace-id': traceId,
			});
		}
		case 'replay': {
			const text = typeof fault.body === 'string' ? fault.body : JSON.stringify(fault.body ?? {});
			const sse = typeof fault.body === 'string' && fault.body.startsWith('data:');
			return rawReply(
				fault.status ?? 200,
				sse ? 'text/event-stream; charset=utf-8' : 'application/json; charset=utf-8',
				Buffer.from(text),
				{ 'trace-id': traceId },
			);
		}
		default:
			return undefined;
	}
}

async function parseBody(
	route: Route,
	incoming: Incoming,
): Promise<Pick<RouteContext, 'json' | 'form'>> {
	if (route.body === 'none') return { json: {} };
	if (route.body === 'multipart') {
		try {
			return {
				json: {},
				form: await parseMultipart(incoming.body, incoming.headers['content-type']),
			};
		} catch (error) {
			if (error instanceof MultipartError)
				throw new ApiError(CODES.invalidParams, `invalid params, ${error.message}`);
			throw error;
		}
	}
	const body = capture(() => JSON.parse(incoming.body.toString('utf8')) as unknown);
	if (!body.ok)
		throw new ApiError(CODES.invalidParams, 'invalid params, request body is not valid JSON');
	const parsed = body.value;
	if (!isObject(parsed))
		throw new ApiError(CODES.invalidParams, 'invalid params, request body must be a JSON object');
	return { json: parsed as JsonObject };
}

async function handleApi(
	rt: Runtime,
	incoming: Incoming,
	entry: RequestLogEntry,
	res: ServerResponse,
): Promise<void> {
	const region = incoming.region as Region;
	const traceId = rt.env.ids.traceId();
	const fault = rt.faults.take({ kind: 'api', method: incoming.method, path: incoming.path });
	if (fault) {
		entry.fault = fault.kind;
		if (fault.kind !== 'slow' && fault.delayMs) await sleep(fault.delayMs);
		if (fault.kind === 'reset') {
			resetSocket(res);
			return;
		}
		const replaced = faultReply(fault, traceId);
		if (replaced) {
			if (rt.latencyMs > 0) await sleep(rt.latencyMs);
			await writeReply(res, replaced, entry, incoming.method);
			return;
		}
		if (fault.kind === 'slow') await sleep(fault.delayMs ?? DEFAULT_SLOW_MS);
	}
	const reply = await runRoute(rt, incoming, region, traceId, entry);
	if (rt.latencyMs > 0) await sleep(rt.latencyMs);
	await writeReply(res, reply, entry, incoming.method, fault?.kind);
}

/** Exact match, or a pattern whose `*` segments each match one non-empty segment (a task id). */
function pathMatches(pattern: string, path: string): boolean {
	if (!pattern.includes('*')) return pattern === path;
	const expected = pattern.split('/');
	const actual = path.split('/');
	return (
		expected.length === actual.length &&
		expected.every((segment, index) =>
			segment === '*' ? actual[index] !== '' : segment === actual[index],
		)
	);
}

async function runRoute(
	rt: Runtime,
	incoming: Incoming,
	region: Region,
	traceId: string,
	entry: RequestLogEntry,
): Promise<Reply> {
	const route = rt.routes.find(
		(r) => pathMatches(r.path, incoming.path) && r.method === incoming.method,
	);
	if (!route) return textReply(404, '404 page not found');
	try {
		const authError = checkAuth(incoming.headers, incoming.query, region);
		if (authError) throw authError;
		const refused = rt.limits.take(
			`${region} ${incoming.headers.authorization}`,
			incoming.path,
			traceId,
		);
		if (refused) {
			entry.rateLimited = true;
			return refused;
		}
		const ctx: RouteContext = {
			region,
			method: incoming.method,
			path: incoming.path,
			query: incoming.query,
			headers: incoming.headers,
			baseUrl: incoming.baseUrl,
			traceId,
			entry,
			env: rt.env,
			...(await parseBody(route, incoming)),
		};
		return await route.handle(ctx);
	} catch (error) {
		if (error instanceof ApiError) {
			delete entry.billable;
			return errorReply(traceId, error);
		}
		console.error('[minimax-sandbox] handler error', error);
		return jsonReply(
			traceId,
			{ base_resp: baseResp(CODES.unknown, `unknown error: ${(error as Error).message}`) },
			500,
		);
	}
}

function downloadReply(
	rt: Runtime,
	incoming: Incoming,
	fault: FaultSpec | undefined,
	requestId: string,
): Reply {
	const { clock, downloads } = rt.env;
	if (fault?.kind === 'http_status') {
		const status = fault.status ?? 500;
		const code = status === 503 || status === 429 ? 'SlowDown' : 'InternalError';
		const reply = storageError(
			status,
			code,
			fault.message ?? 'We encountered an internal error. Please try again.',
			requestId,
		);
		if (fault.retryAfter !== undefined) reply.headers['retry-after'] = String(fault.retryAfter);
		return reply;
	}
	if (incoming.method !== 'GET' && incoming.method !== 'HEAD') {
		return storageError(
			405,
			'MethodNotAllowed',
			'The specified method is not allowed against this resource.',
			requestId,
		);
	}
	// Object stores refuse a second auth mechanism next to the query signature.
	if (incoming.headers.authorization !== undefined) {
		const message =
			'Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, Signature query string parameter or the Authorization header should be specified';
		return storageError(400, 'InvalidArgument', message, requestId, {
			ArgumentName: 'Authorization',
		});
	}
	if (fault?.kind === 'expired_url')
		return expiredReply(requestId, Number(incoming.query.expires) || 0, clock.nowSeconds());
	const found = downloads.lookup(incoming.path, incoming.query);
	switch (found.outcome) {
		case 'ok':
			return objectReply(found.object, found.data, incoming.headers.range, requestId);
		case 'expired':
			return expiredReply(requestId, found.expires, clock.nowSeconds());
		case 'bad_signature':
			return storageError(
				403,
				'SignatureDoesNotMatch',
				'The request signature we calculated does not match the signature you provided.',
				requestId,
			);
		default:
			return storageError(404, 'NoSuchKey', 'The specified key does not exist.', requestId);
	}
}

async function handleDownload(
	rt: Runtime,
	incoming: Incoming,
	entry: RequestLogEntry,
	res: ServerResponse,
): Promise<void> {
	const requestId = rt.env.ids.token(16).toUpperCase();
	const fault = rt.faults.take({ kind: 'download', method: incoming.method, path: incoming.path });
	if (fault) {
		entry.fault = fault.kind;
		if (fault.kind !== 'slow' && fault.delayMs) await sleep(fault.delayMs);
		if (fault.kind === 'reset') {
			resetSocket(res);
			return;
		}
		if (fault.kind === 'slow') await sleep(fault.delayMs ?? DEFAULT_SLOW_MS);
	}
	await writeReply(
		res,
		downloadReply(rt, incoming, fault, requestId),
		entry,
		incoming.method,
		fault?.kind,
	);
}

/** The http.Server request listener. */
export function createHandler(rt: Runtime, fallbackHost: () => string) {
	return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
		const started = Date.now();
		let entry: RequestLogEntry | undefined;
		try {
			const body = await readBody(req);
			const incoming = parseIncoming(req, body ?? Buffer.alloc(0), fallbackHost());
			const kind = incoming.region === null ? 'download' : 'api';
			entry = rt.log.open({
				time: started,
				region: incoming.region,
				kind,
				method: incoming.method,
				path: incoming.path,
				query: incoming.query,
				headers: incoming.headers,
				body: await logBody(incoming),
			});
			if (body === undefined) {
				await writeReply(res, textReply(413, 'Request Entity Too Large'), entry, incoming.method);
			} else if (kind === 'download') {
				await handleDownload(rt, incoming, entry, res);
			} else {
				await handleApi(rt, incoming, entry, res);
			}
		} catch (error) {
			console.error('[minimax-sandbox] request failed', error);
			if (!res.headersSent) {
				res.writeHead(500, { 'content-type': 'text/plain' });
				res.end('internal sandbox error');
			} else resetSocket(res);
			if (entry) entry.status = 500;
		} finally {
			if (entry) entry.durationMs = Date.now() - started;
		}
	};
}
