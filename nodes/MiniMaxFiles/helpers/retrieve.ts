import type { IExecuteFunctions } from 'n8n-workflow';

import { miniMaxApiError } from '../../shared/errors';
import type { RetrySettings } from '../../shared/retry';
import { miniMaxRequest, type MiniMaxResponse } from '../../shared/transport';
import type { MiniMaxFile } from './fileObject';

/** GET /v1/files/retrieve?file_id=… (the id goes in the query as its exact digits). */
export async function retrieveFile(
	ctx: IExecuteFunctions,
	itemIndex: number,
	fileId: string,
	retry: RetrySettings,
): Promise<{ file: MiniMaxFile; traceId?: string }> {
	const { body, traceId } = (await miniMaxRequest.call(ctx, {
		method: 'GET',
		path: '/v1/files/retrieve',
		qs: { file_id: fileId },
		itemIndex,
		retry,
	})) as MiniMaxResponse<{ file?: MiniMaxFile | null }>;
	if (!body.file) throw miniMaxApiError(ctx.getNode(), { message: `MiniMax returned no file for ID ${fileId}`, traceId, itemIndex });
	return { file: body.file, traceId };
}
