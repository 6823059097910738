import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import { miniMaxRequest, type MiniMaxResponse } from '../../shared/transport/request';

export interface GeneratedVideo {
	fileId: string;
	fileName: string;
	createdAt: number;
	bytes?: number;
}

/** GET /v1/files/list?purpose=video_generation, oldest first. */
export async function listGeneratedVideos(ctx: IPollFunctions): Promise<GeneratedVideo[]> {
	const { body } = (await miniMaxRequest.call(ctx, {
		method: 'GET',
		path: '/v1/files/list',
		qs: { purpose: 'video_generation' },
	})) as MiniMaxResponse<{ files?: IDataObject[] }>;
	return (body.files ?? [])
		.filter((file) => file && file.file_id !== undefined && file.file_id !== null)
		.map((file) => ({
			fileId: String(file.file_id),
			fileName: String(file.filename ?? 'output.mp4'),
			createdAt: Number(file.created_at ?? 0),
			bytes: Number(file.bytes) > 0 ? Number(file.bytes) : undefined,
		}))
		.sort((a, b) => a.createdAt - b.createdAt || a.fileId.localeCompare(b.fileId));
}

export interface PollCursor {
	initialized?: boolean;
	/** created_at (s) of the newest video already seen. */
	lastCreatedAt?: number;
	/** IDs seen with exactly that created_at, so videos of the same second are neither lost nor repeated. */
	idsAtLast?: string[];
}

/** The videos newer than the cursor, and the cursor after them. */
export function newSince(
	videos: GeneratedVideo[],
	cursor: PollCursor,
): { fresh: GeneratedVideo[]; next: PollCursor } {
	const last = cursor.lastCreatedAt ?? 0;
	const seen = new Set(cursor.idsAtLast ?? []);
	const fresh = videos.filter(
		(video) => video.createdAt > last || (video.createdAt === last && !seen.has(video.fileId)),
	);
	const newest = videos.length ? videos[videos.length - 1].createdAt : last;
	const nextLast = Math.max(last, newest);
	const idsAtNext = videos
		.filter((video) => video.createdAt === nextLast)
		.map((video) => video.fileId);
	return {
		fresh,
		next: {
			initialized: true,
			lastCreatedAt: nextLast,
			idsAtLast: nextLast === last ? [...new Set([...seen, ...idsAtNext])] : idsAtNext,
		},
	};
}
