import { updateDisplayOptions } from 'n8n-workflow';
import type {
	IBinaryKeyData,
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { slugFromText } from '../../shared/media/binary';
import { fetchSignedUrlBuffer } from '../../shared/transport/download';
import { readCommonOptions } from '../../shared/descriptions/options';
import {
	DEFAULT_SPEECH_MODEL,
	SPEECH_MODELS,
	SYNC_TEXT_LIMIT,
	ASYNC_TEXT_LIMIT,
} from '../../shared/descriptions/speech';
import { parseSubtitles } from '../../shared/media/subtitles';
import { InputValidator } from '../../shared/validation';
import { voiceLocator } from '../../shared/descriptions/voiceLocator';
import { createLongSpeechTask, waitForLongSpeech } from '../helpers/longSpeech';
import { longSpeechItem } from '../helpers/longSpeechItem';
import { addSubtitleBinaries, audioFileFor, item, speechJson } from '../helpers/output';
import { asyncBody, readSpeechSettings, syncBody, type SyncExtras } from '../helpers/requestBody';
import { generateOptions } from '../helpers/speechOptions';
import { synthesizeSync } from '../helpers/syncSpeech';

export const modelProperty: INodeProperties = {
	displayName: 'Model',
	name: 'model',
	type: 'options',
	default: DEFAULT_SPEECH_MODEL,
	options: SPEECH_MODELS,
	description: 'The speech model',
};

const properties: INodeProperties[] = [
	modelProperty,
	{
		displayName: 'Text',
		name: 'text',
		type: 'string',
		default: '',
		required: true,
		typeOptions: { rows: 4 },
		placeholder: 'Hello there.<#0.5#>Welcome to MiniMax.',
		description:
			'Up to 9,999 characters (longer texts use the long-text API, see Options). Insert a pause with &lt;#0.5#&gt; (seconds); speech 2.8 models understand tags like (laughs).',
	},
	voiceLocator(),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: generateOptions,
	},
];

export const description = updateDisplayOptions({ show: { operation: ['generate'] } }, properties);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const check = new InputValidator(this.getNode(), itemIndex);
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const common = readCommonOptions(options);
	const text = check.text('Text', this.getNodeParameter('text', itemIndex), {
		min: 1,
		max: ASYNC_TEXT_LIMIT,
	});
	const settings = readSpeechSettings(
		check,
		this.getNodeParameter('model', itemIndex),
		this.getNodeParameter('voice', itemIndex, '', { extractValue: true }),
		options,
	);
	const extras: SyncExtras = {
		stream: check.boolean('Stream Response', options.stream),
		outputFormat: options.audioDelivery === 'url' ? 'url' : 'hex',
		subtitles: check.boolean('Return Subtitles', options.subtitles),
		subtitleType: check.oneOf('Subtitle Granularity', options.subtitleType ?? 'sentence', [
			'sentence',
			'word',
		]),
		watermark: check.boolean('AIGC Watermark', options.aigcWatermark),
	};

	if ([...text].length > SYNC_TEXT_LIMIT) {
		if (options.longText === 'error') {
			check.fail(
				'Text',
				`it has ${[...text].length.toLocaleString('en-US')} characters, the maximum for one request is ${SYNC_TEXT_LIMIT.toLocaleString('en-US')}`,
				'Set Options › Long Texts to "Use the Long-Text API", or use the Generate Long Speech operation.',
			);
		}
		if (settings.mix)
			check.fail(
				'Voice Mixing',
				'it is not available for texts over 9,999 characters (the long-text API has no voice mixing)',
			);
		const task = await createLongSpeechTask(this, itemIndex, asyncBody({ text }, settings));
		const done = await waitForLongSpeech(this, itemIndex, task.taskId, common.poll);
		return [
			await longSpeechItem(this, itemIndex, {
				taskId: task.taskId,
				fileId: done.fileId ?? task.fileId ?? '',
				outputField: common.outputField,
				includeSubtitles: extras.subtitles,
				settings,
				text,
				extraJson: { charactersBilled: task.usageCharacters },
			}),
		];
	}

	if (extras.stream && settings.format === 'wav')
		check.fail('Format', 'WAV is not available with Stream Response; choose MP3, FLAC or PCM');
	if (extras.stream && extras.subtitles)
		check.fail('Return Subtitles', 'subtitles are not available with Stream Response');

	const file = audioFileFor(text, settings);
	const idleTimeoutMs = Math.round(
		check.number('Stream Idle Timeout (Seconds)', options.idleTimeoutSeconds ?? 120, {
			min: 0,
			minExclusive: true,
			max: 3600,
		}) * 1000,
	);
	const result = await synthesizeSync(
		this,
		itemIndex,
		syncBody(text, settings, extras),
		file,
		idleTimeoutMs,
	);
	const binary: IBinaryKeyData = { [common.outputField]: result.audio };
	let subtitleCount: number | undefined;
	if (extras.subtitles && result.subtitleUrl) {
		const subtitleText = await fetchSignedUrlBuffer(this, {
			url: result.subtitleUrl,
			itemIndex,
			what: 'the subtitles',
		});
		const entries = parseSubtitles(subtitleText.toString('utf8'));
		subtitleCount = entries.length;
		await addSubtitleBinaries(this, binary, entries, slugFromText(text, 'speech'));
	}
	const json = speechJson(
		{
			format: settings.format,
			fileName: file.fileName,
			audioBytes: result.audioBytes,
			extraInfo: result.extraInfo,
			settings,
		},
		{
			mode: extras.stream ? 'stream' : 'sync',
			traceId: result.traceId,
			audioUrl: result.audioUrl,
			audioUrlValidFor: result.audioUrl ? '24 hours' : undefined,
			subtitleCount,
		},
	);
	return [item(json, binary, itemIndex)];
}
