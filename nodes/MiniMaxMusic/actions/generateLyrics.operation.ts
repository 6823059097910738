import { updateDisplayOptions } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { slugFromText, toOutputBinary } from '../../shared/media/binary';
import { miniMaxApiError } from '../../shared/transport/errors';
import { outputFieldOption, readCommonOptions } from '../../shared/descriptions/options';
import { miniMaxRequest, type MiniMaxResponse } from '../../shared/transport/request';
import { InputValidator } from '../../shared/validation';
import { musicRequestOptions } from '../helpers/musicOptions';
import { lyricsLineCount, optionalText, requiredText } from '../helpers/songText';
import { GENERATION_TIMEOUT_MS } from '../../shared/transport/consts';

/** docs/minimax-api.md §17.3: prompt ≤ 2000 characters, lyrics to edit ≤ 3500 (CONFIRMED). */
const PROMPT_LIMIT = { min: 1, max: 2000 };
const LYRICS_LIMIT = { min: 1, max: 3500 };

type LyricsMode = 'writeFullSong' | 'edit';

/** The Mode option values and the `mode` MiniMax expects for each. */
const API_MODES: Record<LyricsMode, string> = { writeFullSong: 'write_full_song', edit: 'edit' };

const properties: INodeProperties[] = [
	{
		displayName: 'Mode',
		name: 'lyricsMode',
		type: 'options',
		default: 'writeFullSong',
		options: [
			{
				name: 'Write Full Song',
				value: 'writeFullSong',
				description: 'New lyrics with structure tags, written from the prompt',
			},
			{
				name: 'Edit Lyrics',
				value: 'edit',
				description: 'Rewrite or continue the lyrics you give, following the prompt',
			},
		],
	},
	{
		displayName: 'Prompt',
		name: 'prompt',
		type: 'string',
		default: '',
		required: true,
		typeOptions: { rows: 3 },
		placeholder: 'e.g. An upbeat pop song about a summer road trip with friends',
		description: 'What the song is about, its mood and style, up to 2,000 characters',
		displayOptions: { show: { lyricsMode: ['writeFullSong'] } },
	},
	{
		displayName: 'Lyrics',
		name: 'lyrics',
		type: 'string',
		default: '',
		required: true,
		typeOptions: { rows: 8 },
		placeholder: '[Verse]\nWe met under summer skies\n[Chorus]\nStay with me tonight',
		description: 'The lyrics to rewrite or continue, up to 3,500 characters',
		displayOptions: { show: { lyricsMode: ['edit'] } },
	},
	{
		displayName: 'Instructions',
		name: 'prompt',
		type: 'string',
		default: '',
		typeOptions: { rows: 3 },
		placeholder: 'e.g. Add a bridge about distance and make the last chorus bigger',
		description:
			'How to change the lyrics, up to 2,000 characters. Leave empty to let MiniMax polish or continue them.',
		displayOptions: { show: { lyricsMode: ['edit'] } },
	},
	{
		displayName: 'Title',
		name: 'title',
		type: 'string',
		default: '',
		description:
			'A song title to keep; leave empty to let MiniMax name the song. MiniMax publishes no length limit for it, so its length is not checked before the call: a title MiniMax finds too long comes back as its error.',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: musicRequestOptions([outputFieldOption]),
	},
];

export const description = updateDisplayOptions(
	{ show: { operation: ['generateLyrics'] } },
	properties,
);

interface WrittenLyrics {
	lyrics?: string;
	song_title?: string;
	title?: string;
	style_tags?: string | string[];
}

/**
 * POST /v1/lyrics_generation (docs/minimax-api.md §17.3): `{mode: "write_full_song", prompt}` writes
 * a song; `{mode: "edit", lyrics, prompt?}` rewrites given lyrics; `title` (optional) is kept.
 * Prompt ≤ 2000 and lyrics ≤ 3500 characters are checked before the call. Answers are read
 * defensively: the fields at the top level or under `data`, style tags as text or a list, title and
 * tags possibly absent. The title's length has no published limit and is left to MiniMax. Output:
 * `lyrics`, `lyricsLines`, `title` and `styleTags` when MiniMax sent them, `mode` (the Mode
 * parameter's value, `writeFullSong` or `edit`, so it can feed another Generate Lyrics node), and
 * the lyrics as a .txt binary.
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const check = new InputValidator(this.getNode(), itemIndex);
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const common = readCommonOptions(options);
	const mode = check.oneOf(
		'Mode',
		this.getNodeParameter('lyricsMode', itemIndex, 'writeFullSong'),
		Object.keys(API_MODES) as LyricsMode[],
	);
	const rawPrompt = this.getNodeParameter('prompt', itemIndex, '');
	let prompt: string | undefined;
	let original: string | undefined;
	if (mode === 'edit') {
		original = requiredText(
			check,
			'Lyrics',
			this.getNodeParameter('lyrics', itemIndex, ''),
			LYRICS_LIMIT,
			'lyrics editing',
			'Edit Lyrics rewrites the lyrics you give',
		);
		prompt = optionalText(check, 'Instructions', rawPrompt, PROMPT_LIMIT, 'lyrics editing');
	} else {
		prompt = requiredText(
			check,
			'Prompt',
			rawPrompt,
			PROMPT_LIMIT,
			'lyrics generation',
			'the lyrics are written from it',
		);
	}
	const givenTitle =
		String(this.getNodeParameter('title', itemIndex, '') ?? '').trim() || undefined;

	const request: IDataObject = { mode: API_MODES[mode] };
	if (original !== undefined) request.lyrics = original;
	if (prompt !== undefined) request.prompt = prompt;
	if (givenTitle) request.title = givenTitle;
	const { body, traceId } = (await miniMaxRequest.call(this, {
		method: 'POST',
		path: '/v1/lyrics_generation',
		body: request,
		itemIndex,
		createsJob: true,
		timeoutMs: GENERATION_TIMEOUT_MS,
	})) as MiniMaxResponse<WrittenLyrics & { data?: WrittenLyrics; trace_id?: string }>;
	const written: WrittenLyrics = { ...(body.data ?? {}), ...body };
	const lyrics = String(written.lyrics ?? body.data?.lyrics ?? '').trim();
	if (!lyrics)
		throw miniMaxApiError(this.getNode(), {
			message: 'MiniMax returned no lyrics',
			traceId,
			itemIndex,
		});
	const title =
		String(written.song_title ?? written.title ?? body.data?.song_title ?? '').trim() || givenTitle;
	const tags = written.style_tags ?? body.data?.style_tags;
	const styleTags = Array.isArray(tags) ? tags.join(', ') : tags ? String(tags) : undefined;

	const fileName = `${slugFromText(title ?? prompt ?? lyrics.split('\n')[0], 'lyrics')}.txt`;
	const binary = await toOutputBinary(this, Buffer.from(`${lyrics}\n`, 'utf8'), {
		fileName,
		mimeType: 'text/plain',
		extension: 'txt',
	});
	const json: IDataObject = {
		title,
		styleTags,
		lyrics,
		lyricsLines: lyricsLineCount(lyrics),
		fileName,
		mode,
		prompt,
		traceId: traceId ?? body.trace_id,
	};
	for (const key of Object.keys(json)) if (json[key] === undefined) delete json[key];
	return [{ json, binary: { [common.outputField]: binary }, pairedItem: { item: itemIndex } }];
}
