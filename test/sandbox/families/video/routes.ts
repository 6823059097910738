import { ApiError, invalidParams } from '../../http/errors';
import { baseResp, jsonReply, type Reply } from '../../http/reply';
import type { Route, RouteContext } from '../../http/routes';
import { Fields, isObject } from '../../http/validate';
import {
	aspectOf,
	checkCallbackOnCreate,
	readCallbackUrl,
	rejectUnknownFields,
	taskIdParam,
} from './common';
import { type ImageInfo, checkImage } from './images';
import { readMarkers } from './markers';
import { type VideoMode, checkCombination, frameSize } from './models';
import { type VideoTask, videoStore } from './store';
import { videoTemplateRoutes } from './templates';
import { videoV2Routes } from './v2';
import { videoV2TaskRoutes } from './v2Tasks';

/**
 * Video generation v1 (docs/minimax-api.md §7.1–7.4): POST /v1/video_generation (T2V, I2V, FL2V, S2V; the
 * model × mode × resolution × duration matrix is enforced → 2013), GET /v1/query/video_generation.
 * Successful tasks become `video_generation` files. Templates and the v2 (MiniMax-H3) API live in
 * videoTemplates.ts and videoV2.ts; task state, timing, callbacks and test controls in ../video/store.ts.
 */

const V1_FIELDS = [
	'model',
	'prompt',
	'prompt_optimizer',
	'fast_pretreatment',
	'duration',
	'resolution',
	'first_frame_image',
	'last_frame_image',
	'subject_reference',
	'callback_url',
	'aigc_watermark',
];
const MAX_PROMPT_CHARS = 2000;

function readSubject(json: Fields): ImageInfo | undefined {
	const list = json.array('subject_reference', { minItems: 1, maxItems: 1 });
	if (!list) return undefined;
	const subject = list[0];
	if (!isObject(subject)) throw invalidParams('subject_reference[0]', 'must be an object');
	const fields = new Fields(subject, 'subject_reference[0]');
	fields.string('type', { required: true, oneOf: ['character'] });
	const images = fields.array('image', { minItems: 1, maxItems: 1 });
	if (!images) throw invalidParams('subject_reference[0].image', 'is required');
	return checkImage('subject_reference[0].image[0]', images[0]);
}

async function create(ctx: RouteContext): Promise<Reply> {
	rejectUnknownFields(ctx.json, V1_FIELDS);
	const json = new Fields(ctx.json);
	const model = json.string('model', { required: true }) as string;
	const prompt = json.string('prompt', { maxChars: MAX_PROMPT_CHARS }) ?? '';
	json.boolean('prompt_optimizer');
	json.boolean('aigc_watermark');
	const fast = json.boolean('fast_pretreatment');
	const duration = json.number('duration', { integer: true });
	const resolution = json.string('resolution', { oneOf: ['512P', '720P', '768P', '1080P'] });
	const hasFirst = json.has('first_frame_image');
	const hasLast = json.has('last_frame_image');
	const hasSubject = json.has('subject_reference');
	if (hasSubject && (hasFirst || hasLast))
		throw invalidParams(
			'subject_reference',
			'cannot be combined with first_frame_image or last_frame_image',
		);
	if (hasLast && !hasFirst)
		throw invalidParams('first_frame_image', 'is required together with last_frame_image');
	const mode: VideoMode = hasSubject ? 's2v' : hasLast ? 'fl2v' : hasFirst ? 'i2v' : 't2v';
	if (mode === 't2v' && prompt.trim() === '')
		throw invalidParams('prompt', 'is required for text-to-video');
	const first = hasFirst ? checkImage('first_frame_image', ctx.json.first_frame_image) : undefined;
	if (hasLast) checkImage('last_frame_image', ctx.json.last_frame_image);
	const subject = readSubject(json);
	const effective = checkCombination(model, mode, resolution, duration, fast);
	const callbackUrl = readCallbackUrl(json);
	const callbackChecked = await checkCallbackOnCreate(ctx, callbackUrl);
	const markers = readMarkers(prompt);
	const size = frameSize(effective.resolution, aspectOf(first ?? subject));
	const task = videoStore(ctx.env.state).create({
		kind: 'v1',
		region: ctx.region,
		model,
		prompt: markers.text || model,
		seconds: effective.duration,
		resolution: effective.resolution,
		...size,
		request: ctx.json,
		failure: markers.failure,
		sizeBytes: markers.sizeBytes,
		callbackUrl,
		callbackChecked,
	});
	ctx.entry.billable = true;
	ctx.entry.jobId = task.taskId;
	return jsonReply(ctx.traceId, { task_id: task.taskId });
}

function findTask(ctx: RouteContext, kind: VideoTask['kind'], taskId: string): VideoTask {
	const task = videoStore(ctx.env.state).find(kind, ctx.region, taskId);
	if (!task) throw new ApiError(2013, `invalid params, task_id: task ${taskId} not found`);
	return task;
}

async function query(ctx: RouteContext): Promise<Reply> {
	const taskId = taskIdParam(ctx);
	const store = videoStore(ctx.env.state);
	const task = findTask(ctx, 'v1', taskId);
	const phase = await store.settledPhase(task);
	if (phase === 'Success') {
		return jsonReply(ctx.traceId, {
			task_id: taskId,
			status: 'Success',
			file_id: String(task.fileId),
			video_width: task.width,
			video_height: task.height,
		});
	}
	const empty = { task_id: taskId, file_id: '', video_width: 0, video_height: 0 };
	if (phase === 'Fail' || phase === 'Cancelled' || phase === 'Expired') {
		const failure = store.failureOf(task);
		return jsonReply(ctx.traceId, {
			...empty,
			status: 'Fail',
			base_resp: baseResp(failure.code, failure.message),
		});
	}
	return jsonReply(ctx.traceId, { ...empty, status: phase });
}

export const videoRoutes: Route[] = [
	{ method: 'POST', path: '/v1/video_generation', body: 'json', handle: create },
	{ method: 'GET', path: '/v1/query/video_generation', body: 'none', handle: query },
	...videoTemplateRoutes,
	...videoV2Routes,
	...videoV2TaskRoutes,
];
