import type { IExecuteFunctions } from 'n8n-workflow';

import type { Readable } from '../media/binary';

import { miniMaxApiError } from './errors';
import { miniMaxRequest, type MiniMaxResponse } from './request';
import { GENERATION_TIMEOUT_MS } from './consts';

export interface UploadedFile {
	fileId: number;
	bytes?: number;
	fileName?: string;
	purpose?: string;
	createdAt?: number;
}

export interface UploadRequest {
	purpose: string;
	data: Buffer;
	fileName: string;
	mimeType: string;
	itemIndex: number;
}

/**
 * POST /v1/files/upload (multipart). The global FormData needs a Blob, so the file is in memory;
 * MiniMax caps user uploads at tens of MB.
 */
export async function uploadFile(
	ctx: IExecuteFunctions,
	request: UploadRequest,
): Promise<UploadedFile> {
	const form = new FormData();
	form.append('purpose', request.purpose);
	form.append('file', new Blob([request.data], { type: request.mimeType }), request.fileName);
	const { body, traceId } = (await miniMaxRequest.call(ctx, {
		method: 'POST',
		path: '/v1/files/upload',
		body: form,
		itemIndex: request.itemIndex,
		timeoutMs: GENERATION_TIMEOUT_MS,
	})) as MiniMaxResponse<{
		file?: {
			file_id?: number | string;
			bytes?: number;
			filename?: string;
			purpose?: string;
			created_at?: number;
		};
	}>;
	const fileId = Number(body.file?.file_id);
	if (!Number.isFinite(fileId) || fileId <= 0) {
		throw miniMaxApiError(ctx.getNode(), {
			message: `The upload of "${request.fileName}" returned no file ID`,
			traceId,
			itemIndex: request.itemIndex,
		});
	}
	return {
		fileId,
		bytes: body.file?.bytes,
		fileName: body.file?.filename,
		purpose: body.file?.purpose,
		createdAt: body.file?.created_at,
	};
}

export interface StreamedFile {
	fileName: string;
	mimeType: string;
	/** Exact size in bytes: it becomes the part's length in the multipart Content-Length. */
	size: number;
	/** Opens the bytes from the start; called once per attempt, so a retry reads them again. */
	open: () => Promise<Readable | Buffer>;
}

/**
 * A multipart file part whose bytes are read from a stream while the request body is written,
 * so a large input (n8n filesystem, S3 or database binary mode) is never held in memory.
 *
 * n8n's httpRequest hands a global (spec) FormData to axios, which writes each file part by
 * iterating `part.stream()` (axios formDataToStream/readBlob) and sizes the body from
 * `part.size`. A File subclass answers both from the stream; it must be appended WITHOUT a
 * file-name argument (`form.append('file', part)`), because FormData copies any other Blob
 * into a new in-memory File. If the stream yields more or fewer bytes than `size`, the body
 * fails with an error instead of sending a wrong Content-Length.
 */
export function streamedFilePart(file: StreamedFile): File {
	return new StreamedFilePart(file);
}

class StreamedFilePart extends File {
	constructor(private readonly source: StreamedFile) {
		super([], source.fileName, { type: source.mimeType });
		// Blob's size is an accessor on its prototype; the instance answers the streamed length.
		Object.defineProperty(this, 'size', { get: () => source.size, enumerable: true });
	}

	override stream(): ReturnType<File['stream']> {
		return readAll(this.source) as unknown as ReturnType<File['stream']>;
	}

	override async arrayBuffer(): Promise<ArrayBuffer> {
		const chunks: Buffer[] = [];
		for await (const chunk of readAll(this.source)) chunks.push(chunk);
		const whole = Buffer.concat(chunks);
		return whole.buffer.slice(whole.byteOffset, whole.byteOffset + whole.length) as ArrayBuffer;
	}
}

async function* readAll(source: StreamedFile): AsyncGenerator<Buffer> {
	const body = await source.open();
	let sent = 0;
	const chunks: Iterable<Buffer> | AsyncIterable<Buffer | string> = Buffer.isBuffer(body)
		? [body]
		: (body as AsyncIterable<Buffer | string>);
	for await (const chunk of chunks) {
		const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
		sent += buffer.length;
		if (sent > source.size) break;
		yield buffer;
	}
	if (sent !== source.size) {
		if (!Buffer.isBuffer(body)) body.destroy();
		throw new Error(
			`the file "${source.fileName}" changed while it was uploaded: ${sent > source.size ? `more than the ${source.size}` : `only ${sent} of ${source.size}`} bytes it had`,
		);
	}
}
