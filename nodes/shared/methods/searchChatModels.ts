import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { listedModelIds, mergeChatModels } from '../chat/modelList';
import { BATCH_CHAT_MODELS } from '../chat/models';
import { miniMaxRequest } from '../transport/request';

/** A picker must open quickly: one attempt, short timeout. */
const MODELS_TIMEOUT_MS = 10_000;

/**
 * `GET /v1/models` (docs/minimax-api.md §17.4, OpenAI-style list): the chat model ids the account
 * lists, or undefined when the call fails in any way (404 on hosts without the route, an error,
 * a body without `data`). Never throws.
 */
export async function fetchListedChatModels(
	ctx: ILoadOptionsFunctions,
): Promise<string[] | undefined> {
	try {
		const { body } = await miniMaxRequest.call(ctx, {
			method: 'GET',
			path: '/v1/models',
			timeoutMs: MODELS_TIMEOUT_MS,
			retry: { maxRetries: 0, baseDelayMs: 0, maxDelayMs: 0 },
		});
		return listedModelIds(body);
	} catch {
		return undefined;
	}
}

/**
 * List search for the Model locator of the Chat and Chat Model nodes: the built-in chat models
 * merged with the account's `GET /v1/models` list (new ids appear without a release; a failing
 * call leaves the built-in list). Legacy models are labelled and listed last.
 */
export async function searchChatModels(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const needle = filter?.trim().toLowerCase();
	const models = mergeChatModels(await fetchListedChatModels(this));
	return {
		results: models
			.filter(
				(model) =>
					!needle ||
					model.name.toLowerCase().includes(needle) ||
					model.description.toLowerCase().includes(needle),
			)
			.map((model) => ({ name: model.name, value: model.id, description: model.description })),
	};
}

/**
 * List search for Create Batch's Model locator: the native chat API's models (§11.1), the only
 * endpoint batch requests call (§17.6). `GET /v1/models` lists the OpenAI-compatible models, so it
 * is not merged here.
 */
export async function searchBatchChatModels(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const needle = filter?.trim().toLowerCase();
	return {
		results: BATCH_CHAT_MODELS.filter(
			(model) =>
				!needle ||
				model.id.toLowerCase().includes(needle) ||
				model.description.toLowerCase().includes(needle),
		).map((model) => ({ name: model.id, value: model.id, description: model.description })),
	};
}
