import { updateDisplayOptions } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { slugFromText, toOutputBinary } from '../../shared/media/binary';
import { miniMaxApiError } from '../../shared/transport/errors';
import {
	concurrencyOption,
	maxRateLimitWaitOption,
	maxRetriesOption,
	outputFieldOption,
	readCommonOptions,
	requestsPerMinuteOption,
	retryDelayOption,
} from '../../shared/descriptions/options';
import { miniMaxRequest, type MiniMaxResponse } from '../../shared/transport/request';
import { InputValidator } from '../../shared/validation';
import { lyricsLineCount, requiredText } from '../helpers/songText';
import { GENERATION_TIMEOUT_MS } from '../../shared/transport/consts';

const PROMPT_LIMIT = { min: 1, max: 2000 };

const properties: INodeProperties[] = [
	{
		displayName: 'Prompt',
		name: 'prompt',
		type: 'string',
		default: '',
		required: true,
		typeOptions: { rows: 3 },
		placeholder: 'e.g. An upbeat pop song about a summer road trip with friends',
		description: 'What the song is about, its mood and style, up to 2,000 characters',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			concurrencyOption,
			maxRateLimitWaitOption,
			maxRetriesOption,
			outputFieldOption,
			requestsPerMinuteOption('music'),
			retryDelayOption,
		],
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
 * POST /v1/lyrics_generation with {mode: "write_full_song", prompt} — the request MiniMax's own CLI
 * sends (docs/minimax-api.md marks the endpoint UNCERTAIN). Answers are read defensively: the fields at the
 * top level or under `data`, style tags as text or a list.
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const check = new InputValidator(this.getNode(), itemIndex);
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const common = readCommonOptions(options);
	const prompt = requiredText(
		check,
		'Prompt',
		this.getNodeParameter('prompt', itemIndex, ''),
		PROMPT_LIMIT,
		'lyrics generation',
		'the lyrics are written from it',
	);

	const { body, traceId } = (await miniMaxRequest.call(this, {
		method: 'POST',
		path: '/v1/lyrics_generation',
		body: { mode: 'write_full_song', prompt },
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
		String(written.song_title ?? written.title ?? body.data?.song_title ?? '').trim() || undefined;
	const tags = written.style_tags ?? body.data?.style_tags;
	const styleTags = Array.isArray(tags) ? tags.join(', ') : tags ? String(tags) : undefined;

	const fileName = `${slugFromText(title ?? prompt, 'lyrics')}.txt`;
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
		prompt,
		traceId: traceId ?? body.trace_id,
	};
	for (const key of Object.keys(json)) if (json[key] === undefined) delete json[key];
	return [{ json, binary: { [common.outputField]: binary }, pairedItem: { item: itemIndex } }];
}
