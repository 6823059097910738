import { ApiError, invalidParams } from '../../http/errors';
import type { Reply } from '../../http/reply';
import type { Route, RouteContext } from '../../http/routes';
import { Fields, isObject } from '../../http/validate';
import { readCallbackUrl, rejectUnknownFields } from './common';
import { readMarkers } from './markers';
import { frameSize, ratioValue } from './models';
import { type VideoTask, videoStore } from './store';
import { checkMediaUrl, taskJson, v2Json, v2Route } from './v2';

/**
 * Managing MiniMax-H3 tasks (docs/minimax-api.md §17.2): the paged list
 * (`GET /v2/query/video_generation?page_num=&page_size=` → `{items, total}`, newest first), cancel or
 * delete (`DELETE /v2/video_generation/{task_id}`: queued → cancelled and never billed;
 * succeeded/failed/expired → record deleted; running/cancelled → 400), and the 2K regeneration
 * (`POST /v2/video_regeneration` from an unmodified H3 768P result, by `source_task_id` within 7 days
 * or a `base_video` content item; the new task has `task_type: "regeneration"`).
 */

const MAX_PAGE_SIZE = 100;
const SOURCE_DAYS = 7;
const REGENERATION_FIELDS = ['model', 'source_task_id', 'content', 'resolution', 'callback_url'];

function pageParam(ctx: RouteContext, name: string, fallback: number, max?: number): number {
	const raw = ctx.query[name];
	if (raw === undefined || raw === '') return fallback;
	const value = Number(raw);
	if (!Number.isInteger(value) || value < 1 || (max !== undefined && value > max))
		throw invalidParams(name, `must be an integer from 1${max ? ` to ${max}` : ''}, got "${raw}"`);
	return value;
}

async function list(ctx: RouteContext): Promise<Reply> {
	const pageNum = pageParam(ctx, 'page_num', 1);
	const pageSize = pageParam(ctx, 'page_size', 20, MAX_PAGE_SIZE);
	const store = videoStore(ctx.env.state);
	const tasks = [...store.tasks.values()]
		.filter((task) => task.kind === 'v2' && task.region === ctx.region && !task.deleted)
		.sort((a, b) => b.createdAt - a.createdAt || Number(b.taskId) - Number(a.taskId));
	const page = tasks.slice((pageNum - 1) * pageSize, pageNum * pageSize);
	const items = [];
	for (const task of page) items.push(taskJson(ctx, task, await store.settledPhase(task)));
	return v2Json(ctx.traceId, { items, total: tasks.length });
}

function findV2(ctx: RouteContext, taskId: string): VideoTask {
	const task = /^\d+$/.test(taskId)
		? videoStore(ctx.env.state).find('v2', ctx.region, taskId)
		: undefined;
	if (!task) throw new ApiError(404, `task ${taskId} not found`);
	return task;
}

async function remove(ctx: RouteContext): Promise<Reply> {
	const taskId = ctx.path.split('/').pop() as string;
	ctx.entry.jobId = taskId;
	const store = videoStore(ctx.env.state);
	const task = findV2(ctx, taskId);
	const phase = await store.settledPhase(task);
	if (phase === 'Preparing' || phase === 'Queueing') {
		task.unbilled = true;
		store.forceStatus(taskId, 'Cancelled');
		return v2Json(ctx.traceId, {});
	}
	if (phase === 'Processing')
		throw invalidParams('task_id', `task ${taskId} is running and cannot be cancelled or deleted`);
	if (phase === 'Cancelled')
		throw invalidParams(
			'task_id',
			`task ${taskId} is cancelled and cannot be cancelled or deleted`,
		);
	task.deleted = true;
	return v2Json(ctx.traceId, {});
}

