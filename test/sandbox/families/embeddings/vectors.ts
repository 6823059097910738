/**
 * Deterministic stand-in for embo-01 vectors: a hashed bag-of-words projection (feature hashing),
 * L2-normalised, 1536 dimensions (docs/minimax-api.md §17.5). Texts that share words point the same
 * way, identical texts give identical vectors, so a vector store fed by the sandbox retrieves the
 * document that shares the most words with the query. Not a language model: meaning is not modelled.
 */

export const EMBEDDING_DIMENSIONS = 1536;
/** Each word adds ±1 to this many hashed dimensions. */
const SLOTS_PER_WORD = 4;

/** Lower-cased words (letters and digits of any script); the whole trimmed text when it has none. */
export function wordsOf(text: string): string[] {
	const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
	if (words.length > 0) return words;
	const trimmed = text.trim();
	return trimmed ? [trimmed] : [];
}

/** 32-bit FNV-1a over the UTF-8 bytes. */
function fnv1a(text: string, seed: number): number {
	let hash = (0x811c9dc5 ^ seed) >>> 0;
	for (const byte of Buffer.from(text, 'utf8')) {
		hash ^= byte;
		hash = Math.imul(hash, 0x01000193) >>> 0;
	}
	return hash;
}

/** The 1536-number unit vector of a text (all zeros only for a text without any characters). */
export function embedText(text: string): number[] {
	const vector = new Array<number>(EMBEDDING_DIMENSIONS).fill(0);
	for (const word of wordsOf(text)) {
		for (let slot = 0; slot < SLOTS_PER_WORD; slot++) {
			const hash = fnv1a(word, slot);
			const index = hash % EMBEDDING_DIMENSIONS;
			vector[index] += hash & 0x80000000 ? -1 : 1;
		}
	}
	const norm = Math.sqrt(vector.reduce((sum, value) => sum + value * value, 0));
	if (norm === 0) return vector;
	// Rounded like the service's float32 values; keeps JSON small.
	return vector.map((value) => Math.round((value / norm) * 1e8) / 1e8);
}

/** Billed tokens: one per word, at least one per text. */
export function countTokens(texts: readonly string[]): number {
	return texts.reduce((sum, text) => sum + Math.max(1, wordsOf(text).length), 0);
}
