import type { IDataObject } from 'n8n-workflow';

/**
 * The answer of POST /v1/music_cover_preprocess (docs/minimax-api.md §17.3): `cover_feature_id`,
 * `formatted_lyrics`, `structure_result` (a JSON string of sections with start/end seconds) and
 * `audio_duration` (seconds per the reference page). Read defensively: the fields at the top level
 * or under `data`, the id as a string or a number.
 */
export interface CoverPreprocessFields {
	cover_feature_id?: string | number;
	formatted_lyrics?: string;
	structure_result?: unknown;
	audio_duration?: number | string;
}

export interface CoverPreprocessReply extends CoverPreprocessFields {
	data?: CoverPreprocessFields;
	trace_id?: string;
}

export interface CoverFeature {
	coverFeatureId?: string;
	formattedLyrics?: string;
	/** structure_result parsed; the raw text when it is not JSON; absent when not sent. */
	structure?: IDataObject | IDataObject[] | string;
	audioDurationSeconds?: number;
}

/**
 * The prepared cover in n8n's terms. `audio_duration` is taken as seconds; a value of 1000 or more
 * cannot be seconds (a reference lasts at most 6 minutes), so it is read as milliseconds.
 */
export function readCoverFeature(reply: CoverPreprocessReply): CoverFeature {
	const fields: CoverPreprocessFields = { ...(reply.data ?? {}), ...withoutEmpty(reply) };
	const id = fields.cover_feature_id;
	const lyrics = typeof fields.formatted_lyrics === 'string' ? fields.formatted_lyrics : undefined;
	const duration = Number(fields.audio_duration);
	return {
		coverFeatureId: id === undefined || id === null || id === '' ? undefined : String(id),
		formattedLyrics: lyrics,
		structure: parseStructure(fields.structure_result),
		audioDurationSeconds:
			fields.audio_duration === undefined ||
			fields.audio_duration === '' ||
			!Number.isFinite(duration) ||
			duration <= 0
				? undefined
				: duration >= 1000
					? duration / 1000
					: duration,
	};
}

function withoutEmpty(reply: CoverPreprocessReply): CoverPreprocessFields {
	const fields: CoverPreprocessFields = {};
	for (const key of [
		'cover_feature_id',
		'formatted_lyrics',
		'structure_result',
		'audio_duration',
	] as const) {
		const value = reply[key];
		if (value !== undefined && value !== null) (fields as Record<string, unknown>)[key] = value;
	}
	return fields;
}

function parseStructure(raw: unknown): CoverFeature['structure'] {
	if (raw === undefined || raw === null || raw === '') return undefined;
	if (typeof raw === 'object') return raw as IDataObject;
	const text = String(raw);
	try {
		const parsed: unknown = JSON.parse(text);
		return typeof parsed === 'object' && parsed !== null ? (parsed as IDataObject) : text;
	} catch {
		return text;
	}
}
