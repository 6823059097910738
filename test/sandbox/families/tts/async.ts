import { ApiError, invalidParams } from '../../http/errors';
import { isZip, readZip } from '../../media/zip';
import { createTar } from '../../media/tar';
import { jsonReply, type Reply } from '../../http/reply';
import type { Route, RouteContext } from '../../http/routes';
import type { AudioSpec } from './speech/render';
import type { TaskResult, TaskStatus } from '../../core/state';
import { Fields, countChars } from '../../http/validate';
import { synthesize } from './routes';
import {
	type VoiceParams,
	checkInvisible,
	invisibleRatio,
	readAudioSetting,
	readLanguageBoost,
	readModel,
	readPronunciationDict,
	readVoiceModify,
	readVoiceSetting,
	resolveVoices,
	voiceIdsOf,
} from './params';

/**
 * Async long TTS: POST /v1/t2a_async_v2 creates a task, GET /v1/query/t2a_async_query_v2 polls it.
 * A task stays Processing for a virtual 2 s + 2 ms per character, then ends Success (a tar with
 * audio, .titles and .extra becomes file purpose t2a_async) or, when the text carries
 * [[sandbox:fail]] / [[sandbox:expire]], Failed / Expired.
 */

export const ASYNC_TEXT_LIMIT = 50_000;
export const ASYNC_FILE_TEXT_LIMIT = 1_000_000;
export const FAIL_MARKER = '[[sandbox:fail]]';
export const EXPIRE_MARKER = '[[sandbox:expire]]';
const BASE_PROCESSING_MS = 2000;
const PROCESSING_MS_PER_CHAR = 2;

function textFromFile(ctx: RouteContext, fileId: number): string {
	const file = ctx.env.state.getFile(ctx.region, fileId);
	if (!file || file.purpose !== 't2a_async_input') {
		throw invalidParams('text_file_id', `no file ${fileId} with purpose t2a_async_input`);
	}
	if (!isZip(file.data)) return file.data.toString('utf8');
	let entries;
	try {
		entries = readZip(file.data);
	} catch (error) {
		throw invalidParams('text_file_id', `unreadable zip: ${(error as Error).message}`);
	}
	// Zip inputs hold numbered parts (1.txt / 1.json, 2.json, ...), spoken in order.
	return entries
		.filter((e) => /\.(txt|json)$/i.test(e.name))
		.sort((a, b) => a.name.localeCompare(b.name, 'en', { numeric: true }))
		.map((e) => {
			const text = e.data.toString('utf8');
			if (!/\.json$/i.test(e.name)) return text;
			try {
				const parsed = JSON.parse(text) as { text?: unknown };
				return typeof parsed.text === 'string' ? parsed.text : text;
			} catch {
				return text;
			}
		})
		.join('\n');
}

function outcomeOf(text: string): Exclude<TaskStatus, 'Processing'> {
	if (text.includes(FAIL_MARKER)) return 'Failed';
	if (text.includes(EXPIRE_MARKER)) return 'Expired';
	return 'Success';
}

function buildResult(
	taskId: number,
	text: string,
	voiceIds: string[],
	voice: VoiceParams,
	audio: AudioSpec,
	pronunciation: Array<[string, string]>,
	mtime: () => number,
): TaskResult {
	const synthesis = synthesize(text, voiceIds, voice, audio, pronunciation);
	const now = mtime();
	const data = createTar([
		{ name: `${taskId}.${audio.format}`, data: synthesis.audio.bytes, mtime: now },
		{
			name: `${taskId}.titles`,
			data: Buffer.from(JSON.stringify(synthesis.plan.sentences)),
			mtime: now,
		},
		{ name: `${taskId}.extra`, data: Buffer.from(JSON.stringify(synthesis.extraInfo)), mtime: now },
	]);
	return { filename: `${taskId}.tar`, contentType: 'application/x-tar', data };
}

function create(ctx: RouteContext): Reply {
	const json = new Fields(ctx.json);
	const model = readModel(json);
	const hasText = json.has('text');
	const hasFile = json.has('text_file_id');
	if (hasText && hasFile) throw invalidParams('text', 'give either text or text_file_id, not both');
	if (!hasText && !hasFile) throw invalidParams('text', 'text or text_file_id is required');
	let text: string;
	if (hasText) {
		text = json.string('text', { nonEmpty: true, maxChars: ASYNC_TEXT_LIMIT }) as string;
	} else {
		const fileId = json.number('text_file_id', { integer: true, min: 1 }) as number;
		text = textFromFile(ctx, fileId);
		if (countChars(text) > ASYNC_FILE_TEXT_LIMIT)
			throw invalidParams(
				'text_file_id',
				`text must be at most ${ASYNC_FILE_TEXT_LIMIT} characters`,
			);
		if (text.trim() === '') throw invalidParams('text_file_id', 'the file holds no text');
	}
	const voice = readVoiceSetting(json.object('voice_setting'), model, ['english_normalization']);
	const audio = readAudioSetting(json.object('audio_setting'), 'audio_sample_rate');
	const pronunciation = readPronunciationDict(json);
	readLanguageBoost(json);
	readVoiceModify(json);
	const voiceIds = voiceIdsOf(voice, undefined);
	const voices = resolveVoices(ctx.env.state, voiceIds);
	const spoken = text.split(FAIL_MARKER).join('').split(EXPIRE_MARKER).join('');
	const chars = countChars(spoken);
	checkInvisible(invisibleRatio(spoken, chars));
	const { state, clock, ids } = ctx.env;
	const task = state.addTask({
		region: ctx.region,
		durationMs: BASE_PROCESSING_MS + PROCESSING_MS_PER_CHAR * chars,
		outcome: outcomeOf(text),
		produce: () =>
			buildResult(task.task_id, spoken, voiceIds, voice, audio, pronunciation, () =>
				clock.nowSeconds(),
			),
	});
	for (const v of voices) v.activated = true;
	ctx.entry.billable = true;
	ctx.entry.jobId = String(task.task_id);
	return jsonReply(ctx.traceId, {
		task_id: task.task_id,
		task_token: `eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.${Buffer.from(JSON.stringify({ task_id: task.task_id })).toString('base64url')}.${ids.token(43)}`,
		file_id: task.file_id,
		usage_characters: chars,
	});
}

function query(ctx: RouteContext): Reply {
	const raw = ctx.query.task_id;
	if (raw === undefined || raw === '') throw invalidParams('task_id', 'is required');
	if (!/^\d+$/.test(raw)) throw invalidParams('task_id', `must be a number, got "${raw}"`);
	ctx.entry.jobId = raw;
	const task = ctx.env.state.getTask(ctx.region, Number(raw));
	if (!task) throw new ApiError(2013, `invalid params, task_id: task ${raw} not found`);
	return jsonReply(ctx.traceId, {
		task_id: task.task_id,
		status: ctx.env.state.taskStatus(task),
		file_id: task.file_id,
	});
}

export const ttsAsyncRoutes: Route[] = [
	{ method: 'POST', path: '/v1/t2a_async_v2', body: 'json', handle: create },
	{ method: 'GET', path: '/v1/query/t2a_async_query_v2', body: 'none', handle: query },
];
