import { updateDisplayOptions } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { GENERATION_TIMEOUT_MS } from '../../shared/transport/consts';
import { miniMaxApiError } from '../../shared/transport/errors';
import { miniMaxRequest, type MiniMaxResponse } from '../../shared/transport/request';
import { InputValidator } from '../../shared/validation';
import { readCoverFeature, type CoverPreprocessReply } from '../helpers/coverFeature';
import { COVER_PREPROCESS_MODEL } from '../helpers/musicModels';
import { musicRequestOptions } from '../helpers/musicOptions';
import { readReferenceSong } from '../helpers/referenceAudio';
import { referenceSongProperties } from '../helpers/referenceProperties';
import { lyricsLineCount } from '../helpers/songText';

const properties: INodeProperties[] = [
	...referenceSongProperties(false),
	{
		displayName:
			'Edit the returned formattedLyrics (for example in a Set node), then run Cover Song with Reference Song "Prepared Cover (Feature ID)" and the coverFeatureId within 24 hours.',
		name: 'prepareCoverNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: musicRequestOptions(),
	},
];

export const description = updateDisplayOptions(
	{ show: { operation: ['prepareCover'] } },
	properties,
);

/**
 * POST /v1/music_cover_preprocess (docs/minimax-api.md §17.3) with `{model: "music-cover",
 * audio_base64 | audio_url}`. The reference is checked before the call like Cover Song's (≤ 50 MB,
 * MP3/WAV/M4A/FLAC, 6 s – 6 min when its length is readable; a URL is MiniMax's to judge). Output:
 * `coverFeatureId` (valid 24 h), `formattedLyrics` (with structure tags, ready to edit),
 * `structure` (structure_result parsed, or the raw text when it is not JSON), `audioDurationSeconds`
 * and the reference's facts. The call may be billed, so it is never re-sent after a timeout.
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const check = new InputValidator(this.getNode(), itemIndex);
	const reference = await readReferenceSong(this, itemIndex, check);

	const { body, traceId } = (await miniMaxRequest.call(this, {
		method: 'POST',
		path: '/v1/music_cover_preprocess',
		body: { model: COVER_PREPROCESS_MODEL, ...reference.body },
		itemIndex,
		createsJob: true,
		timeoutMs: GENERATION_TIMEOUT_MS,
	})) as MiniMaxResponse<CoverPreprocessReply>;
	const feature = readCoverFeature(body);
	if (!feature.coverFeatureId)
		throw miniMaxApiError(this.getNode(), {
			message: 'MiniMax returned no cover feature ID',
			traceId,
			itemIndex,
		});
	const seconds = feature.audioDurationSeconds ?? reference.durationSeconds;
	const json: IDataObject = {
		coverFeatureId: feature.coverFeatureId,
		coverFeatureIdValidFor: '24 hours',
		formattedLyrics: feature.formattedLyrics,
		lyricsLines:
			feature.formattedLyrics === undefined ? undefined : lyricsLineCount(feature.formattedLyrics),
		structure: feature.structure,
		audioDurationSeconds: seconds === undefined ? undefined : Math.round(seconds * 100) / 100,
		referenceFileName: reference.fileName,
		referenceFormat: reference.format,
		referenceUrl: reference.body.audio_url as string | undefined,
		traceId: traceId ?? body.trace_id,
	};
	for (const key of Object.keys(json)) if (json[key] === undefined) delete json[key];
	return [{ json, pairedItem: { item: itemIndex } }];
}
