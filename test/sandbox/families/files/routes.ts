import { FILE_URL_TTL_S } from '../../http/downloads';
import { invalidParams } from '../../http/errors';
import { jsonReply, rawReply, type Reply } from '../../http/reply';
import type { Route, RouteContext } from '../../http/routes';
import type { StoredFile } from '../../core/state';
import { Fields } from '../../http/validate';

/** Files: upload (multipart), list, retrieve (signed download_url), retrieve_content (bytes), delete. */

export const UPLOAD_PURPOSES = ['voice_clone', 'prompt_audio', 't2a_async_input', 'batch'] as const;
export const FILE_PURPOSES = [
	'voice_clone',
	'prompt_audio',
	't2a_async_input',
	't2a_async',
	'video_generation',
	'batch',
	'batch_output',
] as const;
const MAX_AUDIO_BYTES = 20 * 1024 * 1024;
/** Batch input files (docs/minimax-api.md §17.6). */
export const MAX_BATCH_FILE_BYTES = 100 * 1024 * 1024;

const EXTENSIONS: Record<string, readonly string[]> = {
	voice_clone: ['mp3', 'm4a', 'wav'],
	prompt_audio: ['mp3', 'm4a', 'wav'],
	t2a_async_input: ['txt', 'zip'],
	batch: ['jsonl'],
};

const CONTENT_TYPES: Record<string, string> = {
	mp3: 'audio/mpeg',
	m4a: 'audio/mp4',
	wav: 'audio/wav',
	flac: 'audio/flac',
	txt: 'text/plain; charset=utf-8',
	zip: 'application/zip',
	tar: 'application/x-tar',
	mp4: 'video/mp4',
	json: 'application/json',
	jsonl: 'application/jsonl',
};

function extensionOf(filename: string): string {
	const dot = filename.lastIndexOf('.');
	return dot < 0 ? '' : filename.slice(dot + 1).toLowerCase();
}

export function contentTypeFor(filename: string): string {
	return CONTENT_TYPES[extensionOf(filename)] ?? 'application/octet-stream';
}

function fileObject(file: StoredFile): Record<string, unknown> {
	return {
		file_id: file.file_id,
		bytes: file.bytes,
		created_at: file.created_at,
		filename: file.filename,
		purpose: file.purpose,
	};
}

function upload(ctx: RouteContext): Reply {
	const form = ctx.form ?? { fields: {}, files: [] };
	const purpose = form.fields.purpose;
	if (purpose === undefined || purpose === '') throw invalidParams('purpose', 'is required');
	if (!(UPLOAD_PURPOSES as readonly string[]).includes(purpose)) {
		throw invalidParams(
			'purpose',
			`must be one of ${UPLOAD_PURPOSES.join(', ')}, got "${purpose}"`,
		);
	}
	const file = form.files.find((f) => f.field === 'file');
	if (!file) throw invalidParams('file', 'is required');
	if (file.data.length === 0) throw invalidParams('file', 'is empty');
	const allowed = EXTENSIONS[purpose];
	if (!allowed.includes(extensionOf(file.filename))) {
		throw invalidParams(
			'file',
			`${purpose} accepts ${allowed.join(', ')} files, got "${file.filename}"`,
		);
	}
	if (purpose === 'batch' && file.data.length > MAX_BATCH_FILE_BYTES)
		throw invalidParams('file', 'must be at most 100 MB');
	if (purpose !== 't2a_async_input' && purpose !== 'batch' && file.data.length > MAX_AUDIO_BYTES)
		throw invalidParams('file', 'must be at most 20 MB');
	const stored = ctx.env.state.addFile({
		purpose,
		filename: file.filename,
		data: file.data,
		contentType: contentTypeFor(file.filename),
		region: ctx.region,
	});
	return jsonReply(ctx.traceId, { file: fileObject(stored) });
}

function list(ctx: RouteContext): Reply {
	const purpose = ctx.query.purpose;
	if (purpose === undefined || purpose === '') throw invalidParams('purpose', 'is required');
	if (!(FILE_PURPOSES as readonly string[]).includes(purpose)) {
		throw invalidParams('purpose', `must be one of ${FILE_PURPOSES.join(', ')}, got "${purpose}"`);
	}
	// Newest first, as MiniMax lists generated files.
	const files = ctx.env.state.listFiles(ctx.region, purpose).reverse();
	return jsonReply(ctx.traceId, {
		files: files.sort((a, b) => b.created_at - a.created_at).map(fileObject),
	});
}

function lookup(ctx: RouteContext): StoredFile {
	const raw = ctx.query.file_id;
	if (raw === undefined || raw === '') throw invalidParams('file_id', 'is required');
	if (!/^\d+$/.test(raw)) throw invalidParams('file_id', `must be a number, got "${raw}"`);
	const file = ctx.env.state.getFile(ctx.region, Number(raw));
	if (!file) throw invalidParams('file_id', `file ${raw} not found`);
	return file;
}

/** Test hook: a file whose name contains this gets no download_url, so clients must use retrieve_content. */
export const NO_DOWNLOAD_URL_MARKER = '.no-url.';

function retrieve(ctx: RouteContext): Reply {
	const file = lookup(ctx);
	if (file.filename.includes(NO_DOWNLOAD_URL_MARKER))
		return jsonReply(ctx.traceId, { file: fileObject(file) });
	const { state, downloads } = ctx.env;
	const id = file.file_id;
	const read = () => {
		const current = state.files.get(id);
		return current?.streamed ?? current?.data;
	};
	const object = { filename: file.filename, contentType: file.contentType, read };
	return jsonReply(ctx.traceId, {
		file: {
			...fileObject(file),
			download_url: downloads.publish(object, FILE_URL_TTL_S, ctx.baseUrl),
		},
	});
}

function retrieveContent(ctx: RouteContext): Reply {
	const file = lookup(ctx);
	if (file.streamed)
		return {
			status: 200,
			headers: { 'content-type': file.contentType, 'trace-id': ctx.traceId },
			chunks: [],
			stream: file.streamed,
		};
	return rawReply(200, file.contentType, file.data, { 'trace-id': ctx.traceId });
}

function remove(ctx: RouteContext): Reply {
	const json = new Fields(ctx.json);
	const fileId = json.number('file_id', { required: true, integer: true, min: 1 }) as number;
	const purpose = json.string('purpose', { required: true, oneOf: FILE_PURPOSES }) as string;
	const file = ctx.env.state.getFile(ctx.region, fileId);
	if (!file || file.purpose !== purpose)
		throw invalidParams('file_id', `no file ${fileId} with purpose ${purpose}`);
	ctx.env.state.deleteFile(fileId);
	return jsonReply(ctx.traceId, { file_id: fileId });
}

export const fileRoutes: Route[] = [
	{ method: 'POST', path: '/v1/files/upload', body: 'multipart', handle: upload },
	{ method: 'GET', path: '/v1/files/list', body: 'none', handle: list },
	{ method: 'GET', path: '/v1/files/retrieve', body: 'none', handle: retrieve },
	{ method: 'GET', path: '/v1/files/retrieve_content', body: 'none', handle: retrieveContent },
	{ method: 'POST', path: '/v1/files/delete', body: 'json', handle: remove },
];
