import type { IDataObject } from 'n8n-workflow';

/**
 * A speech-to-text answer (`response_format: verbose_json`, docs/minimax-api.md §17.1) in the
 * node's shape. The contract marks the segment fields UNCERTAIN, so both spellings are read:
 * `start`/`end` or `start_time`/`end_time`, in seconds or milliseconds, a speaker as a string or a
 * number, and `duration` (s) or `duration_ms`.
 *
 * Units: the answer's own length decides when it has one (segment ends far beyond it are ms);
 * without it, `start`/`end` are seconds and whole-number `start_time`/`end_time` are ms.
 */

export interface Segment extends IDataObject {
	/** Seconds from the start of the file. */
	start: number;
	/** Seconds from the start of the file. */
	end: number;
	text: string;
	/** "speaker_0", … with diarization; null without it. */
	speaker: string | null;
}

export interface Transcript {
	text: string;
	/** ISO code of the (detected or requested) language; '' when the answer names none. */
	language: string;
	durationSeconds: number;
	segments: Segment[];
	/** Distinct speakers, with diarization (`n_speakers` or counted). */
	speakers?: number;
}

type RawSegment = Record<string, unknown>;

export function readTranscript(body: IDataObject, requestedLanguage?: string): Transcript {
	const raw = (Array.isArray(body.segments) ? body.segments : []).filter(
		(segment): segment is RawSegment => typeof segment === 'object' && segment !== null,
	);
	const declared = declaredDuration(body);
	const inMs = segmentsInMilliseconds(raw, declared);
	const scale = inMs ? 1000 : 1;
	const segments: Segment[] = raw.map((segment) => ({
		start: seconds(firstNumber(segment.start, segment.start_time, segment.begin_time), scale),
		end: seconds(firstNumber(segment.end, segment.end_time), scale),
		text: String(segment.text ?? '').trim(),
		speaker: speakerLabel(segment.speaker ?? segment.speaker_id),
	}));
	const text =
		typeof body.text === 'string'
			? body.text.trim()
			: segments
					.map((segment) => segment.text)
					.join(' ')
					.trim();
	const lastEnd = segments.reduce((max, segment) => Math.max(max, segment.end), 0);
	const transcript: Transcript = {
		text,
		language: typeof body.language === 'string' ? body.language : (requestedLanguage ?? ''),
		durationSeconds: round(declared ?? lastEnd),
		segments,
	};
	const labels = new Set(segments.map((segment) => segment.speaker).filter((s) => s !== null));
	const counted = Number(body.n_speakers);
	if (Number.isFinite(counted) && counted > 0) transcript.speakers = counted;
	else if (labels.size) transcript.speakers = labels.size;
	return transcript;
}

function declaredDuration(body: IDataObject): number | undefined {
	const secondsValue = firstNumber(body.duration);
	if (secondsValue !== undefined) return secondsValue;
	const ms = firstNumber(body.duration_ms);
	return ms === undefined ? undefined : ms / 1000;
}

function segmentsInMilliseconds(raw: RawSegment[], durationSeconds?: number): boolean {
	const ends = raw.map((segment) => firstNumber(segment.end, segment.end_time) ?? 0);
	const maxEnd = Math.max(0, ...ends);
	if (durationSeconds !== undefined && durationSeconds > 0)
		return maxEnd > durationSeconds * 1.5 + 1;
	const spelledAsTime = raw.some((s) => s.start === undefined && s.start_time !== undefined);
	const whole = raw.every((segment) =>
		[segment.start_time, segment.end_time].every((v) => v === undefined || Number.isInteger(v)),
	);
	return spelledAsTime && whole && maxEnd > 0;
}

function firstNumber(...values: unknown[]): number | undefined {
	for (const value of values) {
		const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
		if (typeof number === 'number' && Number.isFinite(number)) return number;
	}
	return undefined;
}

function seconds(value: number | undefined, scale: number): number {
	return round((value ?? 0) / scale);
}

function speakerLabel(value: unknown): string | null {
	if (typeof value === 'number' && Number.isFinite(value)) return `speaker_${value}`;
	if (typeof value === 'string' && value.trim() !== '') {
		const trimmed = value.trim();
		return /^\d+$/.test(trimmed) ? `speaker_${trimmed}` : trimmed;
	}
	return null;
}

const round = (value: number) => Math.round(value * 1000) / 1000;
