import type { Shape } from './shape';

/**
 * Fills a requested JSON shape with deterministic, plausible values about the prompt's topic:
 * titles, narration, image prompts, durations… so offline demos read like a real model's output.
 */

export interface CountHint {
	/** The noun the count was written with ("scenes"), lower-case; undefined for a bare "2–3 items". */
	noun?: string;
	min: number;
	max: number;
}

export interface JsonRequest {
	topic: string;
	counts: CountHint[];
	/** Makes range choices ("2–3 scenes") reproducible per prompt. */
	seed: number;
}

const NUMBER_WORDS: Record<string, number> = {
	one: 1,
	two: 2,
	three: 3,
	four: 4,
	five: 5,
	six: 6,
	seven: 7,
	eight: 8,
	nine: 9,
	ten: 10,
};
const NUMBER = '(\\d+|one|two|three|four|five|six|seven|eight|nine|ten)';

function toNumber(text: string): number {
	return NUMBER_WORDS[text.toLowerCase()] ?? Number(text);
}

/** "2–3 scenes", "between 2 and 4 items", "3 scenes", "exactly five entries". */
export function countHints(text: string): CountHint[] {
	const hints: CountHint[] = [];
	const range = new RegExp(
		`(?:between\\s+)?\\b${NUMBER}\\s*(?:–|—|-|to|and)\\s*${NUMBER}\\s+([A-Za-z]+)`,
		'gi',
	);
	const used: Array<[number, number]> = [];
	for (const match of text.matchAll(range)) {
		const [a, b] = [toNumber(match[1]), toNumber(match[2])];
		hints.push({ noun: match[3].toLowerCase(), min: Math.min(a, b), max: Math.max(a, b) });
		used.push([match.index ?? 0, (match.index ?? 0) + match[0].length]);
	}
	const exact = new RegExp(`\\b${NUMBER}\\s+([A-Za-z]+)`, 'gi');
	for (const match of text.matchAll(exact)) {
		const at = match.index ?? 0;
		if (used.some(([from, to]) => at >= from && at < to)) continue;
		const noun = match[2].toLowerCase();
		const n = toNumber(match[1]);
		if (
			n < 1 ||
			n > 50 ||
			/^(characters?|words?|seconds?|minutes?|sentences?|chars?|tokens?)$/.test(noun)
		)
			continue;
		hints.push({ noun, min: n, max: n });
	}
	return hints;
}

function singular(word: string): string {
	return word.toLowerCase().replace(/ies$/, 'y').replace(/s$/, '');
}

function itemCount(
	key: string | undefined,
	shape: Extract<Shape, { kind: 'array' }>,
	request: JsonRequest,
	depth: number,
): number {
	const byNoun = key
		? request.counts.find((hint) => hint.noun && singular(hint.noun) === singular(key))
		: undefined;
	const hint =
		byNoun ??
		(depth === 0 || request.counts.length === 1
			? (request.counts.find(
					(h) => !h.noun || /^(items?|entries|elements?|objects?)$/.test(h.noun),
				) ?? (depth <= 1 ? request.counts[0] : undefined))
			: undefined);
	let count = hint ? hint.min + (request.seed % (hint.max - hint.min + 1)) : 3;
	if (shape.minItems !== undefined) count = Math.max(count, shape.minItems);
	if (shape.maxItems !== undefined) count = Math.min(count, shape.maxItems);
	return Math.max(0, count);
}

export function buildJson(shape: Shape, request: JsonRequest): unknown {
	return build(shape, request, { key: undefined, index: 0, count: 1, depth: 0, label: undefined });
}

interface Position {
	key: string | undefined;
	/** 0-based position inside the enclosing array. */
	index: number;
	count: number;
	depth: number;
	/** "Scene 2" when inside an array named "scenes". */
	label: string | undefined;
}

function build(shape: Shape, request: JsonRequest, at: Position): unknown {
	switch (shape.kind) {
		case 'object': {
			const out: Record<string, unknown> = {};
			for (const field of shape.fields)
				out[field.key] = build(field.shape, request, {
					...at,
					key: field.key,
					depth: at.depth + 1,
				});
			return out;
		}
		case 'array': {
			const count = itemCount(at.key, shape, request, at.depth);
			const noun = at.key ? capitalize(singular(at.key)) : 'Item';
			return Array.from({ length: count }, (_, index) =>
				build(shape.item, request, {
					key: shape.item.kind === 'object' ? undefined : at.key,
					index,
					count,
					depth: at.depth + 1,
					label: `${noun} ${index + 1}`,
				}),
			);
		}
		case 'string':
			return shape.values?.length
				? shape.values[at.index % shape.values.length]
				: stringFor(at, request.topic);
		case 'number':
			return numberFor(shape, at);
		case 'boolean':
			return at.index % 2 === 0;
		default:
			return null;
	}
}

