import type { ReasoningDetail } from './wire';

export interface SplitReply {
	answer: string;
	reasoning: string;
}

const THINK_BLOCK = /<think>([\s\S]*?)<\/think>/gi;

/**
 * Separates `<think>…</think>` blocks from the answer. A reply cut off inside its thinking (an
 * unclosed `<think>`) has no answer yet.
 */
export function splitThinking(content: string): SplitReply {
	const reasoning: string[] = [];
	let answer = content.replace(THINK_BLOCK, (_block, inner: string) => {
		reasoning.push(inner.trim());
		return '';
	});
	const open = answer.search(/<think>/i);
	if (open >= 0) {
		reasoning.push(answer.slice(open + '<think>'.length).trim());
		answer = answer.slice(0, open);
	}
	return { answer: answer.trim(), reasoning: reasoning.filter(Boolean).join('\n\n') };
}

export function reasoningText(details: ReasoningDetail[] | undefined): string {
	if (!Array.isArray(details)) return '';
	return details
		.map((detail) => (typeof detail?.text === 'string' ? detail.text : ''))
		.join('')
		.trim();
}

/**
 * Removes `<think>…</think>` from streamed text where tags may be split across chunks: push each
 * delta, get back the answer part and the thinking part of it.
 */
export class ThinkFilter {
	private buffer = '';
	private thinking = false;

	push(delta: string): SplitReply {
		this.buffer += delta;
		let answer = '';
		let reasoning = '';
		for (;;) {
			const tag = this.thinking ? '</think>' : '<think>';
			const at = this.buffer.toLowerCase().indexOf(tag);
			if (at >= 0) {
				if (this.thinking) reasoning += this.buffer.slice(0, at);
				else answer += this.buffer.slice(0, at);
				this.buffer = this.buffer.slice(at + tag.length);
				this.thinking = !this.thinking;
				continue;
			}
			// Keep a possible partial tag at the end for the next delta.
			const keep = partialTagLength(this.buffer, tag);
			const ready = this.buffer.slice(0, this.buffer.length - keep);
			this.buffer = this.buffer.slice(this.buffer.length - keep);
			if (this.thinking) reasoning += ready;
			else answer += ready;
			return { answer, reasoning };
		}
	}

	/** What is left at the end of the stream. */
	flush(): SplitReply {
		const rest = this.buffer;
		this.buffer = '';
		return this.thinking ? { answer: '', reasoning: rest } : { answer: rest, reasoning: '' };
	}
}

function partialTagLength(text: string, tag: string): number {
	const lower = text.toLowerCase();
	for (let length = Math.min(tag.length - 1, lower.length); length > 0; length--) {
		if (tag.startsWith(lower.slice(lower.length - length))) return length;
	}
	return 0;
}
