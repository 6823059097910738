import type { IBinaryData } from 'n8n-workflow';

import {
	toOutputBinary,
	type BinaryContext,
	type OutputFile,
	type Readable,
} from '../media/binary';
import { fetchSignedUrl, type DownloadRequest } from './download';

/**
 * Streams a download into n8n's binary storage after looking at its first bytes, so the file's
 * type and name come from what it is (magic numbers) rather than from a URL or a header.
 */

export interface SniffedBinary {
	binary: IBinaryData;
	/** The first bytes of the file (up to the requested head size). */
	head: Buffer;
}

export type FileForHead = (head: Buffer) => OutputFile;

export interface SniffedDownloadRequest extends Omit<DownloadRequest, 'file'> {
	fileFor: FileForHead;
	/** Bytes to look at before choosing the file type; default 64 KiB. */
	headBytes?: number;
}

const DEFAULT_HEAD_BYTES = 64 * 1024;

/** A signed-URL download (no API key, retried, fresh links on expiry) stored under a sniffed type. */
export async function downloadSignedUrlSniffed(
	ctx: BinaryContext,
	request: SniffedDownloadRequest,
): Promise<SniffedBinary> {
	return await fetchSignedUrl(
		ctx,
		request,
		async (body) => await storeSniffed(ctx, body, request.fileFor, request.headBytes),
		(stored) => stored.binary.bytes,
	);
}

/** Stores a stream (e.g. an authenticated file-content response) under the type its first bytes show. */
export async function storeSniffed(
	ctx: BinaryContext,
	body: Readable | Buffer,
	fileFor: FileForHead,
	headBytes = DEFAULT_HEAD_BYTES,
): Promise<SniffedBinary> {
	if (Buffer.isBuffer(body))
		return {
			binary: await toOutputBinary(ctx, body, fileFor(body)),
			head: body.subarray(0, headBytes),
		};
	const { head, rest } = await peek(body, headBytes);
	return { binary: await toOutputBinary(ctx, rest, fileFor(head)), head };
}

/**
 * Reads the first `bytes` of a stream and puts them back (unshift), leaving the stream whole for
 * the consumer. It reads through 'readable' events, not 'data': once that listener is removed the
 * stream returns to its initial state, so a consumer that only adds a 'data' listener still gets
 * every byte. A stream that ends before `bytes` is returned as one Buffer.
 */
export async function peek(
	stream: Readable,
	bytes: number,
): Promise<{ head: Buffer; rest: Readable | Buffer }> {
	return await new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		const cleanup = () => {
			stream.off('readable', onReadable);
			stream.off('end', onEnd);
			stream.off('error', onError);
		};
		const onReadable = () => {
			let chunk: Buffer | string | null;
			while (size < bytes && (chunk = stream.read() as Buffer | string | null) !== null) {
				const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
				chunks.push(buffer);
				size += buffer.length;
			}
			if (size < bytes) return;
			cleanup();
			const head = Buffer.concat(chunks);
			stream.unshift(head);
			resolve({ head: head.subarray(0, bytes), rest: stream });
		};
		const onEnd = () => {
			cleanup();
			const whole = Buffer.concat(chunks);
			resolve({ head: whole.subarray(0, bytes), rest: whole });
		};
		const onError = (error: Error) => {
			cleanup();
			reject(error);
		};
		stream.on('readable', onReadable);
		stream.once('end', onEnd);
		stream.once('error', onError);
	});
}
