import { updateDisplayOptions } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { fileSourceProperties } from '../../shared/descriptions/fileSource';
import { readCommonOptions } from '../../shared/descriptions/options';
import { InputValidator } from '../../shared/validation';
import { COVER_LIMITS, COVER_MODELS } from '../helpers/musicModels';
import { deliveryBody, readDelivery, songOptions } from '../helpers/musicOptions';
import { readReferenceSong } from '../helpers/referenceAudio';
import { requestSong, songItem } from '../helpers/song';
import { optionalText, requiredText, songBaseName } from '../helpers/songText';

const properties: INodeProperties[] = [
	{
		displayName: 'Model',
		name: 'model',
		type: 'options',
		default: 'music-cover',
		options: COVER_MODELS,
		description: 'The cover model',
	},
	...fileSourceProperties({
		source: {
			displayName: 'Reference Song',
			name: 'referenceSource',
			binary: 'An MP3, WAV, M4A or FLAC file from an earlier node (sent inline)',
			url: 'A public link to the song; MiniMax downloads it (lighter for large files)',
			description: 'The song to cover: 6 s to 6 min, up to 50 MB',
		},
		binary: {
			displayName: 'Reference Song Field',
			name: 'binaryPropertyName',
			what: 'the song',
			description:
				'The song to cover (MP3, WAV, M4A or FLAC; 6 s to 6 min; up to 50 MB), sent inline',
		},
		url: {
			displayName: 'Reference Song URL',
			name: 'referenceUrl',
			placeholder: 'https://example.com/original.mp3',
			description: 'A public link to the song (6 s to 6 min, up to 50 MB)',
		},
	}),
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
		description:
			'New lyrics for the cover, up to 3,500 characters. Leave empty to keep the original words (MiniMax transcribes them).',
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

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const check = new InputValidator(this.getNode(), itemIndex);
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const common = readCommonOptions(options);
	const model = check.oneOf(
		'Model',
		this.getNodeParameter('model', itemIndex),
		COVER_MODELS.map((option) => String(option.value)),
	);
	const prompt = requiredText(
		check,
		'Prompt',
		this.getNodeParameter('prompt', itemIndex, ''),
		COVER_LIMITS.prompt,
		model,
		'it describes the style of the cover',
	);
	const lyrics = optionalText(
		check,
		'Lyrics',
		this.getNodeParameter('lyrics', itemIndex, ''),
		COVER_LIMITS.lyrics,
		model,
	);
	const delivery = readDelivery(check, options);
	const seed =
		options.seed === undefined || options.seed === ''
			? undefined
			: check.number('Seed', options.seed, { ...COVER_LIMITS.seed, integer: true });
	// The reference is read last: every cheap check fails before a large file is loaded.
	const reference = await readReferenceSong(this, itemIndex, check);

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
			},
		},
		traceId,
	);
	return [item];
}
