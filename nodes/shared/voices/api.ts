import type { IDataObject } from 'n8n-workflow';

import { miniMaxRequest, type MiniMaxContext } from '../transport/request';

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
): Promise<VoiceInfo[]> {
	const { body } = await miniMaxRequest.call(ctx, {
		method: 'POST',
		path: '/v1/get_voice',
		body: { voice_type: voiceType },
		itemIndex,
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
				description: Array.isArray(raw.description)
					? raw.description
					: raw.description
						? [raw.description]
						: [],
				createdTime: raw.created_time,
			});
		}
	}
	return voices;
}

export type CustomVoiceType = 'voice_cloning' | 'voice_generation';

/** POST /v1/delete_voice — only cloned and designed voices can be deleted; their IDs cannot be reused. */
export async function deleteVoice(
	ctx: MiniMaxContext,
	voiceType: CustomVoiceType,
	voiceId: string,
	itemIndex: number,
): Promise<{ voiceId: string; createdTime?: string; traceId?: string }> {
	const { body, traceId } = await miniMaxRequest.call(ctx, {
		method: 'POST',
		path: '/v1/delete_voice',
		body: { voice_type: voiceType, voice_id: voiceId },
		itemIndex,
	});
	const createdTime = (body as IDataObject).created_time;
	return {
		voiceId,
		createdTime: createdTime === undefined ? undefined : String(createdTime),
		traceId,
	};
}
