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
