import { ApiError, invalidParams } from '../../http/errors';
import { type Reply, jsonReply, rawReply, sseReply } from '../../http/reply';
import type { Route, RouteContext } from '../../http/routes';
import type { FamilyState, SandboxState } from '../../core/state';
import {
	type Transcript,
	durationOf,
	sniffContainer,
	toSrt,
	toVtt,
	transcribe,
} from './transcript';

/**
 * Speech to text (docs/minimax-api.md §17.1): POST /v1/speech_to_text, multipart `file` (audio or
 * video container, ≤ 50 MB = 50,000,000 bytes), `model` = asr-1.0, optional `language` (ISO code;
 * omitted = auto) as a form field or as the `language` header the guide and independent clients use
 * (both must agree), `response_format` json | verbose_json | srt | vtt, `timestamp_level` sentence |
 * word, optional `diarization` ("true") with `speaker_count` (2–10), optional `stream` ("true", json
 * only: SSE events `{index, delta, finish}`, the last with `finish: true` and `duration`). Strict:
 * anything else → 2013. The contract marks the diarization field names and the verbose segment fields UNCERTAIN,
 * so `sttStore(state)` switches the answer between the two shapes clients must accept, and the error
 * envelope between native base_resp (HTTP 200) and the v2 error object (real HTTP status).
 */

export const STT_MODEL = 'asr-1.0';
/** 50 MB in decimal bytes, the stricter reading (an independent client uses 50,000,000). */
export const STT_MAX_BYTES = 50_000_000;
export const STT_FORMATS = ['json', 'verbose_json', 'srt', 'vtt'] as const;
export const STT_LANGUAGES = [
	'en',
	'zh',
	'yue',
	'ja',
	'ko',
	'es',
	'fr',
	'de',
	'it',
	'pt',
	'ru',
	'ar',
	'hi',
	'id',
	'vi',
	'th',
	'tr',
	'nl',
	'pl',
	'uk',
	'ms',
	'fil',
];
const FIELDS = [
	'model',
	'language',
	'response_format',
	'timestamp_level',
	'diarization',
	'speaker_count',
	'stream',
];
const DEFAULT_SPEAKERS = 2;

export interface SttSettings {
	/**
	 * `standard`: segments `{id, start, end, text, speaker: "speaker_0"}` in seconds, `duration` in s.
	 * `alternative`: `{start_time, end_time, text, speaker: 0}` in milliseconds, `duration_ms`.
	 */
	spelling: 'standard' | 'alternative';
	/** `base_resp`: HTTP 200 + base_resp; `v2`: HTTP 4xx + `{type:"error", error:{…}, request_id}`. */
	errors: 'base_resp' | 'v2';
}

class SttStore implements FamilyState {
	settings: SttSettings = { spelling: 'standard', errors: 'base_resp' };
	reset(): void {
		this.settings = { spelling: 'standard', errors: 'base_resp' };
	}
	settle(): void {}
}

/** The family's switches for one sandbox (reset with it). */
export function sttStore(state: SandboxState): SttStore {
	return state.family('stt', () => new SttStore());
}

function flag(value: string | undefined, name: string): boolean {
	if (value === undefined || value === '' || value === 'false') return false;
	if (value === 'true') return true;
	throw invalidParams(name, `must be true or false, got "${value}"`);
}

