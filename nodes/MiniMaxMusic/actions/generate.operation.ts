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
	INSTRUMENTAL_MODEL_IDS,
	LYRICS_OPTIMIZER_MODEL_IDS,
	LYRICS_TAGS,
	MUSIC_MODELS,
	musicModelRules,
	readModel,
} from '../helpers/musicModels';
import { deliveryBody, readDelivery, songOptions } from '../helpers/musicOptions';
import { requestSong, songItem } from '../helpers/song';
import { lyricsLineCount, optionalText, requiredText, songBaseName } from '../helpers/songText';

type Vocals = 'lyrics' | 'writeLyrics' | 'instrumental';

const properties: INodeProperties[] = [
	{
		displayName: 'Model',
		name: 'model',
		type: 'options',
		default: 'music-2.6',
		options: MUSIC_MODELS,
		description:
			'The music model; limits on prompt and lyrics differ per model. To use a model that is not listed, choose Expression and type its ID; MiniMax checks it.',
	},
	{
		displayName: 'Vocals',
		name: 'vocals',
		type: 'options',
		default: 'lyrics',
		options: [
			{
				name: 'Sing My Lyrics',
				value: 'lyrics',
				description: 'A song with vocals singing the lyrics below',
			},
			{
				name: 'Write Lyrics From the Prompt',
				value: 'writeLyrics',
				description:
					'MiniMax writes the lyrics from the prompt (lyrics optimizer; Music 2.5 and newer)',
			},
			{
				name: 'Instrumental (No Vocals)',
				value: 'instrumental',
				description: 'Music only (Music 3.0, 3.0 Free, 2.6, 2.6 Free and 2.5+)',
			},
		],
	},
	{
		displayName: 'Prompt',
		name: 'prompt',
		type: 'string',
		default: '',
		typeOptions: { rows: 3 },
		placeholder: 'e.g. Indie folk, melancholic, rainy night, acoustic guitar, warm male vocal',
		description:
			'Style, mood, instruments and scene. Music 2.x: up to 2,000 characters (required for instrumentals and written lyrics); Music 1.5: 10–300 characters, required; Music 01: up to 300.',
	},
	{
		displayName: 'Lyrics',
		name: 'lyrics',
		type: 'string',
		default: '',
		typeOptions: { rows: 8 },
		placeholder: '[Verse]\nStreetlights flicker on the empty road\n[Chorus]\nWalking home alone',
		displayOptions: { show: { vocals: ['lyrics'] } },
		description:
			'One line per sung line. Music 2.x: up to 3,500 characters; Music 1.5 and 01: 10–600.',
	},
	{
		displayName: `Structure the lyrics with tags on their own line: ${LYRICS_TAGS}. Put each tag on a line of its own (words after a tag on the same line may be dropped) and write tags plainly, without notes inside the brackets (those would be sung).`,
		name: 'lyricsNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { vocals: ['lyrics'] } },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: songOptions(),
	},
];

export const description = updateDisplayOptions({ show: { operation: ['generate'] } }, properties);

interface SongRequest {
	model: string;
	vocals: Vocals;
	prompt?: string;
	lyrics?: string;
}

/** Per-model rules, checked before the (billed) call. */
function readSongRequest(
	ctx: IExecuteFunctions,
	itemIndex: number,
	check: InputValidator,
): SongRequest {
	const model = readModel(check, ctx.getNodeParameter('model', itemIndex));
	const rules = musicModelRules(model);
	const vocals = check.oneOf('Vocals', ctx.getNodeParameter('vocals', itemIndex, 'lyrics'), [
		'lyrics',
		'writeLyrics',
		'instrumental',
	] as const);
	if (vocals === 'instrumental' && !rules.instrumental) {
		check.fail(
			'Vocals',
			`${model} cannot make instrumentals; use ${INSTRUMENTAL_MODEL_IDS.join(', ')}`,
			'With older models, write lyrics that contain only [Inst] or [Solo] sections instead.',
		);
	}
	if (vocals === 'writeLyrics' && !rules.lyricsOptimizer) {
		check.fail(
			'Vocals',
			`${model} cannot write lyrics; use ${LYRICS_OPTIMIZER_MODEL_IDS.join(', ')}, or the Generate Lyrics operation first`,
		);
	}
	const rawPrompt = ctx.getNodeParameter('prompt', itemIndex, '');
	const promptRequired = rules.prompt.required || vocals !== 'lyrics';
	const prompt = promptRequired
		? requiredText(
				check,
				'Prompt',
				rawPrompt,
				rules.prompt,
				model,
				vocals === 'lyrics'
					? `${model} needs a prompt`
					: 'instrumentals and written lyrics are made from the prompt',
			)
		: optionalText(check, 'Prompt', rawPrompt, rules.prompt, model);
	const lyrics =
		vocals === 'lyrics'
			? requiredText(
					check,
					'Lyrics',
					ctx.getNodeParameter('lyrics', itemIndex, ''),
					rules.lyrics,
					model,
					'a song with vocals needs lyrics (or choose Vocals › Write Lyrics From the Prompt or Instrumental)',
				)
			: undefined;
	return { model, vocals, prompt, lyrics };
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const check = new InputValidator(this.getNode(), itemIndex);
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const common = readCommonOptions(options);
	const song = readSongRequest(this, itemIndex, check);
	const delivery = readDelivery(check, options);

	const body: IDataObject = { model: song.model };
	if (song.prompt) body.prompt = song.prompt;
	if (song.lyrics) body.lyrics = song.lyrics;
	if (song.vocals === 'instrumental') body.is_instrumental = true;
	if (song.vocals === 'writeLyrics') body.lyrics_optimizer = true;
	Object.assign(body, deliveryBody(delivery));

	const { response, traceId } = await requestSong(this, itemIndex, body, delivery);
	const item = await songItem(
		this,
		itemIndex,
		response,
		delivery,
		{
			baseName: songBaseName(song.prompt, song.lyrics, 'song'),
			outputField: common.outputField,
			json: {
				model: song.model,
				instrumental: song.vocals === 'instrumental',
				lyricsWrittenByMiniMax: song.vocals === 'writeLyrics' ? true : undefined,
				lyricsLines: song.lyrics ? lyricsLineCount(song.lyrics) : undefined,
				prompt: song.prompt,
			},
		},
		traceId,
	);
	return [item];
}
