import { FILE_URL_TTL_S } from '../../http/downloads';
import { ApiError, invalidParams } from '../../http/errors';
import { type Reply, rawReply } from '../../http/reply';
import type { Route, RouteContext } from '../../http/routes';
import { Fields, type JsonObject, isObject } from '../../http/validate';
import { aspectOf, readCallbackUrl, rejectUnknownFields } from './common';
import { type ImageInfo, checkImage, sniffImage } from './images';
import { readMarkers } from './markers';
import { frameSize, ratioValue } from './models';
import { type VideoPhase, type VideoTask, videoStore } from './store';

/**
 * Video generation v2, MiniMax-H3 (docs/minimax-api.md §7.6): POST /v2/video_generation with a `content`
 * array, GET /v2/query/video_generation/{task_id}. Unlike v1, errors are real HTTP statuses with
 * `{type:"error", error:{type, message "… (code)", http_code}, request_id}`, and a finished task
 * carries its video URL in task.content.url. Where sources disagree the sandbox takes the union:
 * resolution 768P or 2K, duration 4–15 s. Text-only tasks need a concrete ratio (not adaptive).
 */

const V2_FIELDS = [
	'model',
	'content',
	'resolution',
	'duration',
	'ratio',
	'aigc_watermark',
	'callback_url',
];
const RATIOS = ['adaptive', '21:9', '16:9', '4:3', '1:1', '3:4', '9:16'];
/** Per-model limits (docs/minimax-api.md §17.2): MiniMax-H3 768P/2K 4–15 s; H3-Max 480P/768P 5–15 s. */
const MODELS: Record<
	string,
	{ resolutions: string[]; defaultResolution: string; minSeconds: number; references: boolean }
> = {
	'MiniMax-H3': {
		resolutions: ['768P', '2K'],
		defaultResolution: '2K',
		minSeconds: 4,
		references: true,
	},
	'MiniMax-H3-Max': {
		resolutions: ['480P', '768P'],
		defaultResolution: '768P',
		minSeconds: 5,
		references: false,
	},
};
const IMAGE_ROLES = ['first_frame', 'last_frame', 'reference_image'];
const MAX_TEXT_CHARS = 7000;
const STATUS_WORDS: Record<VideoPhase, string> = {
	Preparing: 'queued',
	Queueing: 'queued',
	Processing: 'running',
	Success: 'succeeded',
	Fail: 'failed',
	Cancelled: 'cancelled',
	Expired: 'expired',
};

interface Content {
	text: string;
	firstFrames: Array<ImageInfo | undefined>;
	lastFrames: number;
	referenceImages: Array<ImageInfo | undefined>;
	videos: number;
	audios: number;
}

export function v2Error(traceId: string, status: number, type: string, message: string): Reply {
	const body = {
		type: 'error',
		error: { type, message, http_code: String(status) },
		request_id: traceId,
	};
	return rawReply(status, 'application/json; charset=utf-8', Buffer.from(JSON.stringify(body)), {
		'trace-id': traceId,
	});
}

export function v2Json(traceId: string, body: Record<string, unknown>): Reply {
	return rawReply(200, 'application/json; charset=utf-8', Buffer.from(JSON.stringify(body)), {
		'trace-id': traceId,
	});
}

/** v2 answers business errors with HTTP statuses, not base_resp. */
export function v2Route(handle: (ctx: RouteContext) => Reply | Promise<Reply>) {
	return async (ctx: RouteContext): Promise<Reply> => {
		try {
			return await handle(ctx);
		} catch (error) {
			if (!(error instanceof ApiError)) throw error;
			delete ctx.entry.billable;
			const status = error.code === 404 ? 404 : 400;
			return v2Error(
				ctx.traceId,
				status,
				status === 404 ? 'not_found_error' : 'bad_request_error',
				`${error.message} (2013)`,
			);
		}
	};
}

/**
 * `mm_file://<file_id>` references a file uploaded to the Files API (docs/minimax-api.md §17.2): it
 * must exist on this account and host. Returns its bytes, or undefined for other URLs.
 */
