import { ApiError, CODES, capture, invalidParams } from '../../http/errors';
import { jsonReply, textReply, type Reply } from '../../http/reply';
import type { Route, RouteContext } from '../../http/routes';
import { Fields, isObject, type JsonObject } from '../../http/validate';
import { handleNative } from '../chat/routes';
import { batchStore, TERMINAL, type BatchRecord, type LineResult } from './store';

/**
 * Chat batches (docs/minimax-api.md §17.6): `POST /v1/batches`, `GET /v1/batches/{id}`,
 * `POST /v1/batches/{id}/cancel`, `GET /v1/batches?limit&after`. The input is a JSONL file
 * uploaded with purpose=batch; each line runs through the native chat route. Results appear as
 * the virtual clock passes (store.ts), in output and error JSONL files served by the Files API.
 */

export const BATCH_ENDPOINT = '/v1/text/chatcompletion_v2';
export const MAX_BATCH_REQUESTS = 50_000;

function unavailable(ctx: RouteContext): Reply | undefined {
	const { availability } = batchStore(ctx.env.state);
	if (availability === 'http_404') return textReply(404, '404 page not found');
	if (availability === 'not_supported')
		throw new ApiError(CODES.invalidParams, 'batch api is not supported for this account');
	return undefined;
}

function batchObject(ctx: RouteContext, batch: BatchRecord): Record<string, unknown> {
	const store = batchStore(ctx.env.state);
	const view = store.view(batch);
	const ran = batch.results.slice(0, view.processed);
	const failed = ran.filter((result) => !result.ok).length;
	const seconds = (ms: number | undefined) => (ms === undefined ? null : Math.floor(ms / 1000));
	const { validatingMs } = store.timing;
	return {
		id: batch.id,
		object: 'batch',
		endpoint: batch.endpoint,
		input_file_id: batch.inputFileId,
		completion_window: batch.completionWindow,
		status: view.status,
		output_file_id: view.outputFileId,
		error_file_id: view.errorFileId,
		created_at: seconds(batch.createdAt),
		in_progress_at: view.status === 'validating' ? null : seconds(batch.createdAt + validatingMs),
		expires_at: seconds(batch.createdAt + store.timing.windowMs),
		completed_at: view.status === 'completed' ? seconds(view.endedAt) : null,
		failed_at: view.status === 'failed' ? seconds(view.endedAt) : null,
		expired_at: view.status === 'expired' ? seconds(view.endedAt) : null,
		cancelling_at: batch.cancelAt === undefined ? null : seconds(batch.cancelAt),
		cancelled_at: view.status === 'cancelled' ? seconds(view.endedAt) : null,
		request_counts: {
			total: batch.results.length,
			completed: ran.length - failed,
			failed: view.status === 'expired' ? batch.results.length - ran.length + failed : failed,
		},
		...(batch.callbackUrl ? { callback_url: batch.callbackUrl } : {}),
		metadata: batch.metadata ?? null,
	};
}

/** One input line run through the native chat route: an output line, or an error line. */
function runLine(
	ctx: RouteContext,
	batchId: string,
	customId: string,
	body: JsonObject,
): LineResult {
	const id = `batch_req_${batchId}_${customId}`;
	if (body.stream === true) {
		return {
			customId,
			ok: false,
			line: {
				id,
				custom_id: customId,
				error: {
					code: CODES.invalidParams,
					message: 'invalid params, stream is not supported in batches',
				},
			},
		};
	}
	const lineCtx: RouteContext = {
		...ctx,
		path: BATCH_ENDPOINT,
		json: body,
		traceId: `${ctx.traceId.slice(0, 16)}${customId.padStart(8, '0')}`,
		entry: { ...ctx.entry },
	};
	const outcome = capture(() => handleNative(lineCtx));
	if (!outcome.ok) {
		const error =
			outcome.error instanceof ApiError ? outcome.error : new ApiError(1000, 'unknown error');
		return {
			customId,
			ok: false,
			line: {
				id,
				custom_id: customId,
				response: null,
				error: { code: error.code, message: error.message },
			},
		};
	}
	const reply = outcome.value;
	const parsed = JSON.parse(Buffer.concat(reply.chunks).toString('utf8')) as JsonObject;
	const code = (parsed.base_resp as { status_code?: number } | undefined)?.status_code ?? 0;
	const ok = reply.status < 400 && code === 0;
	return {
		customId,
		ok,
		line: {
			id,
			custom_id: customId,
			response: { status_code: reply.status, request_id: lineCtx.traceId, body: parsed },
			error: null,
		},
	};
}

/** Strict reading of the input file: every line `{custom_id, method: "POST", url, body}`. */
function readInput(
	ctx: RouteContext,
	data: Buffer,
	endpoint: string,
): Array<{ customId: string; body: JsonObject }> {
	const text = data.toString('utf8');
	const rows = text.endsWith('\n') ? text.slice(0, -1).split('\n') : text.split('\n');
	if (rows.length > MAX_BATCH_REQUESTS)
		throw invalidParams(
			'input_file_id',
			`the file has ${rows.length} requests, at most ${MAX_BATCH_REQUESTS}`,
		);
	const seen = new Set<string>();
	return rows.map((row, index) => {
		const where = `input file line ${index + 1}`;
		let parsed: unknown;
		try {
			parsed = JSON.parse(row);
		} catch {
			throw invalidParams('input_file_id', `${where} is not valid JSON`);
		}
		if (!isObject(parsed)) throw invalidParams('input_file_id', `${where} is not a JSON object`);
		const customId = parsed.custom_id;
		if (typeof customId !== 'string' || customId === '')
			throw invalidParams('input_file_id', `${where}: custom_id must be a non-empty string`);
		if (seen.has(customId))
			throw invalidParams('input_file_id', `${where}: custom_id "${customId}" is used twice`);
		seen.add(customId);
		if (parsed.method !== 'POST')
			throw invalidParams('input_file_id', `${where}: method must be "POST"`);
		if (parsed.url !== endpoint)
			throw invalidParams(
				'input_file_id',
				`${where}: url must be "${endpoint}", got "${String(parsed.url)}"`,
			);
		if (!isObject(parsed.body))
			throw invalidParams('input_file_id', `${where}: body must be an object`);
		return { customId, body: parsed.body };
	});
}

