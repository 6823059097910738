import { updateDisplayOptions } from 'n8n-workflow';
import type {
	IBinaryKeyData,
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { fileSourceProperties } from '../../shared/descriptions/fileSource';
import { downloadSignedUrl } from '../../shared/transport/download';
import {
	concurrencyOption,
	maxRateLimitWaitOption,
	maxRetriesOption,
	outputFieldOption,
	readCommonOptions,
	requestsPerMinuteOption,
	retryDelayOption,
} from '../../shared/descriptions/options';
import {
	DEFAULT_SPEECH_MODEL,
	LANGUAGE_BOOST_OPTIONS,
	LANGUAGE_BOOSTS,
	SPEECH_MODEL_IDS,
	SPEECH_MODELS,
} from '../../shared/descriptions/speech';
import { miniMaxRequest, type MiniMaxResponse } from '../../shared/transport/request';
import { uploadFile } from '../../shared/transport/upload';
import { InputValidator } from '../../shared/validation';
import { audioFromBinary, audioFromUrl, type AudioFile } from '../helpers/audioInput';
import { generateVoiceId } from '../helpers/voiceId';
import { GENERATION_TIMEOUT_MS } from '../../shared/transport/consts';

const SOURCE_LIMITS = { minSeconds: 10, maxSeconds: 300.5, rule: '10 s to 5 min' };
const PROMPT_LIMITS = { maxSeconds: 8, rule: 'under 8 s' };
const VOICE_LIFETIME_DAYS = 7;

const properties: INodeProperties[] = [
	...fileSourceProperties({
		source: {
			displayName: 'Audio Source',
			name: 'audioSource',
			binary: 'An MP3, M4A or WAV file from an earlier node',
			url: 'A public link to an MP3, M4A or WAV file',
		},
		binary: {
			displayName: 'Input Binary Field',
			name: 'binaryPropertyName',
			what: 'the voice sample',
			description:
				'The voice sample to clone: 10 s to 5 min of clear speech, MP3/M4A/WAV, up to 20 MB',
		},
		url: {
			displayName: 'Audio URL',
			name: 'audioUrl',
			placeholder: 'https://example.com/sample.mp3',
			description:
				'A public link to the voice sample: 10 s to 5 min of clear speech, MP3/M4A/WAV, up to 20 MB',
		},
	}),
	{
		displayName: 'Voice ID',
		name: 'voiceId',
		type: 'string',
		default: '',
		placeholder: 'e.g. MyNarrator01',
		description:
			'The ID of the new voice: 8–256 characters, starting with a letter, letters, digits, - and _ only, not ending in - or _. Leave empty to generate one.',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Accuracy',
				name: 'accuracy',
				type: 'number',
				default: 0.7,
				typeOptions: { minValue: 0, maxValue: 1, numberPrecision: 2 },
				description: 'How closely the sample must match the Expected Transcript, from 0 to 1',
			},
			{
				displayName: 'AIGC Watermark',
				name: 'aigcWatermark',
				type: 'boolean',
				default: false,
				description: 'Whether to watermark the preview audio as AI-generated',
			},
			concurrencyOption,
			{
				displayName: 'Expected Transcript',
				name: 'expectedTranscript',
				type: 'string',
				default: '',
				typeOptions: { rows: 2 },
				description:
					'What is said in the sample (up to 200 characters); MiniMax checks the sample against it using Accuracy',
			},
			{
				displayName: 'Language Boost',
				name: 'languageBoost',
				type: 'options',
				default: '',
				options: [{ name: 'None', value: '' }, ...LANGUAGE_BOOST_OPTIONS],
			},
			maxRateLimitWaitOption,
			maxRetriesOption,
			{
				displayName: 'Noise Reduction',
				name: 'noiseReduction',
				type: 'boolean',
				default: false,
				description: 'Whether MiniMax removes background noise from the sample',
			},
			{
				displayName: 'Preview Model',
				name: 'model',
				type: 'options',
				default: DEFAULT_SPEECH_MODEL,
				options: SPEECH_MODELS,
				description: 'The speech model that speaks the preview text',
			},
			{
				displayName: 'Preview Text',
				name: 'previewText',
				type: 'string',
				default: '',
				typeOptions: { rows: 2 },
				description:
					'Up to 1,000 characters spoken with the new voice and returned as audio (billed like speech)',
			},
			{
				displayName: 'Prompt Audio Field',
				name: 'binaryPropertyNamePrompt',
				type: 'string',
				default: '',
				placeholder: 'e.g. prompt',
				hint: 'The name of the input field containing the binary file data of the prompt clip',
				description:
					'A short reference clip (under 8 s) that improves similarity; needs Prompt Transcript',
			},
			{
				displayName: 'Prompt Transcript',
				name: 'promptText',
				type: 'string',
				default: '',
				description: 'What is said in the prompt audio',
			},
			outputFieldOption,
			requestsPerMinuteOption('voiceCloning'),
			retryDelayOption,
			{
				displayName: 'Volume Normalization',
				name: 'volumeNormalization',
				type: 'boolean',
				default: false,
				description: 'Whether MiniMax evens out the loudness of the sample',
			},
		],
	},
];

export const description = updateDisplayOptions({ show: { operation: ['clone'] } }, properties);

interface CloneSettings {
	voiceId: string;
	previewText?: string;
	model: string;
	body: IDataObject;
	promptText?: string;
	promptField?: string;
}