export function fileReference(
	ctx: RouteContext,
	field: string,
	value: unknown,
): Buffer | undefined {
	if (typeof value !== 'string' || !/^mm_file:\/\//i.test(value)) return undefined;
	const id = value.slice('mm_file://'.length);
	if (!/^\d+$/.test(id))
		throw invalidParams(field, `"${value}" is not mm_file://<numeric file_id>`);
	const file = ctx.env.state.getFile(ctx.region, Number(id));
	if (!file) throw invalidParams(field, `file ${id} not found`);
	return file.data;
}

export function checkMediaUrl(
	ctx: RouteContext,
	field: string,
	value: unknown,
	kind: 'video' | 'audio',
): void {
	if (typeof value !== 'string' || value === '')
		throw invalidParams(field, 'must be a non-empty string');
	if (fileReference(ctx, field, value)) return;
	if (/^https?:\/\/\S+$/i.test(value)) return;
	const pattern =
		kind === 'video' ? /^data:video\/mp4;base64,/i : /^data:audio\/(mp3|mpeg|wav);base64,/i;
	if (!pattern.test(value))
		throw invalidParams(
			field,
			`must be an http(s) URL, mm_file:// ID or a ${kind === 'video' ? 'data:video/mp4' : 'data:audio/(mp3|wav)'} base64 URL`,
		);
}

/** An image item: checked like any image, or an uploaded file (its size read when it is an image). */
function contentImage(ctx: RouteContext, field: string, url: unknown): ImageInfo | undefined {
	const file = fileReference(ctx, field, url);
	return file ? sniffImage(file) : checkImage(field, url);
}

function readContent(ctx: RouteContext, json: Fields): Content {
	const items = json.array('content', { minItems: 1 });
	if (!items) throw invalidParams('content', 'is required');
	const content: Content = {
		text: '',
		firstFrames: [],
		lastFrames: 0,
		referenceImages: [],
		videos: 0,
		audios: 0,
	};
	items.forEach((raw, index) => {
		const path = `content[${index}]`;
		if (!isObject(raw)) throw invalidParams(path, 'must be an object');
		const item = new Fields(raw as JsonObject, path);
		const type = item.string('type', {
			required: true,
			oneOf: ['text', 'image_url', 'video_url', 'audio_url'],
		});
		if (type === 'text') {
			content.text += `${item.string('text', { required: true, maxChars: MAX_TEXT_CHARS })} `;
			return;
		}
		const url = item.object(type as string)?.source.url;
		if (type === 'image_url') {
			const role = item.string('role', { required: true, oneOf: IMAGE_ROLES });
			const info = contentImage(ctx, `${path}.image_url.url`, url);
			if (role === 'first_frame') content.firstFrames.push(info);
			else if (role === 'last_frame') content.lastFrames++;
			else content.referenceImages.push(info);
		} else if (type === 'video_url') {
			item.string('role', { required: true, oneOf: ['reference_video'] });
			checkMediaUrl(ctx, `${path}.video_url.url`, url, 'video');
			content.videos++;
		} else {
			item.string('role', { required: true, oneOf: ['reference_audio'] });
			checkMediaUrl(ctx, `${path}.audio_url.url`, url, 'audio');
			content.audios++;
		}
	});
	if (content.text.trim() === '')
		throw invalidParams(
			'content',
			'content must include a non-empty text item (prompt is required)',
		);
	checkCounts(content);
	return content;
}

function checkCounts(content: Content): void {
	const references = content.referenceImages.length + content.videos + content.audios;
	if (content.firstFrames.length > 1 || content.lastFrames > 1)
		throw invalidParams('content', 'at most one first_frame and one last_frame');
	if (
		content.referenceImages.length > 9 ||
		content.videos > 3 ||
		content.audios > 3 ||
		references > 12
	) {
		throw invalidParams(
			'content',
			'up to 9 reference images, 3 reference videos and 3 reference audios, 12 in total',
		);
	}
	if (content.firstFrames.length + content.lastFrames > 0 && references > 0) {
		throw invalidParams(
			'content',
			'frame images cannot be combined with reference images, videos or audios',
		);
	}
	if (content.audios > 0 && content.referenceImages.length + content.videos === 0) {
		throw invalidParams(
			'content',
			'reference_audio needs at least one reference image or reference video',
		);
	}
}

function create(ctx: RouteContext): Reply {
	rejectUnknownFields(ctx.json, V2_FIELDS);
	const json = new Fields(ctx.json);
	const model = json.string('model', { required: true }) as string;
	const rules = MODELS[model];
	if (!rules)
		throw invalidParams(
			'model',
			`must be one of ${Object.keys(MODELS).join(', ')}, got "${model}"`,
		);
	const content = readContent(ctx, json);
	if (!rules.references && content.referenceImages.length + content.videos + content.audios > 0)
		throw invalidParams(
			'content',
			`${model} supports text-to-video and first/last frame only, no reference images, videos or audios`,
		);
	const resolution =
		json.string('resolution', { oneOf: rules.resolutions }) ?? rules.defaultResolution;
	const seconds = json.number('duration', { integer: true, min: rules.minSeconds, max: 15 }) ?? 5;
	const hasMedia =
		content.firstFrames.length +
			content.lastFrames +
			content.referenceImages.length +
			content.videos +
			content.audios >
		0;
	const ratio = json.string('ratio', { oneOf: RATIOS }) ?? (hasMedia ? 'adaptive' : undefined);
	if (!hasMedia && (ratio === undefined || ratio === 'adaptive')) {
		throw invalidParams(
			'ratio',
			'text-to-video requires a concrete ratio; adaptive is not supported',
		);
	}
	if (!rules.references && json.has('aigc_watermark'))
		throw invalidParams('aigc_watermark', `not supported by ${model}`);
	json.boolean('aigc_watermark');
	const callbackUrl = readCallbackUrl(json);
	const markers = readMarkers(content.text);
	const aspect =
		ratio === 'adaptive'
			? aspectOf(content.firstFrames[0] ?? content.referenceImages.find(Boolean))
			: ratioValue(ratio as string);
	const task = videoStore(ctx.env.state).create({
		kind: 'v2',
		region: ctx.region,
		model,
		prompt: markers.text,
		seconds,
		resolution,
		ratio,
		...frameSize(resolution, aspect),
		request: ctx.json,
		failure: markers.failure && {
			code: markers.failure.code || 1000,
			message: markers.failure.message,
		},
		sizeBytes: markers.sizeBytes,
		taskType: 'generation',
		callbackUrl,
	});
	ctx.entry.billable = true;
	ctx.entry.jobId = task.taskId;
	return v2Json(ctx.traceId, { task_id: task.taskId });
}

export function taskJson(
	ctx: RouteContext,
	task: VideoTask,
	phase: VideoPhase,
): Record<string, unknown> {
	const store = videoStore(ctx.env.state);
	const json: Record<string, unknown> = {
		id: task.taskId,
		model: task.model,
		status: STATUS_WORDS[phase],
		resolution: task.resolution,
		duration: task.seconds,
		ratio: task.ratio,
		created_at: Math.floor(task.createdAt / 1000),
		updated_at: Math.floor(Math.min(ctx.env.clock.now(), task.readyAt) / 1000),
		task_type: task.taskType ?? 'generation',
		modality: 'video',
	};
	if (phase === 'Success') {
		const url = ctx.env.downloads.publish(
			{ filename: 'output.mp4', contentType: 'video/mp4', read: () => store.resultBody(task) },
			FILE_URL_TTL_S,
			ctx.baseUrl,
		);
		json.content = { url };
		json.usage = { total_seconds: task.seconds, input_seconds: 0, output_seconds: task.seconds };
	}
	if (phase === 'Fail') {
		const failure = store.failureOf(task);
		json.error = { code: String(failure.code), message: failure.message };
	}
	return json;
}

async function query(ctx: RouteContext): Promise<Reply> {
	const taskId = ctx.path.split('/').pop() as string;
	ctx.entry.jobId = taskId;
	const store = videoStore(ctx.env.state);
	const task = /^\d+$/.test(taskId) ? store.find('v2', ctx.region, taskId) : undefined;
	if (!task) throw new ApiError(404, `task ${taskId} not found`);
	const phase = await store.settledPhase(task);
	return v2Json(ctx.traceId, { task: taskJson(ctx, task, phase) });
}

export const videoV2Routes: Route[] = [
	{ method: 'POST', path: '/v2/video_generation', body: 'json', handle: v2Route(create) },
	{ method: 'GET', path: '/v2/query/video_generation/*', body: 'none', handle: v2Route(query) },
];
