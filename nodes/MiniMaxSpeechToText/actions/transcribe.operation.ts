import { updateDisplayOptions } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { fileSourceProperties } from '../../shared/descriptions/fileSource';
import {
	concurrencyOption,
	maxRateLimitWaitOption,
	maxRetriesOption,
	requestsPerMinuteOption,
	retryDelayOption,
} from '../../shared/descriptions/options';
import { FILE_CONTENT_TIMEOUT_MS } from '../../shared/transport/consts';
import { miniMaxRequest, type MiniMaxResponse } from '../../shared/transport/request';
import { streamedFilePart } from '../../shared/transport/upload';
import { InputValidator } from '../../shared/validation';
import { LANGUAGE_OPTIONS } from '../helpers/languages';
import { readMediaInput } from '../helpers/mediaInput';
import { transcriptFiles, type ExtraFile } from '../helpers/outputFiles';
import { readTranscript } from '../helpers/transcript';

/** The speech-to-text model (docs/minimax-api.md §17.1). */
export const ASR_MODEL = 'asr-1.0';

const properties: INodeProperties[] = [
	...fileSourceProperties({
		source: {
			displayName: 'Audio or Video',
			name: 'mediaSource',
			binary: 'A file from an earlier node (e.g. Read/Write Files from Disk, HTTP Request)',
			url: 'A public link; n8n downloads it (without your API key) and uploads it to MiniMax',
			description:
				'The recording to transcribe: MP3, WAV, FLAC, Ogg, WebM, MP4/M4A/MOV or AAC, at most 50 MB',
		},
		binary: {
			displayName: 'Input Binary Field',
			name: 'binaryPropertyName',
			what: 'the audio or video',
			description: 'The audio or video file to transcribe',
		},
		url: {
			displayName: 'Media URL',
			name: 'mediaUrl',
			placeholder: 'https://example.com/interview.mp3',
			description: 'Link to the audio or video file to transcribe',
		},
	}),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			concurrencyOption,
			{
				displayName: 'Extra Output Files',
				name: 'extraFiles',
				type: 'multiOptions',
				default: [],
				options: [
					{
						name: 'WebVTT Subtitles (.Vtt)',
						value: 'vtt',
						description: 'In the binary field subtitlesVtt',
					},
					{
						name: 'Raw Transcript JSON',
						value: 'json',
						description: "MiniMax's verbose JSON answer, in the binary field transcriptJson",
					},
				],
				description:
					'Files to add next to the SubRip subtitles (binary field subtitles), which are always returned',
			},
			{
				displayName: 'Language',
				name: 'language',
				type: 'options',
				default: '',
				options: LANGUAGE_OPTIONS,
				description:
					'The spoken language. Auto-Detect finds the main language and handles Chinese–English mixing; set it when you know it for better accuracy.',
			},
			maxRateLimitWaitOption,
			maxRetriesOption,
			requestsPerMinuteOption('speechToText'),
			retryDelayOption,
			{
				displayName: 'Speaker Count',
				name: 'speakerCount',
				type: 'number',
				default: 0,
				typeOptions: { minValue: 0, maxValue: 10, numberPrecision: 0 },
				description:
					'How many people speak, when you know it: 0 (let MiniMax decide) or 2 to 10; 1 is refused. Only used with Speaker Diarization on; any other value without it is refused.',
			},
			{
				displayName: 'Speaker Diarization',
				name: 'diarization',
				type: 'boolean',
				default: false,
				description:
					'Whether to tell speakers apart: each segment gets a speaker label (speaker_0, speaker_1, …), also shown in the subtitles',
			},
			{
				displayName: 'Timestamps',
				name: 'timestampLevel',
				type: 'options',
				default: 'sentence',
				options: [
					{ name: 'Per Sentence', value: 'sentence', description: 'One segment per sentence' },
					{
						name: 'Per Word',
						value: 'word',
						description:
							'One segment per word (per character in Chinese), e.g. for karaoke-style captions',
					},
				],
				description: 'How finely the segments and subtitles are timed',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { operation: ['transcribe'] } },
	properties,
);

interface TranscribeOptions {
	language?: string;
	timestampLevel: 'sentence' | 'word';
	diarization: boolean;
	speakerCount?: number;
	extras: ExtraFile[];
}

