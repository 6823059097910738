import type {
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';

import { fetchVoices, type VoiceKind } from '../voices/api';

const KIND_LABEL: Record<VoiceKind, string> = {
	system: 'System',
	cloned: 'Cloned',
	designed: 'Designed',
};

/** List search for the Voice locator: system, cloned and designed voices (GET /v1/get_voice). */
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
