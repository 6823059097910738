import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { sniffAudio } from '../../shared/media/audioInfo';
import { getInputBinary, readInputBinaryBuffer } from '../../shared/media/binary';
import type { InputValidator } from '../../shared/validation';

export const MAX_REFERENCE_BYTES = 50 * 1024 * 1024;
export const REFERENCE_SECONDS = { min: 6, max: 360 } as const;

const BINARY_LABEL = 'Reference Song Field';
const URL_LABEL = 'Reference Song URL';

export interface ReferenceSong {
	/** The request fields: audio_base64 or audio_url. */
	body: IDataObject;
	format?: string;
	durationSeconds?: number;
	fileName?: string;
}

/**
 * The song a cover is based on: an input binary sent as audio_base64 (checked before the call:
 * at most 50 MB, MP3/WAV/M4A/FLAC, 6 s – 6 min when the length is readable), or a public URL
 * MiniMax downloads itself. audio_base64 must be built in memory; for songs near 50 MB a URL is
 * lighter.
 */
export async function readReferenceSong(
	ctx: IExecuteFunctions,
	itemIndex: number,
	check: InputValidator,
): Promise<ReferenceSong> {
	const source = check.oneOf(
		'Reference Song',
		ctx.getNodeParameter('referenceSource', itemIndex, 'binary'),
		['binary', 'url'] as const,
	);
	if (source === 'url') {
		const url = check.httpUrl(URL_LABEL, ctx.getNodeParameter('referenceUrl', itemIndex, ''));
		return { body: { audio_url: url } };
	}
	const property = check.text(
		BINARY_LABEL,
		String(ctx.getNodeParameter('binaryPropertyName', itemIndex, 'data')).trim(),
		{ min: 1 },
	);
	const input = getInputBinary(ctx, itemIndex, property, BINARY_LABEL);
	if (input.size !== undefined && input.size > MAX_REFERENCE_BYTES) {
		check.fail(
			BINARY_LABEL,
			`the file "${input.fileName}" is ${megabytes(input.size)}, the maximum is 50 MB`,
		);
	}
	const data = await readInputBinaryBuffer(ctx, itemIndex, property);
	if (data.length === 0) check.fail(BINARY_LABEL, `the file "${input.fileName}" is empty`);
	if (data.length > MAX_REFERENCE_BYTES)
		check.fail(
			BINARY_LABEL,
			`the file "${input.fileName}" is ${megabytes(data.length)}, the maximum is 50 MB`,
		);
	const audio = sniffReference(data);
	if (!audio)
		check.fail(BINARY_LABEL, `the file "${input.fileName}" is not MP3, WAV, M4A or FLAC audio`);
	const seconds = audio.durationSeconds;
	if (
		seconds !== undefined &&
		(seconds < REFERENCE_SECONDS.min || seconds > REFERENCE_SECONDS.max + 0.5)
	) {
		check.fail(
			BINARY_LABEL,
			`the song "${input.fileName}" lasts ${seconds.toFixed(1)} s; a cover needs a reference of 6 s to 6 min`,
		);
	}
	return {
		body: { audio_base64: data.toString('base64') },
		format: audio.format,
		durationSeconds: seconds,
		fileName: input.fileName,
	};
}

function sniffReference(data: Buffer): { format: string; durationSeconds?: number } | undefined {
	const flac = flacInfo(data);
	if (flac) return flac;
	return sniffAudio(data);
}

/** FLAC: the "fLaC" marker, then STREAMINFO with the sample rate and total samples. */
function flacInfo(data: Buffer): { format: string; durationSeconds?: number } | undefined {
	if (data.length < 4 || data.toString('ascii', 0, 4) !== 'fLaC') return undefined;
	if (data.length < 8 + 18 || (data[4] & 0x7f) !== 0) return { format: 'flac' };
	const info = 8;
	const sampleRate = (data[info + 10] << 12) | (data[info + 11] << 4) | (data[info + 12] >> 4);
	const totalSamples = (data[info + 13] & 0x0f) * 2 ** 32 + data.readUInt32BE(info + 14);
	return {
		format: 'flac',
		durationSeconds: sampleRate && totalSamples ? totalSamples / sampleRate : undefined,
	};
}

function megabytes(bytes: number): string {
	return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
