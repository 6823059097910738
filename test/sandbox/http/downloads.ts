import { createHmac, timingSafeEqual } from 'crypto';

import type { VirtualClock } from '../core/clock';
import type { IdGenerator } from '../core/random';
import { type Reply, type StreamedBody, rawReply } from './reply';

/** A downloadable object; read() returns undefined once the object is gone (e.g. file deleted). */
export interface DownloadObject {
	filename: string;
	contentType: string;
	/** Bytes in memory, or a streamed body for files too large to hold (large videos). */
	read(): Buffer | StreamedBody | undefined;
}

export const DOWNLOAD_PREFIX = '/dl/';

/** 24 h: TTS url output. */
export const TTS_URL_TTL_S = 24 * 3600;
/** 9 h: files/retrieve download_url. */
export const FILE_URL_TTL_S = 9 * 3600;

export type DownloadLookup =
	| { outcome: 'ok'; object: DownloadObject; data: Buffer | StreamedBody }
	| { outcome: 'expired'; expires: number }
	| { outcome: 'bad_signature' }
	| { outcome: 'not_found' };

/**
 * Object-store style signed URLs: /dl/<token>/<filename>?expires=<unix s>&signature=<hmac>.
 * Served without auth; expiry is checked against the virtual clock.
 */
export class DownloadStore {
	private objects = new Map<string, DownloadObject>();

	constructor(
		private readonly clock: VirtualClock,
		private ids: IdGenerator,
		private readonly secret: string,
	) {}

	reset(ids: IdGenerator): void {
		this.objects.clear();
		this.ids = ids;
	}

	publish(object: DownloadObject, ttlSeconds: number, baseUrl: string): string {
		const token = this.ids.token(32);
		this.objects.set(token, object);
		const expires = this.clock.nowSeconds() + ttlSeconds;
		const name = encodeURIComponent(object.filename);
		return `${baseUrl}${DOWNLOAD_PREFIX}${token}/${name}?expires=${expires}&signature=${this.sign(token, expires)}`;
	}

	lookup(path: string, query: Record<string, string>): DownloadLookup {
		// The file name segment is cosmetic (clients take the extension from it); only the token is signed.
		const token = path.slice(DOWNLOAD_PREFIX.length).split('/')[0];
		const expires = Number(query.expires);
		const signature = query.signature ?? '';
		const expected = this.sign(token, expires);
		if (!Number.isInteger(expires) || signature.length !== expected.length)
			return { outcome: 'bad_signature' };
		if (!timingSafeEqual(Buffer.from(signature), Buffer.from(expected)))
			return { outcome: 'bad_signature' };
		if (this.clock.nowSeconds() > expires) return { outcome: 'expired', expires };
		const object = this.objects.get(token);
		const data = object?.read();
		if (!object || !data) return { outcome: 'not_found' };
		return { outcome: 'ok', object, data };
	}

	private sign(token: string, expires: number): string {
		return createHmac('sha256', this.secret).update(`${token}\n${expires}`).digest('hex');
	}
}

function xmlEscape(text: string): string {
	return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** An object-store error document (S3/OSS style). */
export function storageError(
	status: number,
	code: string,
	message: string,
	requestId: string,
	extra: Record<string, string> = {},
): Reply {
	const fields = Object.entries(extra)
		.map(([k, v]) => `<${k}>${xmlEscape(v)}</${k}>`)
		.join('');
	const xml =
		'<?xml version="1.0" encoding="UTF-8"?>\n' +
		`<Error><Code>${code}</Code><Message>${xmlEscape(message)}</Message>${fields}<RequestId>${requestId}</RequestId></Error>\n`;
	return rawReply(status, 'application/xml', Buffer.from(xml), { 'x-request-id': requestId });
}

export function expiredReply(requestId: string, expires: number, now: number): Reply {
	return storageError(403, 'AccessDenied', 'Request has expired', requestId, {
		Expires: new Date(expires * 1000).toISOString(),
		ServerTime: new Date(now * 1000).toISOString(),
	});
}

/** Serves a looked-up object, honouring a single `Range: bytes=a-b`. */
export function objectReply(
	object: DownloadObject,
	data: Buffer | StreamedBody,
	range: string | undefined,
	requestId: string,
): Reply {
	const headers = {
		'content-disposition': `attachment; filename="${object.filename.replace(/"/g, '')}"`,
		'accept-ranges': 'bytes',
		'x-request-id': requestId,
	};
	const match = range ? /^bytes=(\d*)-(\d*)$/.exec(range.trim()) : null;
	if (!Buffer.isBuffer(data))
		return streamedObjectReply(object.contentType, data, match, headers, requestId);
	if (!match || (match[1] === '' && match[2] === ''))
		return rawReply(200, object.contentType, data, headers);
	let start = match[1] === '' ? Math.max(0, data.length - Number(match[2])) : Number(match[1]);
	let end =
		match[1] === '' || match[2] === ''
			? data.length - 1
			: Math.min(Number(match[2]), data.length - 1);
	if (start >= data.length || start > end) {
		return storageError(
			416,
			'InvalidRange',
			'The requested range is not satisfiable',
			requestId,
			{},
		);
	}
	start = Math.max(0, start);
	end = Math.max(start, end);
	return rawReply(206, object.contentType, data.subarray(start, end + 1), {
		...headers,
		'content-range': `bytes ${start}-${end}/${data.length}`,
	});
}

/** objectReply for a streamed body: same range rules, bytes piped instead of held. */
function streamedObjectReply(
	contentType: string,
	body: StreamedBody,
	match: RegExpExecArray | null,
	headers: Record<string, string>,
	requestId: string,
): Reply {
	const reply = (
		status: number,
		start: number,
		end: number,
		extra: Record<string, string> = {},
	): Reply => ({
		status,
		headers: { 'content-type': contentType, ...headers, ...extra },
		chunks: [],
		stream: {
			size: end - start + 1,
			open: (from = 0, to = end - start) => body.open(start + from, start + to),
		},
	});
	if (!match || (match[1] === '' && match[2] === '')) return reply(200, 0, body.size - 1);
	const start = match[1] === '' ? Math.max(0, body.size - Number(match[2])) : Number(match[1]);
	const end =
		match[1] === '' || match[2] === '' ? body.size - 1 : Math.min(Number(match[2]), body.size - 1);
	if (start >= body.size || start > end)
		return storageError(
			416,
			'InvalidRange',
			'The requested range is not satisfiable',
			requestId,
			{},
		);
	return reply(206, start, end, { 'content-range': `bytes ${start}-${end}/${body.size}` });
}
