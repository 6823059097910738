import { type FrameRun, type Note, cyclesFor, samplesPerFrame } from '../../../media/pcm';

/**
 * Turns text into a timed sequence of tones and silences ("speech plan"). Durations grow with the
 * text: MS_PER_CHAR per character (scaled by speed), extra silence after sentence ends, `<#x#>`
 * pause markers add x seconds, and the whole is at least MIN_MS long.
 */
export const MS_PER_CHAR = 60;
export const MIN_MS = 500;
const SENTENCE_PAUSE_MS = 240;
const CLAUSE_PAUSE_MS = 120;

export interface VoiceShape {
	/** Seeds the base frequency: voice id(s). */
	voiceKey: string;
	speed: number;
	vol: number;
	/** Semitones. */
	pitch: number;
}

export interface TimedText {
	text: string;
	/** ms */
	time_begin: number;
	/** ms */
	time_end: number;
}

export interface SpeechPlan {
	sampleRate: number;
	runs: FrameRun[];
	frames: number;
	durationMs: number;
	words: TimedText[];
	sentences: TimedText[];
	/** Stable identity of the audio content, for caching. */
	key: string;
}

type Token =
	| { kind: 'word'; text: string }
	| { kind: 'space'; text: string }
	| { kind: 'punct'; text: string }
	| { kind: 'pause'; seconds: number; text: string };

const PAUSE_MARKER = /<#(\d{1,2}(?:\.\d{1,2})?)#>/g;
const WORD = /[\p{L}\p{N}][\p{L}\p{N}\p{M}'’-]*/uy;
const SPACE = /\s+/uy;
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const SENTENCE_END = /[.!?。！？…]/u;
const CLAUSE_END = /[,;:，；：、]/u;
/** Pentatonic ratios: each word sits on one of these above the voice's base frequency. */
const SCALE = [1, 9 / 8, 5 / 4, 3 / 2, 5 / 3, 2];

export function tokenize(text: string): Token[] {
	const tokens: Token[] = [];
	let last = 0;
	for (const match of text.matchAll(PAUSE_MARKER)) {
		const seconds = Number(match[1]);
		tokenizePlain(text.slice(last, match.index), tokens);
		if (seconds >= 0.01) tokens.push({ kind: 'pause', seconds, text: match[0] });
		else tokenizePlain(match[0], tokens);
		last = (match.index ?? 0) + match[0].length;
	}
	tokenizePlain(text.slice(last), tokens);
	return tokens;
}

function tokenizePlain(text: string, out: Token[]): void {
	let i = 0;
	while (i < text.length) {
		WORD.lastIndex = i;
		SPACE.lastIndex = i;
		const word = WORD.exec(text);
		if (word) {
			splitCjk(word[0], out);
			i += word[0].length;
			continue;
		}
		const space = SPACE.exec(text);
		if (space) {
			out.push({ kind: 'space', text: space[0] });
			i += space[0].length;
			continue;
		}
		const ch = String.fromCodePoint(text.codePointAt(i) ?? 0);
		const prev = out[out.length - 1];
		if (prev?.kind === 'punct') prev.text += ch;
		else out.push({ kind: 'punct', text: ch });
		i += ch.length;
	}
}

/** CJK characters are each a word; runs of other letters stay together. */
function splitCjk(word: string, out: Token[]): void {
	let run = '';
	for (const ch of word) {
		if (CJK.test(ch)) {
			if (run) out.push({ kind: 'word', text: run });
			run = '';
			out.push({ kind: 'word', text: ch });
		} else run += ch;
	}
	if (run) out.push({ kind: 'word', text: run });
}

export function hashString(text: string): number {
	let h = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
	return h;
}

function charCount(text: string): number {
	return Array.from(text).length;
}

/** Words as MiniMax's word_count sees them: CJK characters and whitespace-separated runs. */
export function countWords(text: string): number {
	return tokenize(text).filter((t) => t.kind === 'word').length;
}

export function planSpeech(text: string, voice: VoiceShape, sampleRate: number): SpeechPlan {
	const spf = samplesPerFrame(sampleRate);
	const frameMs = (spf * 1000) / sampleRate;
	const toFrames = (ms: number) => Math.max(1, Math.round(ms / frameMs));
	const baseHz = (110 + (hashString(voice.voiceKey) % 110)) * 2 ** (voice.pitch / 12);
	const level = Math.min(18, Math.max(1, Math.round(voice.vol * 4)));
	const runs: FrameRun[] = [];
	const words: TimedText[] = [];
	const sentences: TimedText[] = [];
	let frame = 0;
	let sentence: { text: string; begin: number } | undefined;
	const push = (note: Note | null, frames: number) => {
		const prev = runs[runs.length - 1];
		if (prev && prev.note?.cycles === note?.cycles && prev.note?.level === note?.level)
			prev.frames += frames;
		else runs.push({ note, frames });
		frame += frames;
	};
	const ms = (f: number) => Math.round(f * frameMs);
	const closeSentence = () => {
		const trimmed = sentence?.text.trim();
		if (sentence && trimmed)
			sentences.push({ text: trimmed, time_begin: ms(sentence.begin), time_end: ms(frame) });
		sentence = undefined;
	};
	for (const token of tokenize(text)) {
		if (token.kind === 'pause') {
			push(null, toFrames(token.seconds * 1000));
			continue;
		}
		if (token.kind === 'space') {
			if (sentence) sentence.text += token.text;
			push(null, toFrames((Math.min(3, charCount(token.text)) * MS_PER_CHAR) / voice.speed));
			if (token.text.includes('\n')) closeSentence();
			continue;
		}
		if (!sentence) sentence = { text: '', begin: frame };
		sentence.text += token.text;
		if (token.kind === 'word') {
			const begin = frame;
			const hz = baseHz * SCALE[hashString(token.text.toLowerCase()) % SCALE.length];
			push(
				{ cycles: cyclesFor(hz, sampleRate), level },
				toFrames((charCount(token.text) * MS_PER_CHAR) / voice.speed),
			);
			words.push({ text: token.text, time_begin: ms(begin), time_end: ms(frame) });
			continue;
		}
		const extra = SENTENCE_END.test(token.text)
			? SENTENCE_PAUSE_MS
			: CLAUSE_END.test(token.text)
				? CLAUSE_PAUSE_MS
				: 0;
		push(null, toFrames((charCount(token.text) * MS_PER_CHAR + extra) / voice.speed));
		if (SENTENCE_END.test(token.text)) closeSentence();
	}
	closeSentence();
	const minFrames = Math.ceil(MIN_MS / frameMs);
	if (frame < minFrames) push(null, minFrames - frame);
	const key = `${sampleRate}|${runs.map((r) => `${r.note ? `${r.note.cycles}.${r.note.level}` : 's'}x${r.frames}`).join(',')}`;
	return { sampleRate, runs, frames: frame, durationMs: ms(frame), words, sentences, key };
}
