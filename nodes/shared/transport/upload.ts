import type { IExecuteFunctions } from 'n8n-workflow';

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