function create(ctx: RouteContext): Reply {
	const closed = unavailable(ctx);
	if (closed) return closed;
	const json = new Fields(ctx.json);
	const rawFileId = ctx.json.input_file_id;
	if (rawFileId === undefined || rawFileId === null || rawFileId === '')
		throw invalidParams('input_file_id', 'is required');
	if (!(Number.isInteger(rawFileId) || (typeof rawFileId === 'string' && /^\d+$/.test(rawFileId))))
		throw invalidParams('input_file_id', `must be a file ID, got ${JSON.stringify(rawFileId)}`);
	const endpoint = json.string('endpoint', { required: true, oneOf: [BATCH_ENDPOINT] }) as string;
	const completionWindow = json.string('completion_window', {
		required: true,
		oneOf: ['24h'],
	}) as string;
	const callbackUrl = json.string('callback_url');
	const metadata = json.object('metadata');
	const file = ctx.env.state.getFile(ctx.region, Number(rawFileId));
	if (!file) throw invalidParams('input_file_id', `file ${String(rawFileId)} not found`);
	if (file.purpose !== 'batch')
		throw invalidParams(
			'input_file_id',
			`file ${String(rawFileId)} has purpose "${file.purpose}", not "batch"`,
		);
	const requests = readInput(ctx, file.data, endpoint);
	const store = batchStore(ctx.env.state);
	const id = store.nextId();
	const batch: BatchRecord = {
		id,
		region: ctx.region,
		inputFileId: file.file_id,
		endpoint,
		completionWindow,
		...(callbackUrl ? { callbackUrl } : {}),
		...(metadata ? { metadata: ctx.json.metadata as Record<string, unknown> } : {}),
		createdAt: ctx.env.clock.now(),
		results: requests.map((request) => runLine(ctx, id, request.customId, request.body)),
	};
	store.batches.set(id, batch);
	ctx.entry.billable = true;
	ctx.entry.jobId = id;
	return jsonReply(ctx.traceId, batchObject(ctx, batch));
}

function find(ctx: RouteContext, id: string): BatchRecord {
	const batch = batchStore(ctx.env.state).batches.get(id);
	if (!batch || batch.region !== ctx.region)
		throw invalidParams('batch_id', `batch ${id} not found`);
	return batch;
}

function retrieve(ctx: RouteContext): Reply {
	const closed = unavailable(ctx);
	if (closed) return closed;
	const id = ctx.path.split('/')[3];
	return jsonReply(ctx.traceId, batchObject(ctx, find(ctx, id)));
}

function cancel(ctx: RouteContext): Reply {
	const closed = unavailable(ctx);
	if (closed) return closed;
	const batch = find(ctx, ctx.path.split('/')[3]);
	const { status } = batchStore(ctx.env.state).view(batch);
	if (TERMINAL.includes(status) || status === 'cancelling')
		throw invalidParams('batch_id', `batch ${batch.id} is ${status} and cannot be cancelled`);
	batch.cancelAt = ctx.env.clock.now();
	return jsonReply(ctx.traceId, batchObject(ctx, batch));
}

function list(ctx: RouteContext): Reply {
	const closed = unavailable(ctx);
	if (closed) return closed;
	const raw = ctx.query.limit;
	const limit = raw === undefined ? 20 : Number(raw);
	if (!Number.isInteger(limit) || limit < 1 || limit > 100)
		throw invalidParams('limit', `must be an integer from 1 to 100, got "${raw}"`);
	// Newest first.
	const all = [...batchStore(ctx.env.state).batches.values()]
		.filter((batch) => batch.region === ctx.region)
		.reverse();
	let start = 0;
	if (ctx.query.after !== undefined) {
		start = all.findIndex((batch) => batch.id === ctx.query.after) + 1;
		if (start === 0) throw invalidParams('after', `batch ${ctx.query.after} not found`);
	}
	const size = Math.min(limit, batchStore(ctx.env.state).pageCap);
	const page = all.slice(start, start + size);
	return jsonReply(ctx.traceId, {
		object: 'list',
		data: page.map((batch) => batchObject(ctx, batch)),
		first_id: page[0]?.id ?? null,
		last_id: page[page.length - 1]?.id ?? null,
		has_more: start + size < all.length,
	});
}

export const batchRoutes: Route[] = [
	{ method: 'POST', path: '/v1/batches', body: 'json', handle: create },
	{ method: 'GET', path: '/v1/batches', body: 'none', handle: list },
	{ method: 'GET', path: '/v1/batches/*', body: 'none', handle: retrieve },
	{ method: 'POST', path: '/v1/batches/*/cancel', body: 'none', handle: cancel },
];
