import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
	INodeProperties,
} from 'n8n-workflow';

import type { RetrySettings } from './retry';
import { DEFAULT_VOICE_ID } from './speech';
import { miniMaxRequest, type MiniMaxContext } from './transport';

export type VoiceKind = 'system' | 'cloned' | 'designed';

export interface VoiceInfo {
	voiceId: string;
	name: string;
	kind: VoiceKind;
	description: string[];
	createdTime?: string;
}

interface RawVoice {
	voice_id?: string;
	voice_name?: string;
	description?: string[] | string;
	created_time?: string;
}

const GROUPS: Array<{ key: string; kind: VoiceKind }> = [
	{ key: 'voice_cloning', kind: 'cloned' },
	{ key: 'voice_generation', kind: 'designed' },
	{ key: 'system_voice', kind: 'system' },
];

export const VOICE_TYPES = ['all', 'system', 'voice_cloning', 'voice_generation'] as const;

/** POST /v1/get_voice — the user's cloned and designed voices first, then the system voices. */
export async function fetchVoices(
	ctx: MiniMaxContext,
	voiceType: (typeof VOICE_TYPES)[number] = 'all',
	itemIndex?: number,
	retry?: RetrySettings,
): Promise<VoiceInfo[]> {
	const { body } = await miniMaxRequest.call(ctx, {
		method: 'POST',
		path: '/v1/get_voice',
		body: { voice_type: voiceType },
		itemIndex,
		retry,
	});
	const voices: VoiceInfo[] = [];
	for (const group of GROUPS) {
		const list = (body as IDataObject)[group.key];
		if (!Array.isArray(list)) continue;
		for (const raw of list as RawVoice[]) {
			if (!raw?.voice_id) continue;
			voices.push({
				voiceId: raw.voice_id,
				name: raw.voice_name || raw.voice_id,
				kind: group.kind,
				description: Array.isArray(raw.description) ? raw.description : raw.description ? [raw.description] : [],
				createdTime: raw.created_time,
			});
		}
	}
	return voices;
}

const KIND_LABEL: Record<VoiceKind, string> = { system: 'System', cloned: 'Cloned', designed: 'Designed' };

export async function searchVoices(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const voices = await fetchVoices(this, 'all');
	const needle = filter?.trim().toLowerCase();
	const results: INodeListSearchItems[] = voices
		.filter(
			(voice) =>
				!needle ||
				voice.voiceId.toLowerCase().includes(needle) ||
				voice.name.toLowerCase().includes(needle) ||
				KIND_LABEL[voice.kind].toLowerCase().includes(needle),
		)
		.map((voice) => ({
			name:
				voice.kind === 'system' && voice.name !== voice.voiceId
					? `${voice.name} (${voice.voiceId})`
					: `${KIND_LABEL[voice.kind]}: ${voice.name}`,
			value: voice.voiceId,
			description: voice.description.join(' '),
		}));
	return { results };
}

export function voiceLocator(overrides: Partial<INodeProperties> = {}): INodeProperties {
	return {
		displayName: 'Voice',
		name: 'voice',
		type: 'resourceLocator',
		default: { mode: 'list', value: DEFAULT_VOICE_ID },
		required: true,
		description: 'System voices, plus the voices you cloned or designed',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchVoices', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. English_expressive_narrator',
			},
		],
		...overrides,
	};
}

export type CustomVoiceType = 'voice_cloning' | 'voice_generation';

/** POST /v1/delete_voice — only cloned and designed voices can be deleted; their IDs cannot be reused. */
export async function deleteVoice(
	ctx: MiniMaxContext,
	voiceType: CustomVoiceType,
	voiceId: string,
	itemIndex: number,
	retry?: RetrySettings,
): Promise<{ voiceId: string; createdTime?: string; traceId?: string }> {
	const { body, traceId } = await miniMaxRequest.call(ctx, {
		method: 'POST',
		path: '/v1/delete_voice',
		body: { voice_type: voiceType, voice_id: voiceId },
		itemIndex,
		retry,
	});
	const createdTime = (body as IDataObject).created_time;
	return { voiceId, createdTime: createdTime === undefined ? undefined : String(createdTime), traceId };
}
