import type { ReasoningDetail } from './wire';
import { partialTagLength } from './tags';

export interface SplitReply {
	answer: string;
	reasoning: string;
}

export interface SplitWholeReply extends SplitReply {
	/** An opening tag was never closed: everything after it was taken as reasoning. */
	unclosed: boolean;
}

/**
 * Opening and closing reasoning tags MiniMax replies are reported to use (docs/minimax-api.md §17.4):
 * `<think>`, `<thinking>` and the M3 form `<mm:think>`. Matched case-insensitively.
 */
const OPEN_TAGS = ['<think>', '<thinking>', '<mm:think>'];
const CLOSE_TAGS = ['</think>', '</thinking>', '</mm:think>'];

type State = 'start' | 'reasoning' | 'answer';

/**
 * Splits reasoning from the answer in text that may arrive in pieces (a stream's deltas, split at
 * any byte). Only a LEADING block is reasoning: once answer text has begun, tags are answer text
 * (a reply may talk about `<think>` tags). Handles `<think>…</think>`, `<thinking>…</thinking>`, `<mm:think>…</mm:think>`, a
 * closing tag without its opening one (the text before it is reasoning: the opening tag was
 * consumed upstream), tags split across pieces, and an unclosed opening tag (a reply cut off while
 * thinking: everything after it is reasoning). Until the first tag or the end, text at the start
 * is held back, because a later lone closing tag would make it reasoning.
 *
 * `push(delta)` returns the parts that are settled; `flush()` returns the rest at the end. Leading
 * whitespace of the answer and whitespace around reasoning are dropped.
 */
export class ReasoningSplitter {
	private buffer = '';
	private state: State = 'start';
	/** Reasoning came in its own field: tags in the text are part of the answer. */
	private literal = false;
	private answerStarted = false;
	private readonly blocks: string[] = [];
	private block = '';

	push(delta: string): SplitReply {
		this.buffer += delta;
		const out: SplitReply = { answer: '', reasoning: '' };
		if (this.literal) {
			this.emitAnswer(out, this.buffer);
			this.buffer = '';
			return out;
		}
		for (;;) {
			const tags = this.state === 'reasoning' ? CLOSE_TAGS : [...OPEN_TAGS, ...CLOSE_TAGS];
			const found = findFirstTag(this.buffer, tags);
			if (found) {
				const before = this.buffer.slice(0, found.at);
				const closing = found.tag.startsWith('</');
				const loneClose = this.state === 'start' && closing;
				const answerBegun = this.answerStarted || before.trim() !== '';
				if (this.state !== 'reasoning' && !loneClose && answerBegun) {
					// Only a leading block is reasoning: once the answer has begun, a tag is text
					// the answer mentions ("Tell me about <think> tags").
					this.literal = true;
					this.state = 'answer';
					this.emitAnswer(out, this.buffer);
					this.buffer = '';
					return out;
				}
				this.buffer = this.buffer.slice(found.at + found.tag.length);
				if (this.state === 'answer' && closing) {
					// A closing tag right after the leading block (before any answer text) is dropped.
					continue;
				}
				if (this.state === 'reasoning' || (this.state === 'start' && closing)) {
					this.emitReasoning(out, before);
					this.endBlock();
					this.state = 'answer';
				} else {
					this.emitAnswer(out, before);
					this.state = 'reasoning';
				}
				continue;
			}
			if (this.state === 'start') return out;
			const keep = partialTagLength(this.buffer, tags);
			const ready = this.buffer.slice(0, this.buffer.length - keep);
			this.buffer = this.buffer.slice(this.buffer.length - keep);
			if (this.state === 'reasoning') this.emitReasoning(out, ready);
			else this.emitAnswer(out, ready);
			return out;
		}
	}

	/**
	 * Reasoning already arrived in its own field (`reasoning_details`, `reasoning_content`), so the
	 * text is the answer as written: tags in it from now on are answer text (a reply may quote
	 * `</think>`), and text held back waiting for a lone closing tag is released as answer. Inside an
	 * inline reasoning block already opened, that block is still closed first.
	 */
	reasoningSeparately(): void {
		if (this.state === 'reasoning') return;
		this.state = 'answer';
		this.literal = true;
	}

	/** Whether the text so far ends inside an opened reasoning block. */
	insideReasoning(): boolean {
		return this.state === 'reasoning';
	}

	/** What is left at the end of the text. */
	flush(): SplitReply {
		const rest = this.buffer;
		this.buffer = '';
		const out: SplitReply = { answer: '', reasoning: '' };
		if (this.state === 'reasoning') {
			this.emitReasoning(out, rest);
			this.endBlock();
		} else {
			this.emitAnswer(out, rest);
		}
		return out;
	}

	/** Every reasoning block so far, trimmed, empty ones left out. */
	reasoningBlocks(): string[] {
		return [...this.blocks];
	}

	private emitReasoning(out: SplitReply, text: string): void {
		const separator = this.blocks.length && !this.block.trim() && text.trim() ? '\n\n' : '';
		out.reasoning += separator + text;
		this.block += text;
	}

	private endBlock(): void {
		const text = this.block.trim();
		if (text) this.blocks.push(text);
		this.block = '';
	}

	private emitAnswer(out: SplitReply, text: string): void {
		const piece = this.answerStarted ? text : text.replace(/^\s+/, '');
		if (piece) this.answerStarted = true;
		out.answer += piece;
	}
}

function findFirstTag(text: string, tags: string[]): { at: number; tag: string } | undefined {
	const lower = text.toLowerCase();
	let best: { at: number; tag: string } | undefined;
	for (const tag of tags) {
		const at = lower.indexOf(tag);
		if (at >= 0 && (!best || at < best.at)) best = { at, tag };
	}
	return best;
}

/**
 * Separates inline reasoning from a whole reply (see ReasoningSplitter for the forms handled).
 * `reasoning` joins every reasoning block, trimmed, with a blank line between blocks. With
 * `reasoningSeparate` (the reply carried `reasoning_details` or `reasoning_content`) the content is
 * the answer as written, tags included.
 */
export function splitThinking(content: string, reasoningSeparate = false): SplitWholeReply {
	const splitter = new ReasoningSplitter();
	if (reasoningSeparate) splitter.reasoningSeparately();
	const pushed = splitter.push(content).answer;
	const unclosed = splitter.insideReasoning();
	const answer = pushed + splitter.flush().answer;
	return { answer: answer.trim(), reasoning: splitter.reasoningBlocks().join('\n\n'), unclosed };
}

/** Text of `reasoning_details` (OpenAI-compatible endpoint with `reasoning_split`). */
export function reasoningText(details: ReasoningDetail[] | undefined): string {
	if (!Array.isArray(details)) return '';
	return details
		.map((detail) => (typeof detail?.text === 'string' ? detail.text : ''))
		.join('')
		.trim();
}