const OPENINGS = [
	(topic: string) => `Meet ${topic}: a quick look at what makes it remarkable.`,
	(topic: string) => `Here is the short story of ${topic}, told in a few simple steps.`,
];
const MIDDLES = [
	(topic: string) => `Up close, ${topic} reveals details most people never notice.`,
	(topic: string) => `Behind ${topic} there is a surprising amount of careful work.`,
	(topic: string) => `Every part of ${topic} has a reason to be exactly where it is.`,
];
const CLOSINGS = [
	(topic: string) => `To close, remember why ${topic} matters to all of us.`,
	(topic: string) => `And that is ${topic}: small on the surface, remarkable underneath.`,
];
const STYLES = [
	'golden hour light',
	'soft morning haze',
	'dramatic side lighting',
	'bright studio light',
	'moody blue dusk',
];
const MOODS = ['calm', 'uplifting', 'curious', 'warm', 'energetic'];

function stringFor(at: Position, topic: string): string {
	const key = (at.key ?? 'value').replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase();
	const i = at.index;
	if (/(^|_)(title|name|heading|headline|label)$/.test(key))
		return at.label ? `${at.label}: ${titleCase(topic)}` : titleCase(topic);
	if (/(image|visual|picture|photo|video)_?(prompt|description)?$|^prompt$/.test(key)) {
		return `Cinematic wide shot illustrating ${topic}${at.label ? `, ${at.label.toLowerCase()}` : ''}, ${STYLES[i % STYLES.length]}, highly detailed`;
	}
	if (
		/(narration|script|text|description|summary|content|body|caption|story|answer|message|explanation|details|voiceover|dialogue|lyrics)$/.test(
			key,
		)
	) {
		if (at.count <= 1) return `${OPENINGS[0](topic)} ${CLOSINGS[0](topic)}`;
		if (i === 0) return OPENINGS[i % OPENINGS.length](topic);
		if (i === at.count - 1) return CLOSINGS[i % CLOSINGS.length](topic);
		return MIDDLES[(i - 1) % MIDDLES.length](topic);
	}
	if (/url$/.test(key)) return `https://example.com/${slug(topic)}/${i + 1}`;
	if (/(^|_)id$/.test(key)) return `${slug(topic)}-${i + 1}`;
	if (/(language|lang|locale)$/.test(key)) return 'en';
	if (/(mood|tone|style|emotion)$/.test(key)) return MOODS[i % MOODS.length];
	if (/(tag|keyword|topic)s?$/.test(key))
		return topic.split(/\s+/).filter((w) => w.length > 3)[i % 3] ?? topic;
	return `${capitalize(key.replace(/_/g, ' '))}${at.label ? ` for ${at.label.toLowerCase()}` : ''} about ${topic}`;
}

function numberFor(shape: Extract<Shape, { kind: 'number' }>, at: Position): number {
	const key = (at.key ?? '').toLowerCase();
	let value = /duration|seconds|length|time/.test(key)
		? 5 + (at.index % 3) * 2
		: /(index|number|order|position|scene|step)$/.test(key)
			? at.index + 1
			: at.index + 1;
	if (!shape.integer && /score|confidence|probability|ratio/.test(key))
		value = Math.round((0.9 - at.index * 0.1) * 100) / 100;
	if (shape.minimum !== undefined) value = Math.max(value, shape.minimum);
	if (shape.maximum !== undefined) value = Math.min(value, shape.maximum);
	return value;
}

function capitalize(text: string): string {
	return text.charAt(0).toUpperCase() + text.slice(1);
}

function titleCase(text: string): string {
	return text
		.replace(/\b([a-z])([a-z]*)/g, (word, first: string, rest: string) =>
			/^(a|an|the|of|and|or|in|on|at|to|for)$/.test(word) ? word : first.toUpperCase() + rest,
		)
		.replace(/^./, (c) => c.toUpperCase());
}

function slug(text: string): string {
	return (
		text
			.toLowerCase()
			.replace(/[^a-z0-9]+/g, '-')
			.replace(/^-|-$/g, '')
			.slice(0, 40) || 'item'
	);
}

/** The subject of a prompt: "about the life of bees" → "the life of bees". JSON sketches and format instructions are ignored. */
export function topicOf(prompt: string): string {
	const prose = prompt.replace(/```[\s\S]*?```/g, ' ');
	const phrase = '\\s+([^.,;:!?\\n{[]+)';
	const about = new RegExp(`\\b(?:about|on the topic of|topic:|regarding)${phrase}`, 'i').exec(
		prose,
	);
	const sentence = prose
		.split(/(?<=[.!?])\s+|\n+/)
		.map((part) => part.replace(/[{[][\s\S]*$/, '').trim())
		.find((part) => part && !/json|format|schema|return|respond|reply|only|keys?\b/i.test(part));
	const subject = sentence
		? new RegExp(`\\b(?:on|featuring|describing|explaining|of how|for)${phrase}`, 'i').exec(
				sentence,
			)
		: null;
	const candidate = about?.[1] ?? subject?.[1] ?? sentence;
	const cleaned = (candidate ?? '')
		.replace(
			/^(please\s+)?(write|create|make|generate|give me|produce|draft|plan|describe|tell me about|explain)\s+(me\s+)?(a|an|the)?\s*/i,
			'',
		)
		.replace(/[\s"'.!?]+$/g, '')
		.trim();
	const words = cleaned.split(/\s+/).filter(Boolean).slice(0, 10).join(' ');
	return words || 'the topic';
}
