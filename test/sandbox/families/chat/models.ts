import type { FamilyState, SandboxState } from '../../core/state';
import { rawReply, textReply, type Reply } from '../../http/reply';
import type { Route, RouteContext } from '../../http/routes';
import { NATIVE_CHAT_MODELS, OPENAI_CHAT_MODELS } from './request';

/**
 * `GET /v1/models` (docs/minimax-api.md §17.4): an OpenAI-style list
 * `{object: "list", data: [{id, object: "model", created, owned_by}]}`, without `base_resp`.
 * Modes (`modelsStore(state).mode`), from public reports of the live service:
 * - `current` (default): every chat model the sandbox serves;
 * - `lagging`: the 7-model list reported while newer models were already served (no M3, M3.1);
 * - `extra`: current plus an id no release knows yet and non-chat ids (speech, video, embeddings);
 * - `http_404` (the route missing, as in March 2026), `http_500`, `garbage` (HTML on HTTP 200),
 *   `no_data` (JSON without a `data` list).
 */
export type ModelsMode =
	| 'current'
	| 'lagging'
	| 'extra'
	| 'http_404'
	| 'http_500'
	| 'garbage'
	| 'no_data';

/** An id only `extra` mode lists: a model newer than any built-in list. */
export const UNRELEASED_MODEL = 'MiniMax-M3.5-Preview';

const LAGGING = [
	'MiniMax-M2.7',
	'MiniMax-M2.7-highspeed',
	'MiniMax-M2.5',
	'MiniMax-M2.5-highspeed',
	'MiniMax-M2.1',
	'MiniMax-M2.1-highspeed',
	'MiniMax-M2',
];

class ModelsStore implements FamilyState {
	mode: ModelsMode = 'current';
	reset(): void {
		this.mode = 'current';
	}
	settle(): void {}
}

export function modelsStore(state: SandboxState): ModelsStore {
	return state.family('models', () => new ModelsStore());
}

function ids(mode: ModelsMode): string[] {
	const current = [...new Set<string>([...OPENAI_CHAT_MODELS, ...NATIVE_CHAT_MODELS])];
	if (mode === 'lagging') return LAGGING;
	if (mode === 'extra')
		return [...current, UNRELEASED_MODEL, 'speech-2.8-hd', 'MiniMax-Hailuo-02', 'embo-01'];
	return current;
}

function listModels(ctx: RouteContext): Reply {
	const { mode } = modelsStore(ctx.env.state);
	if (mode === 'http_404') return textReply(404, '404 page not found');
	if (mode === 'http_500') return textReply(500, 'internal server error');
	if (mode === 'garbage')
		return rawReply(200, 'text/html', Buffer.from('<html><body>Service Unavailable</body></html>'));
	const created = 1_767_225_600;
	const body =
		mode === 'no_data'
			? { object: 'list', models: 'unavailable' }
			: {
					object: 'list',
					data: ids(mode).map((id) => ({ id, object: 'model', created, owned_by: 'minimax' })),
				};
	return rawReply(200, 'application/json', Buffer.from(JSON.stringify(body)), {
		'trace-id': ctx.traceId,
	});
}

export const modelRoutes: Route[] = [
	{ method: 'GET', path: '/v1/models', body: 'none', handle: listModels },
];
