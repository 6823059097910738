import {
	batchTexts,
	estimateTokens,
	MAX_TOKENS_PER_REQUEST,
} from '../../nodes/MiniMaxEmbeddings/helpers/batches';
import { readVectors } from '../../nodes/MiniMaxEmbeddings/helpers/vectors';

describe('MiniMax Embeddings: batches', () => {
	it('estimates tokens on the high side: one per CJK character, one per 3 others', () => {
		expect(estimateTokens('')).toBe(1);
		expect(estimateTokens('abcdef')).toBe(2);
		expect(estimateTokens('abcdefg')).toBe(3);
		expect(estimateTokens('向量数据库')).toBe(5);
		expect(estimateTokens('embo-01 向量')).toBe(2 + 3);
	});

	it('cuts at Batch Size texts, keeping the order', () => {
		const texts = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
		expect(batchTexts(texts, 3)).toEqual([['a', 'b', 'c'], ['d', 'e', 'f'], ['g']]);
		expect(batchTexts(texts, 512)).toEqual([texts]);
		expect(batchTexts([], 3)).toEqual([]);
	});

	it('cuts before the token budget is exceeded; a text over the budget goes alone', () => {
		const thousand = 'x'.repeat(3000); // 1000 estimated tokens
		const huge = 'y'.repeat(3 * (MAX_TOKENS_PER_REQUEST + 1));
		const batches = batchTexts([thousand, thousand, thousand, thousand, huge, 'z'], 50);
		expect(batches.map((batch) => batch.length)).toEqual([3, 1, 1, 1]);
		expect(batches[2]).toEqual([huge]);
		expect(batches[3]).toEqual(['z']);
	});
});

describe('MiniMax Embeddings: reading vectors', () => {
	it('reads vectors, or data[] entries ordered by index', () => {
		expect(
			readVectors(
				{
					vectors: [
						[1, 2],
						[3, 4],
					],
				},
				2,
			),
		).toEqual({
			vectors: [
				[1, 2],
				[3, 4],
			],
		});
		expect(
			readVectors(
				{
					data: [
						{ index: 1, embedding: [3, 4] },
						{ index: 0, vector: [1, 2] },
					],
				},
				2,
			),
		).toEqual({
			vectors: [
				[1, 2],
				[3, 4],
			],
		});
	});

	it.each([
		[{}, 1, 'the answer has no vectors'],
		[{ vectors: null }, 1, 'the answer has no vectors'],
		[{ vectors: [[1]] }, 2, 'the answer has 1 vectors for 2 texts'],
		[{ vectors: [[1], []] }, 2, 'vector 2 is empty or missing'],
		[{ vectors: [[1], [null]] }, 2, 'vector 2 contains values that are not numbers'],
		[{ vectors: [[1, 2], [1]] }, 2, 'vector 2 has 1 dimensions, the first has 2'],
		[{ data: [{ index: 0 }] }, 1, 'vector 1 is empty or missing'],
	])('refuses %j for %d texts: %s', (body, count, problem) => {
		expect(readVectors(body, count)).toEqual({ problem });
	});
});
