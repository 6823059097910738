/**
 * Splitting texts into `POST /v1/embeddings` requests. MiniMax publishes no per-request limit
 * (docs/minimax-api.md §17.5); embo-01 is declared with a 4096-token context by the Dify MiniMax
 * plugin, which keeps each request under 3500 tokens (langgenius/dify-official-plugins#3632). So a
 * request carries at most Batch Size texts and about MAX_TOKENS_PER_REQUEST estimated tokens.
 */

export const MAX_TOKENS_PER_REQUEST = 3500;

/** CJK ideographs, kana and hangul: about one token each. */
const WIDE = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]/gu;

/** Tokens of a text, estimated on the high side: one per CJK character, one per 3 other characters. */
export function estimateTokens(text: string): number {
	const wide = text.match(WIDE)?.length ?? 0;
	const other = [...text].length - wide;
	return Math.max(1, wide + Math.ceil(other / 3));
}

/**
 * Consecutive batches of at most `batchSize` texts and `maxTokens` estimated tokens, in order
 * (their vectors are concatenated back in the same order). A text over the budget on its own is
 * sent alone: cutting it would change what it means.
 */
export function batchTexts(
	texts: readonly string[],
	batchSize: number,
	maxTokens = MAX_TOKENS_PER_REQUEST,
): string[][] {
	const batches: string[][] = [];
	let current: string[] = [];
	let tokens = 0;
	for (const text of texts) {
		const cost = estimateTokens(text);
		if (current.length > 0 && (current.length >= batchSize || tokens + cost > maxTokens)) {
			batches.push(current);
			current = [];
			tokens = 0;
		}
		current.push(text);
		tokens += cost;
	}
	if (current.length > 0) batches.push(current);
	return batches;
}
