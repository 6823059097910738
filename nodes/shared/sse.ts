import type { Readable } from './binary';

/** Yields each `data:` payload of a Server-Sent-Events stream, parsed as JSON. */
export async function* readSseJson(stream: Readable | AsyncIterable<Buffer | string>): AsyncGenerator<unknown> {
	let buffer = '';
	for await (const chunk of stream as AsyncIterable<Buffer | string>) {
		buffer += typeof chunk === 'string' ? chunk : chunk.toString('utf8');
		let boundary: number;
		while ((boundary = findEventEnd(buffer)) >= 0) {
			const event = buffer.slice(0, boundary);
			buffer = buffer.slice(boundary).replace(/^(\r?\n)+/, '');
			const parsed = parseEvent(event);
			if (parsed !== undefined) yield parsed;
		}
	}
	const rest = parseEvent(buffer);
	if (rest !== undefined) yield rest;
}

function findEventEnd(buffer: string): number {
	const lf = buffer.indexOf('\n\n');
	const crlf = buffer.indexOf('\r\n\r\n');
	if (lf < 0) return crlf;
	if (crlf < 0) return lf;
	return Math.min(lf, crlf);
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
