import type { ServerResponse } from 'http';

import type { FaultKind } from '../core/faults';
import type { Reply } from './reply';

/**
 * Faults that keep the real (billed) answer but change how its bytes travel, replaying what public
 * reports show reaching clients (docs/minimax-api.md §17.4):
 * - `byte_split`: every byte of a multi-byte UTF-8 character is its own network write, so chunk
 *   boundaries fall inside characters (ASCII runs go in one write).
 * - `truncate_stream`: an SSE answer loses its last event (and `[DONE]`) and ends cleanly; any
 *   other body ends cleanly after half its bytes although Content-Length announced all of them.
 * - `stall_stream`: the first SSE event (or half the body) is sent, then nothing, socket kept open
 *   until the client gives up.
 * - `empty_body`: HTTP 200 with zero bytes (downloads).
 * - `html_body`: HTTP 200 with an HTML error page where the file was expected (downloads).
 */
export const BODY_SHAPES: ReadonlySet<FaultKind> = new Set([
	'byte_split',
	'truncate_stream',
	'stall_stream',
	'empty_body',
	'html_body',
]);

const HTML_PAGE =
	'<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1><p>The upstream server returned an invalid response.</p></body></html>\n';

function pause(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

async function bodyChunks(reply: Reply): Promise<Buffer[]> {
	if (!reply.stream) return reply.chunks;
	const chunks: Buffer[] = [];
	for await (const chunk of reply.stream.open() as AsyncIterable<Buffer>) chunks.push(chunk);
	return [Buffer.concat(chunks)];
}

function write(res: ServerResponse, data: Buffer): Promise<void> {
	return new Promise((resolve) => {
		if (res.destroyed) resolve();
		else res.write(data, () => resolve());
	});
}

/** Resolves when the client has closed the connection. */
function closed(res: ServerResponse): Promise<void> {
	return new Promise((resolve) => {
		if (res.destroyed || res.socket?.destroyed) resolve();
		else res.once('close', () => resolve());
	});
}

/** Splits bytes into ASCII runs and single bytes of multi-byte characters. */
function utf8Pieces(data: Buffer): Buffer[] {
	const pieces: Buffer[] = [];
	let start = 0;
	for (let i = 0; i < data.length; i++) {
		if (data[i] < 0x80) continue;
		if (i > start) pieces.push(data.subarray(start, i));
		pieces.push(data.subarray(i, i + 1));
		start = i + 1;
	}
	if (start < data.length) pieces.push(data.subarray(start));
	return pieces;
}

export async function writeShapedBody(
	res: ServerResponse,
	reply: Reply,
	shape: FaultKind,
): Promise<void> {
	const headers: Record<string, string> = { ...reply.headers };
	if (shape === 'html_body') {
		const page = Buffer.from(HTML_PAGE);
		res.writeHead(200, {
			'content-type': 'text/html; charset=utf-8',
			'content-length': String(page.length),
		});
		res.end(page);
		return;
	}
	if (shape === 'empty_body') {
		res.writeHead(200, { ...headers, 'content-length': '0' });
		res.end();
		return;
	}
	const chunks = await bodyChunks(reply);
	const total = chunks.reduce((sum, chunk) => sum + chunk.length, 0);
	if (!reply.streaming) headers['content-length'] = String(total);
	res.writeHead(reply.status, headers);

	if (shape === 'byte_split') {
		for (const chunk of chunks) {
			for (const piece of utf8Pieces(chunk)) {
				await write(res, piece);
				// A pause makes each write its own TCP segment and its own read on the client.
				if (piece.length === 1 && piece[0] >= 0x80) await pause(2);
			}
		}
		res.end();
		return;
	}

	if (reply.streaming) {
		const events = chunks.filter((chunk) => !/^data: \[DONE\]/.test(chunk.toString('utf8')));
		const sent =
			shape === 'stall_stream'
				? events.slice(0, 1)
				: events.slice(0, Math.max(1, events.length - 1));
		for (const chunk of sent) await write(res, chunk);
		if (shape === 'stall_stream') await closed(res);
		else res.end();
		return;
	}
	const whole = Buffer.concat(chunks);
	await write(res, whole.subarray(0, Math.max(1, Math.floor(whole.length / 2))));
	if (shape === 'stall_stream') {
		await closed(res);
		return;
	}
	// End the connection cleanly (FIN, not a reset) with bytes missing.
	await pause(20);
	res.socket?.end();
}