/** The source of a regeneration by task id: this account's unmodified H3 768P result of the last 7 days. */
async function sourceTask(ctx: RouteContext, taskId: string): Promise<VideoTask> {
	if (!/^\d+$/.test(taskId)) throw invalidParams('source_task_id', `invalid task_id "${taskId}"`);
	const task = videoStore(ctx.env.state).find('v2', ctx.region, taskId);
	const old = task && ctx.env.clock.now() - task.createdAt > SOURCE_DAYS * 86_400_000;
	if (!task || old) throw invalidParams('source_task_id', `invalid task_id ${taskId}`);
	if ((await videoStore(ctx.env.state).settledPhase(task)) !== 'Success')
		throw invalidParams('source_task_id', `task ${taskId} has not succeeded`);
	if (task.model !== 'MiniMax-H3' || task.resolution !== '768P' || task.taskType !== 'generation')
		throw invalidParams(
			'source_task_id',
			`task ${taskId} is not a MiniMax-H3 768P generation (${task.model}, ${task.resolution}, ${task.taskType})`,
		);
	return task;
}

/** The `content` of a regeneration by video: the original prompt and one `base_video` item. */
function baseVideoContent(ctx: RouteContext, json: Fields): string {
	const items = json.array('content', { minItems: 1 }) ?? [];
	let text = '';
	let videos = 0;
	items.forEach((raw, index) => {
		const path = `content[${index}]`;
		if (!isObject(raw)) throw invalidParams(path, 'must be an object');
		const item = new Fields(raw, path);
		const type = item.string('type', { required: true, oneOf: ['text', 'image_url', 'video_url'] });
		if (type === 'text') text += `${item.string('text', { required: true })} `;
		if (type === 'video_url') {
			item.string('role', { required: true, oneOf: ['base_video'] });
			checkMediaUrl(ctx, `${path}.video_url.url`, item.object('video_url')?.source.url, 'video');
			videos++;
		}
	});
	if (videos !== 1)
		throw invalidParams('content', 'must contain exactly one video_url item with role base_video');
	if (text.trim() === '')
		throw invalidParams('content', 'must include the text prompt the 768P video was made with');
	return text.trim();
}

async function regenerate(ctx: RouteContext): Promise<Reply> {
	rejectUnknownFields(ctx.json, REGENERATION_FIELDS);
	const json = new Fields(ctx.json);
	const model = json.string('model') ?? 'MiniMax-H3';
	if (model !== 'MiniMax-H3') throw invalidParams('model', `must be MiniMax-H3, got "${model}"`);
	json.string('resolution', { oneOf: ['2K'] });
	const store = videoStore(ctx.env.state);
	if (!store.regenerationAccess)
		throw invalidParams(
			'model',
			'no permission: video regeneration is not enabled for this account',
		);
	const sourceId = json.string('source_task_id', { nonEmpty: true });
	if ((sourceId === undefined) === !json.has('content'))
		throw invalidParams('source_task_id', 'give exactly one of source_task_id or content');
	const source = sourceId !== undefined ? await sourceTask(ctx, sourceId) : undefined;
	const prompt = source ? source.prompt : readMarkers(baseVideoContent(ctx, json)).text;
	const callbackUrl = readCallbackUrl(json);
	const ratio = source?.ratio && source.ratio !== 'adaptive' ? source.ratio : '16:9';
	const task = store.create({
		kind: 'v2',
		region: ctx.region,
		model,
		prompt,
		seconds: source?.seconds ?? 5,
		resolution: '2K',
		ratio: source?.ratio ?? ratio,
		...frameSize(
			'2K',
			source ? (ratioValue(source.ratio ?? '') ?? source.width / source.height) : ratioValue(ratio),
		),
		request: ctx.json,
		taskType: 'regeneration',
		callbackUrl,
	});
	ctx.entry.billable = true;
	ctx.entry.jobId = task.taskId;
	return v2Json(ctx.traceId, { task_id: task.taskId });
}

export const videoV2TaskRoutes: Route[] = [
	{ method: 'GET', path: '/v2/query/video_generation', body: 'none', handle: v2Route(list) },
	{ method: 'DELETE', path: '/v2/video_generation/*', body: 'none', handle: v2Route(remove) },
	{ method: 'POST', path: '/v2/video_regeneration', body: 'json', handle: v2Route(regenerate) },
];
