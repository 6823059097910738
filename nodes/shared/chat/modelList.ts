import { CHAT_MODELS, type ChatModelInfo } from './models';

/** One entry of a model picker: the built-in list merged with what `GET /v1/models` lists. */
export interface ChatModelEntry {
	id: string;
	/** The label shown in the picker ("MiniMax-M2 (legacy)", "MiniMax-M1 (native API)"). */
	name: string;
	description: string;
	/** Listed by the account's `GET /v1/models` answer. */
	listed: boolean;
	legacy: boolean;
}

/**
 * Ids `GET /v1/models` may list that are not chat models (speech, video, image, music, embeddings,
 * speech to text): they never belong in a chat model picker.
 */
const NOT_CHAT = /^(speech-|video-|image-|music-|embo-|asr-|voice-)|hailuo|^minimax-h\d|^[tis]2v-/i;

/** The chat model ids of a `GET /v1/models` body (OpenAI-style `{data: [{id}]}`); undefined when it has none. */
export function listedModelIds(body: unknown): string[] | undefined {
	const data = (body as { data?: unknown } | null | undefined)?.data;
	if (!Array.isArray(data)) return undefined;
	const ids = data
		.map((entry) => (entry as { id?: unknown } | null)?.id)
		.filter((id): id is string => typeof id === 'string' && id.trim() !== '')
		.map((id) => id.trim())
		.filter((id) => id.length <= 100 && !NOT_CHAT.test(id));
	return ids;
}

function labelOf(info: { id: string; native?: boolean; legacy?: boolean }): string {
	if (info.legacy) return `${info.id} (legacy)`;
	if (info.native) return `${info.id} (native API)`;
	return info.id;
}

/**
 * The picker list (docs/minimax-api.md §17.4): every built-in model (the live list may lag, so a
 * model missing from it stays), then the ids only the live list knows (new models, in its order),
 * legacy models last. Ids compare case-insensitively; `listed` is undefined when the call failed.
 */
export function mergeChatModels(
	listed: string[] | undefined,
	builtIn: ChatModelInfo[] = CHAT_MODELS,
): ChatModelEntry[] {
	const live = new Set((listed ?? []).map((id) => id.toLowerCase()));
	const known = new Set(builtIn.map((info) => info.id.toLowerCase()));
	const entry = (info: ChatModelInfo): ChatModelEntry => ({
		id: info.id,
		name: labelOf(info),
		description: info.description,
		listed: live.has(info.id.toLowerCase()),
		legacy: info.legacy === true,
	});
	const seen = new Set<string>();
	const extra: ChatModelEntry[] = [];
	for (const id of listed ?? []) {
		const key = id.toLowerCase();
		if (known.has(key) || seen.has(key)) continue;
		seen.add(key);
		extra.push({
			id,
			name: id,
			description: 'Listed by MiniMax for this account (GET /v1/models)',
			listed: true,
			legacy: false,
		});
	}
	const current = builtIn.filter((info) => !info.legacy).map(entry);
	const legacy = builtIn.filter((info) => info.legacy).map(entry);
	return [...current, ...extra, ...legacy];
}
