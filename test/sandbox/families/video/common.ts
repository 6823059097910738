import { ApiError, CODES, invalidParams } from '../../http/errors';
import type { RouteContext } from '../../http/routes';
import type { Fields, JsonObject } from '../../http/validate';
import type { ImageInfo } from './images';
import { videoStore } from './store';

/** Request checks shared by the v1, template and v2 video routes. */

export function rejectUnknownFields(json: JsonObject, allowed: readonly string[]): void {
	const unknown = Object.keys(json).filter((key) => !allowed.includes(key));
	if (unknown.length)
		throw invalidParams(unknown[0], `unknown field (allowed: ${allowed.join(', ')})`);
}

export function readCallbackUrl(json: Fields): string | undefined {
	const url = json.string('callback_url');
	if (url !== undefined && !/^https?:\/\/\S+$/i.test(url))
		throw invalidParams('callback_url', `must be an http(s) URL, got "${url}"`);
	return url;
}

/**
 * In checkCallbackOnCreate mode, the create request sends the challenge itself and fails like the
 * live service when it is not echoed within the challenge timeout (docs/minimax-api.md §17.2). Returns whether
 * the handshake already happened.
 */
export async function checkCallbackOnCreate(
	ctx: RouteContext,
	url: string | undefined,
): Promise<boolean> {
	const store = videoStore(ctx.env.state);
	if (!url || !store.checkCallbackOnCreate) return false;
	if (!(await store.checkCallback(url)))
		throw new ApiError(CODES.invalidParams, 'invalid params, fail to check callback url');
	return true;
}

/** Output aspect: a frame image's own (clamped to 2:5–5:2, as MiniMax requires), else 16:9. */
export function aspectOf(image: ImageInfo | undefined): number {
	if (!image) return 16 / 9;
	return Math.min(5 / 2, Math.max(2 / 5, image.width / image.height));
}

export function taskIdParam(ctx: RouteContext): string {
	const raw = ctx.query.task_id;
	if (raw === undefined || raw === '') throw invalidParams('task_id', 'is required');
	if (!/^\d+$/.test(raw)) throw invalidParams('task_id', `must be a numeric string, got "${raw}"`);
	ctx.entry.jobId = raw;
	return raw;
}
