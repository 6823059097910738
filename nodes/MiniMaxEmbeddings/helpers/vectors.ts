/**
 * Reading the vectors of a `POST /v1/embeddings` answer (docs/minimax-api.md §17.5):
 * `{vectors: [[number, …], …], total_tokens, base_resp}`, one vector per text in request order.
 * Also read: `data: [{vector | embedding, index?}, …]`, the shape a MiniMax Token Plan host was
 * reported to answer (adoresever/graph-memory#66). A missing, null, short or non-numeric vector is
 * an error, never a silent zero vector (n8n-io/n8n#16619, lfnovo/esperanto#136).
 */

export type VectorsResult = { vectors: number[][] } | { problem: string };

function listOf(body: Record<string, unknown>): unknown[] | undefined {
	if (Array.isArray(body.vectors)) return body.vectors;
	if (!Array.isArray(body.data)) return undefined;
	const entries = body.data as Array<Record<string, unknown> | null>;
	const ordered = entries.every((entry) => typeof entry?.index === 'number')
		? [...entries].sort((a, b) => Number(a?.index) - Number(b?.index))
		: entries;
	return ordered.map((entry) => entry?.vector ?? entry?.embedding);
}

/** The vectors for `count` texts, or what is wrong with the answer. */
export function readVectors(body: unknown, count: number): VectorsResult {
	const list =
		body && typeof body === 'object' ? listOf(body as Record<string, unknown>) : undefined;
	if (!list) return { problem: 'the answer has no vectors' };
	if (list.length !== count)
		return { problem: `the answer has ${list.length} vectors for ${count} texts` };
	let dimensions: number | undefined;
	for (const [index, vector] of list.entries()) {
		if (!Array.isArray(vector) || vector.length === 0)
			return { problem: `vector ${index + 1} is empty or missing` };
		if (!vector.every((value) => typeof value === 'number' && Number.isFinite(value)))
			return { problem: `vector ${index + 1} contains values that are not numbers` };
		dimensions ??= vector.length;
		if (vector.length !== dimensions)
			return {
				problem: `vector ${index + 1} has ${vector.length} dimensions, the first has ${dimensions}`,
			};
	}
	return { vectors: list as number[][] };
}
