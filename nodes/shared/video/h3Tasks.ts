import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { miniMaxRequest, type MiniMaxResponse } from '../transport/request';
import { h3TaskOf, type H3TaskStatus } from './h3';

/**
 * Managing MiniMax-H3 (v2) tasks, docs/minimax-api.md §17.2: the paged task list and cancel/delete.
 * Reference: platform.minimax.io/docs/api-reference/video-generation-v2-list and -delete.
 */

/** MiniMax pages the list by at most 100 tasks. */
export const H3_LIST_PAGE_SIZE = 100;
/** Never page further than this many pages (10,000 tasks), whatever `total` says. */
const MAX_PAGES = 100;

/**
 * `GET /v2/query/video_generation?page_num=&page_size=` page by page (newest first) until `keep`
 * has collected `limit` tasks or the list ends. `keep` filters locally (e.g. by status).
 * Answers `{items: [task…], total}`; `tasks`, `data` and `data.items` are read too.
 */
export async function listH3Tasks(
	ctx: IExecuteFunctions,
	itemIndex: number,
	limit: number,
	keep: (task: H3TaskStatus) => boolean,
): Promise<H3TaskStatus[]> {
	const found: H3TaskStatus[] = [];
	for (let page = 1; page <= MAX_PAGES && found.length < limit; page++) {
		const { body } = (await miniMaxRequest.call(ctx, {
			method: 'GET',
			path: '/v2/query/video_generation',
			qs: { page_num: page, page_size: H3_LIST_PAGE_SIZE },
			itemIndex,
		})) as MiniMaxResponse<IDataObject>;
		const data = body.data as IDataObject | IDataObject[] | undefined;
		const items = (body.items ??
			body.tasks ??
			(Array.isArray(data) ? data : (data?.items ?? data?.tasks)) ??
			[]) as IDataObject[];
		for (const item of items) {
			const task = h3TaskOf((item.task as IDataObject | undefined) ?? item);
			if (keep(task) && found.length < limit) found.push(task);
		}
		const total = Number(body.total ?? (data as IDataObject | undefined)?.total);
		const seen = (page - 1) * H3_LIST_PAGE_SIZE + items.length;
		if (items.length < H3_LIST_PAGE_SIZE || (Number.isFinite(total) && seen >= total)) break;
	}
	return found;
}

/** `DELETE /v2/video_generation/{task_id}`: cancels a queued task or deletes a finished one's record. */
export async function deleteH3Task(
	ctx: IExecuteFunctions,
	itemIndex: number,
	taskId: string,
): Promise<IDataObject> {
	const { body } = (await miniMaxRequest.call(ctx, {
		method: 'DELETE',
		path: `/v2/video_generation/${encodeURIComponent(taskId)}`,
		itemIndex,
	})) as MiniMaxResponse<IDataObject>;
	return body ?? {};
}
