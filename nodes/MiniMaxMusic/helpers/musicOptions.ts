import type { IDataObject, INodeProperties } from 'n8n-workflow';

import {
	concurrencyOption,
	maxRateLimitWaitOption,
	maxRetriesOption,
	outputFieldOption,
	requestsPerMinuteOption,
	retryDelayOption,
} from '../../shared/descriptions/options';
import type { InputValidator } from '../../shared/validation';

/** Options shared by Generate Music and Cover: audio settings, delivery, timeout, retries. */

export const MUSIC_FORMATS = ['mp3', 'wav', 'pcm'] as const;
export const MUSIC_SAMPLE_RATES = [16000, 24000, 32000, 44100] as const;
export const MUSIC_BITRATES = [32000, 64000, 128000, 256000] as const;
export const DEFAULT_TIMEOUT_MINUTES = 10;

export type MusicFormat = (typeof MUSIC_FORMATS)[number];

export interface MusicDelivery {
	format: MusicFormat;
	sampleRate: number;
	bitrate: number;
	channels: number;
	transfer: 'hex' | 'url';
	linksOnly: boolean;
	watermark: boolean;
	timeoutMs: number;
}

/**
 * The request options of the music calls that return no song (Generate Lyrics, Prepare Cover), plus
 * `extra`, sorted by name: concurrency, rate-limit pacing (the music family's) and retries.
 */
export function musicRequestOptions(extra: INodeProperties[] = []): INodeProperties[] {
	return [
		concurrencyOption,
		maxRateLimitWaitOption,
		maxRetriesOption,
		requestsPerMinuteOption('music'),
		retryDelayOption,
		...extra,
	].sort((a, b) => a.displayName.localeCompare(b.displayName));
}

export function songOptions(extra: INodeProperties[] = []): INodeProperties[] {
	const options: INodeProperties[] = [
		{
			displayName: 'AIGC Watermark',
			name: 'aigcWatermark',
			type: 'boolean',
			default: false,
			description: 'Whether to embed a watermark that marks the song as AI-generated',
		},
		{
			displayName: 'Bitrate',
			name: 'bitrate',
			type: 'options',
			default: 256000,
			options: MUSIC_BITRATES.map((value) => ({ name: `${value / 1000} Kbps`, value })),
			description: 'MP3 bitrate',
		},
		{
			displayName: 'Channels',
			name: 'channels',
			type: 'options',
			default: 2,
			options: [
				{ name: 'Mono', value: 1 },
				{ name: 'Stereo', value: 2 },
			],
		},
		{
			displayName: 'Format',
			name: 'format',
			type: 'options',
			default: 'mp3',
			options: [
				{ name: 'MP3', value: 'mp3' },
				{ name: 'PCM (Raw 16-Bit)', value: 'pcm' },
				{ name: 'WAV', value: 'wav' },
			],
			description: 'The audio file format',
		},
		outputFieldOption,
		{
			displayName: 'Return Link Only',
			name: 'returnLinkOnly',
			type: 'boolean',
			default: false,
			description:
				'Whether to skip the download and return only the song link (valid 24 hours); needs Transfer Format "URL"',
		},
		{
			displayName: 'Sample Rate',
			name: 'sampleRate',
			type: 'options',
			default: 44100,
			options: MUSIC_SAMPLE_RATES.map((value) => ({
				name: `${value.toLocaleString('en-US')} Hz`,
				value,
			})),
		},
		{
			displayName: 'Timeout (Minutes)',
			name: 'timeoutMinutes',
			type: 'number',
			default: DEFAULT_TIMEOUT_MINUTES,
			typeOptions: { minValue: 0.01, maxValue: 60, numberPrecision: 2 },
			description:
				'How long to wait for MiniMax to finish the song (it often takes minutes). A song that times out is not retried automatically, because MiniMax may still bill it.',
		},
		{
			displayName: 'Transfer Format',
			name: 'transfer',
			type: 'options',
			default: 'hex',
			options: [
				{
					name: 'Inline (Hex)',
					value: 'hex',
					description: 'The song comes back inside the response',
				},
				{
					name: 'URL',
					value: 'url',
					description: 'MiniMax returns a link (valid 24 hours); the node downloads it',
				},
			],
			description: 'How MiniMax hands the song over; the output binary is the same either way',
		},
		...extra,
	];
	return musicRequestOptions(options);
}

export function readDelivery(check: InputValidator, options: IDataObject): MusicDelivery {
	const transfer = check.oneOf('Transfer Format', options.transfer ?? 'hex', [
		'hex',
		'url',
	] as const);
	const linksOnly = check.boolean('Return Link Only', options.returnLinkOnly);
	if (linksOnly && transfer !== 'url')
		check.fail(
			'Return Link Only',
			'a link only exists with Transfer Format "URL"',
			'Set Transfer Format to URL, or turn Return Link Only off.',
		);
	const minutes = check.number(
		'Timeout (Minutes)',
		options.timeoutMinutes ?? DEFAULT_TIMEOUT_MINUTES,
		{ min: 0, minExclusive: true, max: 60 },
	);
	return {
		format: check.oneOf('Format', options.format ?? 'mp3', MUSIC_FORMATS),
		sampleRate: check.oneOf('Sample Rate', Number(options.sampleRate ?? 44100), MUSIC_SAMPLE_RATES),
		bitrate: check.oneOf('Bitrate', Number(options.bitrate ?? 256000), MUSIC_BITRATES),
		channels: check.oneOf('Channels', Number(options.channels ?? 2), [1, 2]),
		transfer,
		linksOnly,
		watermark: check.boolean('AIGC Watermark', options.aigcWatermark),
		timeoutMs: Math.round(minutes * 60_000),
	};
}

export function deliveryBody(delivery: MusicDelivery): IDataObject {
	const body: IDataObject = {
		audio_setting: {
			sample_rate: delivery.sampleRate,
			bitrate: delivery.bitrate,
			format: delivery.format,
			channel: delivery.channels,
		},
		output_format: delivery.transfer,
	};
	if (delivery.watermark) body.aigc_watermark = true;
	return body;
}
