import { FILE_URL_TTL_S } from '../../http/downloads';
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
import { frameSize } from './models';
import { videoStore } from './store';

/**
 * Video Agent templates (docs/minimax-api.md §7.5): POST /v1/video_template_generation with a numeric
 * template_id, text_inputs [{value}] and media_inputs [{value: image URL or data URL}];
 * GET /v1/query/video_template_generation returns status Preparing|Processing|Success|Fail and,
 * on success, `video_url` (a fresh 9 h link on every query; no file_id). Results are 720P, 6 s.
 */

const TEMPLATE_FIELDS = ['template_id', 'text_inputs', 'media_inputs', 'callback_url'];
const TEMPLATE_SECONDS = 6;
const MAX_INPUTS = 10;

function readTextInputs(json: Fields): string[] {
	const list = json.array('text_inputs', { maxItems: MAX_INPUTS }) ?? [];
	return list.map((entry, index) => {
		if (!isObject(entry)) throw invalidParams(`text_inputs[${index}]`, 'must be an object {value}');
		return new Fields(entry, `text_inputs[${index}]`).string('value', {
			required: true,
			nonEmpty: true,
			maxChars: 2000,
		}) as string;
	});
}

function readMediaInputs(json: Fields): Array<ImageInfo | undefined> {
	const list = json.array('media_inputs', { maxItems: MAX_INPUTS }) ?? [];
	return list.map((entry, index) => {
		if (!isObject(entry))
			throw invalidParams(`media_inputs[${index}]`, 'must be an object {value}');
		return checkImage(`media_inputs[${index}].value`, entry.value);
	});
}

async function create(ctx: RouteContext): Promise<Reply> {
	rejectUnknownFields(ctx.json, TEMPLATE_FIELDS);
	const json = new Fields(ctx.json);
	const templateId = json.string('template_id', { required: true, nonEmpty: true }) as string;
	if (!/^\d+$/.test(templateId))
		throw invalidParams('template_id', `template "${templateId}" not found`);
	const texts = readTextInputs(json);
	const media = readMediaInputs(json);
	if (texts.length === 0 && media.length === 0)
		throw invalidParams('text_inputs', 'a template needs at least one text or media input');
	const callbackUrl = readCallbackUrl(json);
	const callbackChecked = await checkCallbackOnCreate(ctx, callbackUrl);
	const markers = readMarkers(texts.join(' '));
	const task = videoStore(ctx.env.state).create({
		kind: 'template',
		region: ctx.region,
		model: `template-${templateId}`,
		prompt: `${templateId} ${markers.text}`,
		seconds: TEMPLATE_SECONDS,
		resolution: '720P',
		...frameSize('720P', aspectOf(media.find(Boolean))),
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

async function query(ctx: RouteContext): Promise<Reply> {
	const taskId = taskIdParam(ctx);
	const store = videoStore(ctx.env.state);
	const task = store.find('template', ctx.region, taskId);
	if (!task) throw new ApiError(2013, `invalid params, task_id: task ${taskId} not found`);
	const phase = await store.settledPhase(task);
	if (phase === 'Success') {
		const url = ctx.env.downloads.publish(
			{ filename: 'output.mp4', contentType: 'video/mp4', read: () => store.resultBody(task) },
			FILE_URL_TTL_S,
			ctx.baseUrl,
		);
		return jsonReply(ctx.traceId, { task_id: taskId, status: 'Success', video_url: url });
	}
	if (phase === 'Fail' || phase === 'Cancelled' || phase === 'Expired') {
		const failure = store.failureOf(task);
		return jsonReply(ctx.traceId, {
			task_id: taskId,
			status: 'Fail',
			video_url: '',
			base_resp: baseResp(failure.code, failure.message),
		});
	}
	return jsonReply(ctx.traceId, {
		task_id: taskId,
		status: phase === 'Processing' ? 'Processing' : 'Preparing',
		video_url: '',
	});
}

export const videoTemplateRoutes: Route[] = [
	{ method: 'POST', path: '/v1/video_template_generation', body: 'json', handle: create },
	{ method: 'GET', path: '/v1/query/video_template_generation', body: 'none', handle: query },
];
