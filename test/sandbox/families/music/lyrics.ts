import { createHash } from 'crypto';

/** Deterministic "written" lyrics for lyrics_generation and lyrics_optimizer: built from the prompt's words. */

export interface WrittenSong {
	title: string;
	styleTags: string;
	lyrics: string;
}

const GENRES = [
	'pop',
	'rock',
	'folk',
	'jazz',
	'blues',
	'electronic',
	'hip-hop',
	'country',
	'ballad',
	'indie',
	'soul',
	'funk',
	'lo-fi',
	'classical',
];
const MOODS = [
	'happy',
	'sad',
	'melancholic',
	'upbeat',
	'calm',
	'energetic',
	'romantic',
	'dark',
	'dreamy',
	'hopeful',
];
const FILLERS = [
	'tonight',
	'again',
	'forever',
	'with you',
	'in the rain',
	'all along',
	'once more',
	'so far away',
];

function words(prompt: string): string[] {
	return prompt
		.replace(/\[\[sandbox:[^\]]*\]\]/g, ' ')
		.toLowerCase()
		.split(/[^\p{L}\p{N}'-]+/u)
		.filter((word) => word.length > 2);
}

export function writeSong(prompt: string): WrittenSong {
	const found = words(prompt);
	const pool = found.length ? found : ['music'];
	const digest = createHash('sha1').update(prompt).digest();
	const pick = (i: number) => pool[digest[i % digest.length] % pool.length];
	const filler = (i: number) => FILLERS[digest[(i + 7) % digest.length] % FILLERS.length];
	const line = (i: number) => {
		const text = `${pick(i)} ${pick(i + 1)} ${filler(i)}`;
		return text.charAt(0).toUpperCase() + text.slice(1);
	};
	const title = pool
		.slice(0, 3)
		.map((word) => word.charAt(0).toUpperCase() + word.slice(1))
		.join(' ');
	const tags = [
		...GENRES.filter((genre) => found.includes(genre)),
		...MOODS.filter((mood) => found.includes(mood)),
	];
	const lyrics = [
		'[Verse]',
		line(0),
		line(2),
		line(4),
		line(6),
		'[Chorus]',
		line(8),
		line(10),
		'[Outro]',
		line(12),
	].join('\n');
	return { title, styleTags: (tags.length ? tags : ['pop']).join(', '), lyrics };
}

const STRUCTURE_TAG = /^\s*\[[^\]\n]+\]\s*$/;

/**
 * Deterministic "edited" lyrics for mode `edit`: the structure tags stay, every sung line gets a
 * word of the prompt, and a prompt that asks for a bridge gets a [Bridge] before the last section.
 * A given title is kept as is.
 */
export function editSong(lyrics: string, prompt: string, title?: string): WrittenSong {
	const found = words(prompt);
	const digest = createHash('sha1').update(`${prompt}\n${lyrics}`).digest();
	let sung = 0;
	const lines = lyrics.split('\n').map((line) => {
		if (!line.trim() || STRUCTURE_TAG.test(line) || found.length === 0) return line;
		const word = found[digest[sung++ % digest.length] % found.length];
		return `${line.trimEnd()}, ${word}`;
	});
	if (found.includes('bridge') && !lines.some((line) => /^\s*\[bridge\]/i.test(line))) {
		const last = lines.map((line) => STRUCTURE_TAG.test(line)).lastIndexOf(true);
		const bridge = [
			'[Bridge]',
			`${found[0].charAt(0).toUpperCase()}${found[0].slice(1)} once more`,
		];
		lines.splice(last > 0 ? last : lines.length, 0, ...bridge);
	}
	const firstLine = lyrics.split('\n').find((line) => line.trim() && !STRUCTURE_TAG.test(line));
	const written = writeSong(prompt || firstLine || 'music');
	return { title: title ?? written.title, styleTags: written.styleTags, lyrics: lines.join('\n') };
}