function readSettings(
	ctx: IExecuteFunctions,
	itemIndex: number,
	check: InputValidator,
	options: IDataObject,
): CloneSettings {
	const rawId = check.textFrom('Voice ID', ctx.getNodeParameter('voiceId', itemIndex, '')).trim();
	const voiceId = rawId ? check.customVoiceId('Voice ID', rawId) : generateVoiceId('Voice');
	const previewText = options.previewText
		? check.text('Preview Text', options.previewText, { max: 1000 })
		: undefined;
	const model = check.oneOf(
		'Preview Model',
		options.model ?? DEFAULT_SPEECH_MODEL,
		SPEECH_MODEL_IDS,
	);
	const body: IDataObject = {
		voice_id: voiceId,
		need_noise_reduction: check.boolean('Noise Reduction', options.noiseReduction),
		need_volume_normalization: check.boolean('Volume Normalization', options.volumeNormalization),
	};
	if (options.expectedTranscript) {
		body.text_validation = check.text('Expected Transcript', options.expectedTranscript, {
			max: 200,
		});
		body.accuracy = check.number('Accuracy', options.accuracy ?? 0.7, { min: 0, max: 1 });
	}
	if (options.languageBoost)
		body.language_boost = check.oneOf('Language Boost', options.languageBoost, LANGUAGE_BOOSTS);
	if (check.boolean('AIGC Watermark', options.aigcWatermark)) body.aigc_watermark = true;
	if (previewText) {
		body.text = previewText;
		body.model = model;
	}
	const promptField = String(options.binaryPropertyNamePrompt ?? '').trim() || undefined;
	const promptText = String(options.promptText ?? '').trim() || undefined;
	if (promptField && !promptText)
		check.fail('Prompt Transcript', 'it is required when Prompt Audio Field is set');
	if (promptText && !promptField)
		check.fail('Prompt Audio Field', 'it is required when Prompt Transcript is set');
	return { voiceId, previewText, model, body, promptText, promptField };
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const check = new InputValidator(this.getNode(), itemIndex);
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const common = readCommonOptions(options);
	const settings = readSettings(this, itemIndex, check, options);

	// Every check on the audio happens before the first upload.
	const source: AudioFile =
		this.getNodeParameter('audioSource', itemIndex) === 'url'
			? await audioFromUrl(
					this,
					itemIndex,
					check,
					'Audio URL',
					this.getNodeParameter('audioUrl', itemIndex),
					SOURCE_LIMITS,
				)
			: await audioFromBinary(
					this,
					itemIndex,
					check,
					'Input Binary Field',
					String(this.getNodeParameter('binaryPropertyName', itemIndex)).trim(),
					SOURCE_LIMITS,
				);
	const prompt = settings.promptField
		? await audioFromBinary(
				this,
				itemIndex,
				check,
				'Prompt Audio Field',
				settings.promptField,
				PROMPT_LIMITS,
			)
		: undefined;

	const sourceFile = await uploadFile(this, { purpose: 'voice_clone', ...source, itemIndex });
	const body: IDataObject = { file_id: sourceFile.fileId, ...settings.body };
	let promptFileId: number | undefined;
	if (prompt) {
		promptFileId = (await uploadFile(this, { purpose: 'prompt_audio', ...prompt, itemIndex }))
			.fileId;
		body.clone_prompt = { prompt_audio: promptFileId, prompt_text: settings.promptText };
	}

	const { body: response, traceId } = (await miniMaxRequest.call(this, {
		method: 'POST',
		path: '/v1/voice_clone',
		body,
		itemIndex,
		createsJob: true,
		timeoutMs: GENERATION_TIMEOUT_MS,
	})) as MiniMaxResponse<{ demo_audio?: string; input_sensitive?: boolean }>;

	const binary: IBinaryKeyData = {};
	const demoUrl = response.demo_audio || undefined;
	if (demoUrl) {
		const extension = /\.(wav|flac|mp3)(\?|$)/i.exec(demoUrl)?.[1]?.toLowerCase() ?? 'mp3';
		binary[common.outputField] = await downloadSignedUrl(this, {
			url: demoUrl,
			itemIndex,
			what: 'the preview audio',
			file: {
				fileName: `${settings.voiceId}-preview.${extension}`,
				mimeType: extension === 'mp3' ? 'audio/mpeg' : `audio/${extension}`,
				extension,
			},
		});
	}

	const useBy = new Date(Date.now() + VOICE_LIFETIME_DAYS * 24 * 3600 * 1000);
	const json: IDataObject = {
		voiceId: settings.voiceId,
		sourceFileId: String(sourceFile.fileId),
		sourceDurationSeconds:
			source.durationSeconds === undefined
				? undefined
				: Math.round(source.durationSeconds * 10) / 10,
		promptFileId: promptFileId === undefined ? undefined : String(promptFileId),
		previewAudioUrl: demoUrl,
		previewModel: settings.previewText ? settings.model : undefined,
		useBefore: useBy.toISOString(),
		note: `Cloned voices are temporary: use "${settings.voiceId}" in a real Text to Speech call before ${useBy.toISOString().slice(0, 10)} (7 days) or MiniMax deletes it. That first use is billed; the voice appears in voice lists after it.`,
		traceId,
	};
	for (const key of Object.keys(json)) if (json[key] === undefined) delete json[key];
	return [{ json, binary: demoUrl ? binary : undefined, pairedItem: { item: itemIndex } }];
}
