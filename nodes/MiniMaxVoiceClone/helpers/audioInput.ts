import type { IExecuteFunctions } from 'n8n-workflow';

import { sniffAudio, type AudioContainer } from '../../shared/media/audioInfo';
import { getInputBinary, readInputBinaryBuffer } from '../../shared/media/binary';
import { fetchSignedUrlBuffer } from '../../shared/transport/download';
import type { InputValidator } from '../../shared/validation';

export const CLONE_FORMATS: AudioContainer[] = ['mp3', 'm4a', 'wav'];
export const MAX_AUDIO_BYTES = 20 * 1024 * 1024;

const MIME_BY_FORMAT: Record<AudioContainer, string> = {
	mp3: 'audio/mpeg',
	m4a: 'audio/mp4',
	wav: 'audio/wav',
};

export interface AudioFile {
	data: Buffer;
	fileName: string;
	mimeType: string;
	format: AudioContainer;
	durationSeconds?: number;
}

export interface AudioLimits {
	minSeconds?: number;
	maxSeconds?: number;
	/** Wording for the duration rule, e.g. "10 s to 5 min". */
	rule: string;
}

/** Reads an audio binary of the input item and checks format, size and (when readable) duration. */
export async function audioFromBinary(
	ctx: IExecuteFunctions,
	itemIndex: number,
	check: InputValidator,
	parameter: string,
	property: string,
	limits: AudioLimits,
): Promise<AudioFile> {
	const input = getInputBinary(ctx, itemIndex, property, parameter);
	if (input.size !== undefined && input.size > MAX_AUDIO_BYTES) {
		check.fail(
			parameter,
			`the file "${input.fileName}" is ${megabytes(input.size)}, the maximum is 20 MB`,
		);
	}
	const data = await readInputBinaryBuffer(ctx, itemIndex, property);
	return checkedAudio(check, parameter, data, input.fileName, limits);
}

/**
 * Fetches audio from a public URL (a plain request: no MiniMax key is sent; transient failures
 * retried like every download) and checks it. Throws a NodeApiError when the download fails.
 */
export async function audioFromUrl(
	ctx: IExecuteFunctions,
	itemIndex: number,
	check: InputValidator,
	parameter: string,
	value: unknown,
	limits: AudioLimits,
): Promise<AudioFile> {
	const url = check.httpUrl(parameter, value);
	// The same download path as MiniMax's signed links: no key, retried, errors mapped, checked
	// against Content-Length.
	const data = await fetchSignedUrlBuffer(ctx, {
		url,
		itemIndex,
		what: `the audio at "${url}"`,
		expectMedia: true,
		userUrl: true,
	});
	const fileName = decodeURIComponent(new URL(url).pathname.split('/').pop() || 'audio');
	return checkedAudio(check, parameter, data, fileName, limits);
}

function checkedAudio(
	check: InputValidator,
	parameter: string,
	data: Buffer,
	fileName: string,
	limits: AudioLimits,
): AudioFile {
	if (data.length === 0) check.fail(parameter, `the file "${fileName}" is empty`);
	if (data.length > MAX_AUDIO_BYTES)
		check.fail(
			parameter,
			`the file "${fileName}" is ${megabytes(data.length)}, the maximum is 20 MB`,
		);
	const info = sniffAudio(data);
	if (!info || !CLONE_FORMATS.includes(info.format)) {
		check.fail(parameter, `the file "${fileName}" is not MP3, M4A or WAV audio`);
	}
	const seconds = info.durationSeconds;
	if (seconds !== undefined) {
		const tooShort = limits.minSeconds !== undefined && seconds < limits.minSeconds;
		const tooLong = limits.maxSeconds !== undefined && seconds >= limits.maxSeconds;
		if (tooShort || tooLong) {
			check.fail(
				parameter,
				`the audio "${fileName}" lasts ${seconds.toFixed(1)} s; MiniMax needs ${limits.rule}`,
			);
		}
	}
	const baseName = fileName.replace(/\.[^.]*$/, '') || 'audio';
	return {
		data,
		fileName: `${baseName}.${info.format}`,
		mimeType: MIME_BY_FORMAT[info.format],
		format: info.format,
		durationSeconds: seconds,
	};
}

function megabytes(bytes: number): string {
	return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
