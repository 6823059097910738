/**
 * Chat models (docs/minimax-api.md §11, §17.4). The OpenAI-compatible endpoint serves the M2/M3
 * family; M1 and Text-01 only the native one. M2 and M2.1 are legacy: listed, never the default.
 * The model pickers merge this list with `GET /v1/models` (chat/modelList.ts).
 */
export interface ChatModelInfo {
	id: string;
	description: string;
	native?: boolean;
	/** Still served, no longer recommended (labelled "legacy" in the pickers). */
	legacy?: boolean;
}

export const CHAT_MODELS: ChatModelInfo[] = [
	{
		id: 'MiniMax-M3',
		description:
			'Newest flagship model, long context; the only one reported to accept JSON response formats',
	},
	{
		id: 'MiniMax-M3.1-Flash-Preview',
		description: 'Preview: fast M3.1 model, 1,000,000-token context, tunable thinking depth',
	},
	{ id: 'MiniMax-M2.7', description: 'Strong general and coding model' },
	{ id: 'MiniMax-M2.7-highspeed', description: 'M2.7, faster output' },
	{ id: 'MiniMax-M2.5', description: 'Previous generation' },
	{ id: 'MiniMax-M2.5-highspeed', description: 'M2.5, faster output' },
	{ id: 'MiniMax-M2.1', description: 'Earlier generation', legacy: true },
	{
		id: 'MiniMax-M2.1-highspeed',
		description: 'M2.1, faster output (formerly M2.1-lightning)',
		legacy: true,
	},
	{ id: 'MiniMax-M2', description: '204,800-token context', legacy: true },
	{ id: 'MiniMax-M1', description: 'Reasoning model, served by the native API only', native: true },
	{
		id: 'MiniMax-Text-01',
		description: 'Long-context text model, served by the native API only',
		native: true,
	},
];

export const DEFAULT_CHAT_MODEL = 'MiniMax-M2.7';

/**
 * The models of the native chat API's reference (docs/minimax-api.md §11.1), the endpoint every
 * batch request calls (§17.6): what a Create Batch picker offers. No "legacy" label here: they are
 * the batch endpoint's only models.
 */
export const BATCH_CHAT_MODELS: ChatModelInfo[] = [
	{ id: 'MiniMax-M2', description: 'Default for batches: 204,800-token context, reasoning' },
	{ id: 'MiniMax-M1', description: 'Reasoning model (reasoning in its own field)' },
	{ id: 'MiniMax-Text-01', description: 'Long-context text model' },
];

export const DEFAULT_BATCH_CHAT_MODEL = 'MiniMax-M2';

/**
 * Whether a built-in model is served only by the OpenAI-compatible API (§11.2 lists it, the
 * native reference §11.1 does not): M3, M2.7, M2.5, M2.1 and their variants. Unknown ids are not
 * (a model newer than this list may be served by both).
 */
export function isOpenAiOnlyModel(model: string): boolean {
	const key = model.trim().toLowerCase();
	if (BATCH_CHAT_MODELS.some((info) => info.id.toLowerCase() === key)) return false;
	return CHAT_MODELS.some((info) => info.id.toLowerCase() === key);
}

export type ChatApi = 'openai' | 'native';

export const CHAT_PATHS: Record<ChatApi, string> = {
	openai: '/v1/chat/completions',
	native: '/v1/text/chatcompletion_v2',
};

export function isNativeOnlyModel(model: string): boolean {
	return CHAT_MODELS.some((info) => info.native && info.id.toLowerCase() === model.toLowerCase());
}

/**
 * `response_format` is only reported as accepted on M3 (UNCERTAIN; not on M3.1 previews); elsewhere
 * JSON is asked in the prompt and checked here.
 */
export function acceptsResponseFormat(model: string): boolean {
	return /^minimax-m3(?![.\d])/i.test(model);
}

/** "auto" picks the native endpoint for the models only it serves. */
export function chatApiFor(model: string, choice: unknown): ChatApi {
	if (choice === 'openai' || choice === 'native') return choice;
	return isNativeOnlyModel(model) ? 'native' : 'openai';
}