function transcribeRequest(ctx: RouteContext): Reply {
	const form = ctx.form ?? { fields: {}, files: [] };
	const fields = form.fields;
	for (const name of Object.keys(fields))
		if (!FIELDS.includes(name)) throw invalidParams(name, 'unknown field');
	if (!fields.model) throw invalidParams('model', 'is required');
	if (fields.model !== STT_MODEL)
		throw invalidParams('model', `must be ${STT_MODEL}, got "${fields.model}"`);
	const files = form.files.filter((f) => f.field === 'file');
	if (files.length !== 1)
		throw invalidParams('file', files.length ? 'only one file' : 'is required');
	const file = files[0];
	if (file.data.length === 0) throw invalidParams('file', 'is empty');
	if (file.data.length > STT_MAX_BYTES)
		throw invalidParams('file', `must be at most 50 MB, got ${file.data.length} bytes`);
	const container = sniffContainer(file.data);
	if (!container)
		throw invalidParams('file', `unsupported audio/video format ("${file.filename}")`);
	const format = fields.response_format || 'json';
	if (!(STT_FORMATS as readonly string[]).includes(format))
		throw invalidParams(
			'response_format',
			`must be one of ${STT_FORMATS.join(', ')}, got "${format}"`,
		);
	const header = ctx.headers.language || undefined;
	if (header !== undefined && fields.language && fields.language !== header)
		throw invalidParams('language', `header "${header}" and field "${fields.language}" disagree`);
	const language = fields.language || header;
	if (language !== undefined && !STT_LANGUAGES.includes(language))
		throw invalidParams('language', `unsupported language "${language}"`);
	const level = fields.timestamp_level || 'sentence';
	if (level !== 'sentence' && level !== 'word')
		throw invalidParams('timestamp_level', `must be sentence or word, got "${level}"`);
	const diarize = flag(fields.diarization, 'diarization');
	let speakers = DEFAULT_SPEAKERS;
	if (fields.speaker_count !== undefined && fields.speaker_count !== '') {
		if (!diarize) throw invalidParams('speaker_count', 'needs diarization=true');
		speakers = Number(fields.speaker_count);
		if (!Number.isInteger(speakers) || speakers < 2 || speakers > 10)
			throw invalidParams(
				'speaker_count',
				`must be an integer 2–10, got "${fields.speaker_count}"`,
			);
	}
	const stream = flag(fields.stream, 'stream');
	if (stream && format !== 'json')
		throw invalidParams('stream', `cannot be combined with response_format ${format}`);

	const transcript = transcribe(
		file.data,
		durationOf(file.data, container),
		diarize ? { speakers } : undefined,
		level,
	);
	ctx.entry.billable = true;
	const detected = language ?? 'en';
	if (stream) {
		const words = transcript.text.split(' ');
		return sseReply(ctx.traceId, [
			...words.map((word, index) => ({
				index,
				delta: index === 0 ? word : ` ${word}`,
				finish: false,
			})),
			{ index: words.length, delta: '', finish: true, duration: transcript.durationSeconds },
		]);
	}
	if (format === 'srt')
		return rawReply(200, 'text/plain; charset=utf-8', Buffer.from(toSrt(transcript.segments)), {
			'trace-id': ctx.traceId,
		});
	if (format === 'vtt')
		return rawReply(200, 'text/plain; charset=utf-8', Buffer.from(toVtt(transcript.segments)), {
			'trace-id': ctx.traceId,
		});
	if (format === 'json') return jsonReply(ctx.traceId, { text: transcript.text });
	return jsonReply(
		ctx.traceId,
		verbose(transcript, detected, sttStore(ctx.env.state).settings, diarize),
	);
}

function verbose(
	transcript: Transcript,
	language: string,
	settings: SttSettings,
	diarize: boolean,
): Record<string, unknown> {
	const alternative = settings.spelling === 'alternative';
	const segments = transcript.segments.map((segment, id) => {
		const speaker =
			segment.speaker === undefined
				? {}
				: { speaker: alternative ? segment.speaker : `speaker_${segment.speaker}` };
		return alternative
			? {
					start_time: Math.round(segment.start * 1000),
					end_time: Math.round(segment.end * 1000),
					text: segment.text,
					...speaker,
				}
			: { id, start: segment.start, end: segment.end, text: segment.text, ...speaker };
	});
	return {
		task: 'transcribe',
		language,
		...(alternative
			? { duration_ms: Math.round(transcript.durationSeconds * 1000) }
			: { duration: transcript.durationSeconds }),
		text: transcript.text,
		segments,
		...(diarize ? { n_speakers: transcript.speakers } : {}),
	};
}

/** The v2 error object (§17.2): HTTP status by code, message ending in "(code)". */
function v2ErrorReply(traceId: string, error: ApiError): Reply {
	const [status, type] =
		error.code === 1004
			? [401, 'authorized_error']
			: error.code === 1008
				? [402, 'insufficient_balance_error']
				: error.code === 1002
					? [429, 'rate_limit_error']
					: error.code === 2013
						? [400, 'bad_request_error']
						: [500, 'server_error'];
	const body = {
		type: 'error',
		error: { type, message: `${error.message} (${error.code})`, http_code: String(status) },
		request_id: traceId,
	};
	return rawReply(status, 'application/json; charset=utf-8', Buffer.from(JSON.stringify(body)), {
		'trace-id': traceId,
	});
}

async function handle(ctx: RouteContext): Promise<Reply> {
	try {
		return transcribeRequest(ctx);
	} catch (error) {
		if (!(error instanceof ApiError) || sttStore(ctx.env.state).settings.errors !== 'v2')
			throw error;
		delete ctx.entry.billable;
		return v2ErrorReply(ctx.traceId, error);
	}
}

export const sttRoutes: Route[] = [
	{ method: 'POST', path: '/v1/speech_to_text', body: 'multipart', handle },
];
