/**
 * Length of the longest end of `text` that is the start of one of `tags` (case-insensitive): the
 * part a streaming filter must hold back because the next piece may complete a tag.
 */
export function partialTagLength(text: string, tags: string[]): number {
	const lower = text.toLowerCase();
	const longest = Math.max(...tags.map((tag) => tag.length)) - 1;
	for (let length = Math.min(longest, lower.length); length > 0; length--) {
		const end = lower.slice(lower.length - length);
		if (tags.some((tag) => tag.startsWith(end))) return length;
	}
	return 0;
}
