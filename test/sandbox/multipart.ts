/** multipart/form-data parser (RFC 7578) over a fully buffered body. */

export interface MultipartFile {
	field: string;
	filename: string;
	contentType: string;
	data: Buffer;
}

export interface MultipartForm {
	fields: Record<string, string>;
	files: MultipartFile[];
}

export class MultipartError extends Error {}

export function boundaryOf(contentType: string | undefined): string {
	if (!contentType || !/^multipart\/form-data\s*(;|$)/i.test(contentType)) {
		throw new MultipartError('Content-Type must be multipart/form-data');
	}
	const match = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
	const boundary = match?.[1] ?? match?.[2];
	if (!boundary) throw new MultipartError('multipart boundary is missing');
	return boundary;
}

export function parseMultipart(body: Buffer, contentType: string | undefined): MultipartForm {
	const boundary = boundaryOf(contentType);
	const delimiter = Buffer.from(`--${boundary}`);
	const form: MultipartForm = { fields: {}, files: [] };
	let pos = body.indexOf(delimiter);
	if (pos < 0) throw new MultipartError('multipart body has no boundary line');
	for (;;) {
		pos += delimiter.length;
		if (body.subarray(pos, pos + 2).toString('latin1') === '--') return form;
		if (body.subarray(pos, pos + 2).toString('latin1') !== '\r\n') throw new MultipartError('malformed boundary line');
		pos += 2;
		const headerEnd = body.indexOf('\r\n\r\n', pos);
		if (headerEnd < 0) throw new MultipartError('part headers are not terminated');
		const headers = parseHeaders(body.subarray(pos, headerEnd).toString('utf8'));
		const dataStart = headerEnd + 4;
		const next = body.indexOf(Buffer.concat([Buffer.from('\r\n'), delimiter]), dataStart);
		if (next < 0) throw new MultipartError('multipart body is truncated (no closing boundary)');
		addPart(form, headers, body.subarray(dataStart, next));
		pos = next + 2;
	}
}

function parseHeaders(block: string): Record<string, string> {
	const headers: Record<string, string> = {};
	for (const line of block.split('\r\n')) {
		const colon = line.indexOf(':');
		if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
	}
	return headers;
}

function dispositionParam(disposition: string, name: string): string | undefined {
	const extended = new RegExp(`;\\s*${name}\\*=([^']*)'[^']*'([^;]+)`, 'i').exec(disposition);
	if (extended) return decodeURIComponent(extended[2]);
	const quoted = new RegExp(`;\\s*${name}="((?:[^"\\\\]|\\\\.)*)"`, 'i').exec(disposition);
	if (quoted) return quoted[1].replace(/\\(.)/g, '$1');
	const bare = new RegExp(`;\\s*${name}=([^;\\s]+)`, 'i').exec(disposition);
	return bare?.[1];
}

function addPart(form: MultipartForm, headers: Record<string, string>, data: Buffer): void {
	const disposition = headers['content-disposition'];
	if (!disposition || !/^form-data\b/i.test(disposition)) throw new MultipartError('part without Content-Disposition: form-data');
	const field = dispositionParam(disposition, 'name');
	if (field === undefined) throw new MultipartError('part without a name');
	const filename = dispositionParam(disposition, 'filename');
	if (filename === undefined) {
		form.fields[field] = data.toString('utf8');
		return;
	}
	form.files.push({ field, filename, contentType: headers['content-type'] ?? 'application/octet-stream', data: Buffer.from(data) });
}