function readOptions(check: InputValidator, options: IDataObject): TranscribeOptions {
	// Codes are lower case in MiniMax's list; an expression's "EN " means en.
	const language = String(options.language ?? '')
		.trim()
		.toLowerCase();
	if (language && !LANGUAGE_OPTIONS.some((option) => option.value === language)) {
		check.fail(
			'Language',
			`"${language}" is not a language MiniMax transcribes`,
			`Use one of: ${LANGUAGE_OPTIONS.filter((o) => o.value)
				.map((o) => `${o.value} (${o.name})`)
				.join(', ')}; or leave it empty to auto-detect.`,
		);
	}
	const diarization = check.boolean('Speaker Diarization', options.diarization);
	let speakerCount: number | undefined;
	const rawCount = options.speakerCount;
	// 0 (also "0" from an expression) = let MiniMax decide.
	if (rawCount !== undefined && rawCount !== null && rawCount !== '' && Number(rawCount) !== 0) {
		speakerCount = check.number('Speaker Count', rawCount, {
			min: 2,
			max: 10,
			integer: true,
		});
		if (!diarization)
			check.fail(
				'Speaker Count',
				'it only applies with Speaker Diarization on; turn that on or set 0',
			);
	}
	const extras = (Array.isArray(options.extraFiles) ? options.extraFiles : []).map((value) =>
		check.oneOf('Extra Output Files', value, ['vtt', 'json'] as const),
	);
	const timestampLevel = check.oneOf('Timestamps', options.timestampLevel ?? 'sentence', [
		'sentence',
		'word',
	] as const);
	return { language: language || undefined, timestampLevel, diarization, speakerCount, extras };
}

/**
 * Transcribe: POST /v1/speech_to_text (multipart, model asr-1.0, response_format verbose_json, the
 * language also as a `language` header;
 * docs/minimax-api.md §17.1, https://platform.minimax.io/docs/guides/speech-to-text) with the
 * audio or video streamed from n8n's binary storage. Every input check (source, size ≤ 50 MB, not
 * empty, known container, options) runs before the call. One request per item, billed by MiniMax;
 * it is retried only when MiniMax proves it did not do the work (rate limit, refused connection).
 * Output: `{text, language, durationSeconds, segments: [{start, end, text, speaker}], …}` plus the
 * subtitle files (outputFiles.ts).
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const check = new InputValidator(this.getNode(), itemIndex);
	const options = readOptions(
		check,
		this.getNodeParameter('options', itemIndex, {}) as IDataObject,
	);
	const media = await readMediaInput(this, itemIndex, check);

	const form = new FormData();
	form.append('model', ASR_MODEL);
	form.append('response_format', 'verbose_json');
	if (options.language) form.append('language', options.language);
	if (options.timestampLevel === 'word') form.append('timestamp_level', 'word');
	if (options.diarization) form.append('diarization', 'true');
	if (options.speakerCount) form.append('speaker_count', String(options.speakerCount));
	// Appended without a file-name argument: FormData would otherwise copy the part into memory.
	form.append('file', streamedFilePart(media.file));

	const { body, traceId } = (await miniMaxRequest.call(this, {
		method: 'POST',
		path: '/v1/speech_to_text',
		body: form,
		createsJob: true,
		// The guide and independent clients pass the language as a header; the reference lists a
		// form field. Both are sent, with the same value.
		headers: options.language ? { language: options.language } : undefined,
		itemIndex,
		timeoutMs: FILE_CONTENT_TIMEOUT_MS,
	})) as MiniMaxResponse<IDataObject>;
	const transcript = readTranscript(body, options.language);
	const binary = await transcriptFiles(this, transcript, body, media.sourceName, options.extras);
	const json: IDataObject = {
		text: transcript.text,
		language: transcript.language,
		durationSeconds: transcript.durationSeconds,
		segments: transcript.segments,
		...(transcript.speakers !== undefined ? { speakers: transcript.speakers } : {}),
		model: ASR_MODEL,
		fileName: media.file.fileName,
		fileSize: media.file.size,
		...(traceId ? { traceId } : {}),
	};
	return [{ json, binary, pairedItem: { item: itemIndex } }];
}
