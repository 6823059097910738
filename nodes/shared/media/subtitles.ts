export interface SubtitleEntry {
	text: string;
	time_begin: number;
	time_end: number;
}

/** MiniMax subtitle JSON (times in ms) → SubRip. */
export function toSrt(entries: SubtitleEntry[]): string {
	return entries
		.map(
			(entry, index) =>
				`${index + 1}\n${srtTime(entry.time_begin)} --> ${srtTime(entry.time_end)}\n${String(entry.text ?? '').trim()}\n`,
		)
		.join('\n');
}

/** MiniMax subtitle JSON (times in ms) → WebVTT (W3C), cues without numbers. */
export function toVtt(entries: SubtitleEntry[]): string {
	const cues = entries.map(
		(entry) =>
			`${srtTime(entry.time_begin).replace(',', '.')} --> ${srtTime(entry.time_end).replace(',', '.')}\n${String(entry.text ?? '').trim()}\n`,
	);
	return `WEBVTT\n\n${cues.join('\n')}`;
}

function srtTime(ms: number): string {
	const total = Math.max(0, Math.round(Number(ms) || 0));
	const hours = Math.floor(total / 3_600_000);
	const minutes = Math.floor((total % 3_600_000) / 60_000);
	const seconds = Math.floor((total % 60_000) / 1000);
	const millis = total % 1000;
	const pad = (value: number, size = 2) => String(value).padStart(size, '0');
	return `${pad(hours)}:${pad(minutes)}:${pad(seconds)},${pad(millis, 3)}`;
}

/** Accepts the documented array and a few wrapper shapes seen in the wild. */
export function parseSubtitles(text: string): SubtitleEntry[] {
	const parsed: unknown = JSON.parse(text);
	const list = Array.isArray(parsed)
		? parsed
		: ((parsed as { subtitles?: unknown[]; data?: unknown[] }).subtitles ??
			(parsed as { data?: unknown[] }).data ??
			[]);
	return (list as Array<Record<string, unknown>>)
		.filter((entry) => entry && typeof entry === 'object')
		.map((entry) => ({
			text: String(entry.text ?? ''),
			time_begin: Number(entry.time_begin ?? entry.begin_time ?? 0),
			time_end: Number(entry.time_end ?? entry.end_time ?? 0),
		}));
}
