import { ApiError, CODES, invalidParams } from '../../http/errors';
import { jsonReply, textReply, type Reply } from '../../http/reply';
import type { Route, RouteContext } from '../../http/routes';
import { Fields } from '../../http/validate';
import { rejectUnknownFields } from '../image/routes';
import { embeddingsStore } from './store';
import { countTokens, embedText } from './vectors';

/**
 * Embeddings: POST /v1/embeddings (docs/minimax-api.md §17.5), body `{model: "embo-01", texts: [...],
 * type: "db" | "query"}` → `{vectors: [[1536 numbers], …], total_tokens, base_resp}`, one vector per
 * text in request order. Strict: unknown fields, another model, missing or empty texts, a text that
 * is not a non-empty string, a bad type or more than MAX_TEXTS texts → 2013. A region switched off
 * with `embeddingsStore(state).offered[region] = false` answers HTTP 404 like a host without the route.
 */

export const EMBEDDING_MODELS = ['embo-01'] as const;
export const EMBEDDING_TYPES = ['db', 'query'] as const;
/**
 * Texts per request the sandbox accepts. MiniMax publishes no limit; LangChain's MiniMax client
 * sends batches of up to 512 (UNCERTAIN), so more is refused here.
 */
export const MAX_TEXTS = 512;
/** Marker in a text: the whole request answers 1008 insufficient balance (MiniMax-AI/MiniMax-M2#111). */
export const NO_BALANCE_MARKER = '[[sandbox:insufficient_balance]]';

const KNOWN_FIELDS = new Set(['model', 'texts', 'type']);

function readTexts(json: Fields): string[] {
	const texts = json.array('texts', { minItems: 1, maxItems: MAX_TEXTS });
	if (!texts) throw invalidParams('texts', 'is required');
	return texts.map((text, index) => {
		if (typeof text !== 'string')
			throw invalidParams(`texts[${index}]`, `Mismatch type, expected string, got ${typeof text}`);
		if (text.trim().length === 0) throw invalidParams(`texts[${index}]`, 'must not be empty');
		return text;
	});
}

function embed(ctx: RouteContext): Reply {
	if (!embeddingsStore(ctx.env.state).offered[ctx.region])
		return textReply(404, '404 page not found');
	rejectUnknownFields(ctx.json, KNOWN_FIELDS);
	const json = new Fields(ctx.json);
	json.string('model', { required: true, oneOf: EMBEDDING_MODELS });
	const texts = readTexts(json);
	json.string('type', { required: true, oneOf: EMBEDDING_TYPES });
	if (texts.some((text) => text.includes(NO_BALANCE_MARKER)))
		throw new ApiError(CODES.balance, 'insufficient balance');
	ctx.entry.billable = true;
	return jsonReply(ctx.traceId, {
		vectors: texts.map(embedText),
		total_tokens: countTokens(texts),
	});
}

export const embeddingRoutes: Route[] = [
	{ method: 'POST', path: '/v1/embeddings', body: 'json', handle: embed },
];
