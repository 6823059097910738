import busboy from 'busboy';

/**
 * multipart/form-data (RFC 7578) bodies read with busboy, the parser behind most Node servers.
 * It understands what real clients send: quoted boundaries, backslash-escaped quotes in names,
 * UTF-8 file names both raw and as RFC 5987 `filename*=UTF-8''…`, binary data holding CRLF and
 * dashes. Like a Go `mime/multipart` server, it skips parts that are not `form-data`; a part
 * without a `Content-Type` is `text/plain` (RFC 7578 §4.4); a part with an empty file name is a
 * field (what browsers send for "no file chosen").
 */

export interface MultipartFile {
	field: string;
	filename: string;
	contentType: string;
	data: Buffer;
}

export interface MultipartForm {
	/** Text fields by name; a repeated name keeps its last value. */
	fields: Record<string, string>;
	/** File parts in body order. */
	files: MultipartFile[];
}

/** The body is not valid multipart/form-data; the message says why. */
export class MultipartError extends Error {}

/** The boundary of a multipart/form-data Content-Type; throws MultipartError otherwise. */
export function boundaryOf(contentType: string | undefined): string {
	if (!contentType || !/^multipart\/form-data\s*(;|$)/i.test(contentType)) {
		throw new MultipartError('Content-Type must be multipart/form-data');
	}
	const match = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
	const boundary = match?.[1] ?? match?.[2];
	if (!boundary) throw new MultipartError('multipart boundary is missing');
	return boundary;
}

/** Parses a fully buffered body; rejects with MultipartError when it is malformed or truncated. */
export async function parseMultipart(
	body: Buffer,
	contentType: string | undefined,
): Promise<MultipartForm> {
	boundaryOf(contentType);
	const form: MultipartForm = { fields: {}, files: [] };
	const parser = busboy({
		headers: { 'content-type': contentType },
		// Names are UTF-8 (what browsers and Node's FormData send), not busboy's latin1 default.
		defParamCharset: 'utf8',
		limits: { fieldSize: body.length + 1 },
	});
	return new Promise<MultipartForm>((resolve, reject) => {
		const fail = (error: unknown) => {
			parser.removeAllListeners();
			parser.on('error', () => undefined);
			reject(new MultipartError(error instanceof Error ? error.message : String(error)));
		};
		parser.on('field', (name: string | undefined, value: string) => {
			if (name === undefined) return fail('part without a name');
			form.fields[name] = value;
		});
		parser.on('file', (name: string | undefined, stream, info) => {
			if (name === undefined) return fail('part without a name');
			const chunks: Buffer[] = [];
			stream.on('data', (chunk: Buffer) => chunks.push(chunk));
			stream.on('end', () => {
				const data = Buffer.concat(chunks);
				form.files.push({ field: name, filename: info.filename, contentType: info.mimeType, data });
			});
		});
		parser.on('error', fail);
		parser.on('close', () => resolve(form));
		parser.end(body);
	});
}
