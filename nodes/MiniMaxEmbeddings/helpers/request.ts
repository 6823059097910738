import { NodeApiError } from 'n8n-workflow';
import type { IDataObject } from 'n8n-workflow';

import { miniMaxApiError } from '../../shared/transport/errors';
import { miniMaxRequest, type MiniMaxContext } from '../../shared/transport/request';
import type { EmbeddingsSettings } from './settings';
import { readVectors } from './vectors';

export const EMBEDDINGS_PATH = '/v1/embeddings';

/** `db` for documents to store, `query` for search queries (docs/minimax-api.md §17.5). */
export type EmbeddingType = 'db' | 'query';

const NOT_OFFERED =
	'embeddings are not offered for this account or region (HTTP 404 on /v1/embeddings)';
const NOT_OFFERED_HINT =
	'The host answered that the embeddings route does not exist. Embeddings are not available on every MiniMax host or account: try the credential Region of the platform where the key was issued (Global or China), or use another embeddings node with your vector store.';
const BALANCE_HINT =
	'MiniMax has also answered "insufficient balance" for embeddings on accounts that do have a balance but are not offered embeddings (MiniMax-AI/MiniMax-M2#111).';

/**
 * One `POST /v1/embeddings` request for up to Batch Size texts → one vector per text, in order.
 * Through the shared transport (httpRequestWithAuthentication, GroupId from the credential,
 * base_resp check, retries with backoff for transient codes, pacing of the Embeddings family).
 * Errors: NodeApiError for MiniMax errors (code, message, trace ID), for HTTP 404 ("not offered
 * for this account or region") and for an answer without one usable vector per text.
 * Reference: docs/minimax-api.md §17.5 (LangChain's MiniMax embeddings clients).
 */
export async function requestEmbeddings(
	ctx: MiniMaxContext,
	settings: EmbeddingsSettings,
	texts: string[],
	type: EmbeddingType,
): Promise<{ vectors: number[][]; totalTokens?: number }> {
	let response;
	try {
		response = await miniMaxRequest.call(ctx, {
			method: 'POST',
			path: EMBEDDINGS_PATH,
			body: { model: settings.model, texts, type },
			retry: settings.retry,
		});
	} catch (error) {
		throw explained(ctx, error as Error);
	}
	const body = response.body as IDataObject;
	const read = readVectors(body, texts.length);
	if ('problem' in read) {
		throw miniMaxApiError(ctx.getNode(), {
			message: `the answer has no usable embeddings: ${read.problem}`,
			traceId: response.traceId,
			note: 'No vector was stored. Try again; if it persists, send the trace ID to MiniMax support.',
		});
	}
	const totalTokens = typeof body.total_tokens === 'number' ? body.total_tokens : undefined;
	return { vectors: read.vectors, totalTokens };
}

/** A 404 says the route is missing on this host; 1008 may mean the same (see BALANCE_HINT). */
function explained(ctx: MiniMaxContext, error: Error): Error {
	if (!(error instanceof NodeApiError)) return error;
	if (error.httpCode === '404') {
		return miniMaxApiError(ctx.getNode(), {
			message: NOT_OFFERED,
			httpStatus: 404,
			note: NOT_OFFERED_HINT,
		});
	}
	if ((error.errorResponse as IDataObject | undefined)?.minimaxCode === 1008) {
		error.description = `${error.description ?? ''} ${BALANCE_HINT}`.trim();
	}
	return error;
}
