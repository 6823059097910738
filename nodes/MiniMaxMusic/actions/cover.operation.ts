import { updateDisplayOptions } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { readCommonOptions } from '../../shared/descriptions/options';
import { InputValidator } from '../../shared/validation';
import {
	COVER_LIMITS,
	COVER_MODELS,
	PREPARED_COVER_LYRICS_SEEN,
	readModel,
	UNCHECKED_COVER_LIMITS,
} from '../helpers/musicModels';
import { deliveryBody, readDelivery, songOptions } from '../helpers/musicOptions';
import { readReferenceSong, type ReferenceSong } from '../helpers/referenceAudio';
import { FEATURE_ID_SOURCE, referenceSongProperties } from '../helpers/referenceProperties';
import { requestSong, songItem } from '../helpers/song';
import { optionalText, requiredText, songBaseName } from '../helpers/songText';

const properties: INodeProperties[] = [
	{
		displayName: 'Model',
		name: 'model',
		type: 'options',
		default: 'music-cover',
		options: COVER_MODELS,
		description:
			'The cover model. To use a model that is not listed, choose Expression and type its ID; MiniMax checks it.',
	},
	...referenceSongProperties(true),
	{
		displayName: 'Prompt',
		name: 'prompt',
		type: 'string',
		default: '',
		required: true,
		typeOptions: { rows: 3 },
		placeholder: 'e.g. Jazz, slow, piano trio, smoky female vocal',
		description: 'The style of the cover, up to 2,000 characters',
	},
	{
		displayName: 'Lyrics',
		name: 'lyrics',
		type: 'string',
		default: '',
		typeOptions: { rows: 6 },
		displayOptions: { hide: { referenceSource: [FEATURE_ID_SOURCE] } },
		description:
			'New lyrics for the cover, up to 3,500 characters. Leave empty to keep the original words (MiniMax transcribes them).',
	},
	{
		displayName: 'Lyrics',
		name: 'lyrics',
		type: 'string',
		default: '',
		required: true,
		typeOptions: { rows: 6 },
		placeholder: 'e.g. {{ $json.formattedLyrics }}',
		displayOptions: { show: { referenceSource: [FEATURE_ID_SOURCE] } },
		description: `The lyrics to sing over the prepared cover (required): usually the formattedLyrics of Prepare Cover, edited. MiniMax has been seen to take ${PREPARED_COVER_LYRICS_SEEN} here and answers other lengths with its own error.`,
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: songOptions([
			{
				displayName: 'Seed',
				name: 'seed',
				type: 'number',
				default: 0,
				typeOptions: { minValue: 0, maxValue: 1_000_000, numberPrecision: 0 },
				description: 'A fixed seed (0–1,000,000) makes the same request give the same cover',
			},
		]),
	},
];

export const description = updateDisplayOptions({ show: { operation: ['cover'] } }, properties);

/**
 * POST /v1/music_generation with a cover model (docs/minimax-api.md §9, §17.3): the reference as
 * `audio_base64` (an input binary, checked first: ≤ 50 MB, MP3/WAV/M4A/FLAC, 6 s – 6 min when its
 * length is readable) or `audio_url`, or a prepared cover's `cover_feature_id` (from Prepare Cover)
 * with the lyrics to sing (required, non-empty; the 10–1000 characters MiniMax answers with are
 * UNCERTAIN in docs/minimax-api.md §9, so they are left to MiniMax). A listed model keeps its prompt ≤ 2000 / lyrics
 * ≤ 3500 checks; a typed id is sent as given. One song item, or a NodeOperationError naming the parameter before any call.
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const check = new InputValidator(this.getNode(), itemIndex);
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const common = readCommonOptions(options);
	const model = readModel(check, this.getNodeParameter('model', itemIndex));
	const limits = COVER_MODELS.some((option) => option.value === model)
		? COVER_LIMITS
		: UNCHECKED_COVER_LIMITS;
	const source = check.oneOf(
		'Reference Song',
		this.getNodeParameter('referenceSource', itemIndex, 'binary'),
		['binary', 'url', FEATURE_ID_SOURCE] as const,
	);
	const prompt = requiredText(
		check,
		'Prompt',
		this.getNodeParameter('prompt', itemIndex, ''),
		limits.prompt,
		model,
		'it describes the style of the cover',
	);
	const rawLyrics = this.getNodeParameter('lyrics', itemIndex, '');
	// A prepared cover has no words of its own to keep: the lyrics are required (docs/minimax-api.md §9).
	const lyrics =
		source === FEATURE_ID_SOURCE
			? requiredText(
					check,
					'Lyrics',
					rawLyrics,
					limits.lyrics,
					model,
					"a prepared cover sings the lyrics you give (usually Prepare Cover's formattedLyrics, edited)",
				)
			: optionalText(check, 'Lyrics', rawLyrics, limits.lyrics, model);
	const featureId =
		source === FEATURE_ID_SOURCE
			? check.id('Cover Feature ID', this.getNodeParameter('coverFeatureId', itemIndex, ''))
			: undefined;
	const delivery = readDelivery(check, options);
	const seed =
		options.seed === undefined || options.seed === ''
			? undefined
			: check.number('Seed', options.seed, { ...COVER_LIMITS.seed, integer: true });
	// The reference is read last: every cheap check fails before a large file is loaded.
	const reference: ReferenceSong = featureId
		? { body: { cover_feature_id: featureId } }
		: await readReferenceSong(this, itemIndex, check);

	const body: IDataObject = { model, prompt, ...reference.body };
	if (lyrics) body.lyrics = lyrics;
	if (seed !== undefined) body.seed = seed;
	Object.assign(body, deliveryBody(delivery));

	const { response, traceId } = await requestSong(this, itemIndex, body, delivery);
	const item = await songItem(
		this,
		itemIndex,
		response,
		delivery,
		{
			baseName: `${songBaseName(prompt, lyrics, 'song')}-cover`,
			outputField: common.outputField,
			json: {
				model,
				prompt,
				newLyrics: lyrics !== undefined,
				seed,
				referenceFileName: reference.fileName,
				referenceFormat: reference.format,
				referenceDurationSeconds:
					reference.durationSeconds === undefined
						? undefined
						: Math.round(reference.durationSeconds * 10) / 10,
				referenceUrl: reference.body.audio_url as string | undefined,
				coverFeatureId: featureId,
			},
		},
		traceId,
	);
	return [item];
}
