import type { Readable } from '../media/binary';

/**
 * Yields each `data:` payload of a Server-Sent-Events stream, parsed as JSON (`[DONE]` skipped; a
 * payload that is not JSON yields `{ unparsable }`). The body is a byte stream whose network
 * chunks may split a multi-byte UTF-8 character (docs/minimax-api.md §17.4): bytes are collected until an
 * event ends (a blank line, which is ASCII) and only whole events are decoded.
 */
export async function* readSseJson(
	stream: Readable | AsyncIterable<Buffer | string>,
): AsyncGenerator<unknown> {
	// Chunks of the current event are kept in a list and joined once the event is complete, so a
	// large event (the aggregated audio of a TTS stream) costs one copy, not one per chunk.
	let pending: Buffer[] = [];
	let pendingBytes = 0;
	for await (const raw of stream as AsyncIterable<Buffer | string>) {
		const chunk = toBuffer(raw);
		if (!chunk.length) continue;
		// A blank line may straddle the previous chunk and this one: look from 2 bytes back.
		const overlap = Math.min(2, pendingBytes);
		const probe = overlap ? Buffer.concat([tail(pending, overlap), chunk]) : chunk;
		if (!findEventEnd(probe, 0)) {
			pending.push(chunk);
			pendingBytes += chunk.length;
			continue;
		}
		let buffer = Buffer.concat([...pending, chunk]);
		pending = [];
		pendingBytes = 0;
		for (let end = findEventEnd(buffer, 0); end; end = findEventEnd(buffer, 0)) {
			const parsed = parseEvent(buffer.subarray(0, end.at).toString('utf8'));
			buffer = buffer.subarray(end.at + end.length);
			if (parsed !== undefined) yield parsed;
		}
		if (buffer.length) {
			pending = [buffer];
			pendingBytes = buffer.length;
		}
	}
	const rest = parseEvent(Buffer.concat(pending).toString('utf8'));
	if (rest !== undefined) yield rest;
}

function tail(chunks: Buffer[], bytes: number): Buffer {
	const joined = Buffer.concat(chunks.slice(-bytes));
	return joined.subarray(joined.length - bytes);
}

function toBuffer(chunk: Buffer | string): Buffer {
	return typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
}

/** The first blank line (`\n\n`, `\r\n\r\n` or mixed) in the bytes. */
function findEventEnd(buffer: Buffer, from: number): { at: number; length: number } | undefined {
	for (let i = buffer.indexOf(0x0a, from); i >= 0; i = buffer.indexOf(0x0a, i + 1)) {
		if (buffer[i + 1] === 0x0a) return { at: i, length: 2 };
		if (buffer[i + 1] === 0x0d && buffer[i + 2] === 0x0a) return { at: i, length: 3 };
	}
	return undefined;
}

function parseEvent(event: string): unknown {
	const data = event
		.split(/\r?\n/)
		.filter((line) => line.startsWith('data:'))
		.map((line) => line.slice(5).trimStart())
		.join('\n')
		.trim();
	if (!data || data === '[DONE]') return undefined;
	try {
		return JSON.parse(data);
	} catch {
		return { unparsable: data.slice(0, 200) };
	}
}
