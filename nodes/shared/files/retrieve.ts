import { miniMaxApiError } from '../transport/errors';
import { miniMaxRequest, type MiniMaxContext, type MiniMaxResponse } from '../transport/request';

/** A file object as MiniMax returns it (docs/minimax-api.md §12). */
export interface MiniMaxFile {
	file_id?: number | string;
	bytes?: number;
	created_at?: number;
	filename?: string;
	purpose?: string;
	download_url?: string;
}

/** A generated file's fresh signed download link (valid about 9 h), with its size when known. */
export interface RetrievedFile {
	fileId: string;
	downloadUrl: string;
	/** Size in bytes; undefined when MiniMax reports 0 or nothing. */
	bytes?: number;
	/** Unix seconds. */
	createdAt?: number;
}

/**
 * GET /v1/files/retrieve?file_id=… (the id goes in the query as its exact digits): the file's
 * metadata. Reference: https://platform.minimax.io/docs/api-reference/file-management-retrieve
 * Throws a NodeApiError when MiniMax returns no file object.
 */
export async function retrieveFile(
	ctx: MiniMaxContext,
	itemIndex: number,
	fileId: string,
): Promise<{ file: MiniMaxFile; traceId?: string }> {
	const { body, traceId } = (await miniMaxRequest.call(ctx, {
		method: 'GET',
		path: '/v1/files/retrieve',
		qs: { file_id: fileId },
		itemIndex,
	})) as MiniMaxResponse<{ file?: MiniMaxFile | null }>;
	if (!body.file) {
		throw miniMaxApiError(ctx.getNode(), {
			message: `MiniMax returned no file for ID ${fileId}`,
			traceId,
			itemIndex,
		});
	}
	return { file: body.file, traceId };
}

/**
 * files/retrieve for a generated file (video, long speech archive) that must have a download link.
 * Throws a NodeApiError naming the file when the link is missing (the file is not ready yet).
 */
export async function retrieveDownloadUrl(
	ctx: MiniMaxContext,
	itemIndex: number,
	fileId: string,
): Promise<RetrievedFile> {
	const { file, traceId } = await retrieveFile(ctx, itemIndex, fileId);
	const url = file.download_url;
	if (!url) {
		throw miniMaxApiError(ctx.getNode(), {
			message: `File ${fileId} has no download link yet`,
			traceId,
			itemIndex,
		});
	}
	const bytes = Number(file.bytes);
	return {
		fileId,
		downloadUrl: url,
		bytes: Number.isFinite(bytes) && bytes > 0 ? bytes : undefined,
		createdAt: file.created_at,
	};
}
