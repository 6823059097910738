import type { IExecuteFunctions } from 'n8n-workflow';

import { sniffAudio, type AudioContainer } from '../../shared/media/audioInfo';
import { getInputBinary, readInputBinaryBuffer } from '../../shared/media/binary';
import type { InputValidator } from '../../shared/validation';

const LABEL = 'Input Binary Field';
const MB = 1024 * 1024;

interface PurposeRule {
	maxBytes: number;
	/** What the file must be, in words, for messages. */
	kind: string;
}

const RULES: Record<
	string,
	PurposeRule & { seconds?: { min?: number; maxExclusive: number; rule: string } }
> = {
	voice_clone: {
		maxBytes: 20 * MB,
		kind: 'MP3, M4A or WAV audio',
		seconds: { min: 10, maxExclusive: 300.5, rule: '10 s to 5 min' },
	},
	prompt_audio: {
		maxBytes: 20 * MB,
		kind: 'MP3, M4A or WAV audio',
		seconds: { maxExclusive: 8, rule: 'under 8 s' },
	},
	t2a_async_input: { maxBytes: 10 * MB, kind: 'a .txt or .zip file' },
};

const AUDIO_MIME: Record<AudioContainer, string> = {
	mp3: 'audio/mpeg',
	m4a: 'audio/mp4',
	wav: 'audio/wav',
};

export interface CheckedUpload {
	data: Buffer;
	fileName: string;
	mimeType: string;
	durationSeconds?: number;
}

/**
 * Reads the input binary and checks it against what MiniMax accepts for the purpose, before the
 * upload: size (from n8n's metadata first, so an oversized file is never loaded), type by its
 * bytes, and audio length. The upload itself is in memory: the global FormData needs a Blob.
 */
export async function checkedUpload(
	ctx: IExecuteFunctions,
	itemIndex: number,
	check: InputValidator,
	purpose: string,
	property: string,
): Promise<CheckedUpload> {
	const rule = RULES[purpose];
	const input = getInputBinary(ctx, itemIndex, property, LABEL);
	const tooBig = (bytes: number) =>
		check.fail(
			LABEL,
			`the file "${input.fileName}" is ${(bytes / MB).toFixed(1)} MB; ${purpose} files may be at most ${rule.maxBytes / MB} MB`,
		);
	if (input.size !== undefined && input.size > rule.maxBytes) tooBig(input.size);
	const data = await readInputBinaryBuffer(ctx, itemIndex, property);
	if (data.length === 0) check.fail(LABEL, `the file "${input.fileName}" is empty`);
	if (data.length > rule.maxBytes) tooBig(data.length);
	const baseName = input.fileName.replace(/\.[^.]*$/, '') || 'file';

	if (purpose === 't2a_async_input') {
		if (data.length >= 4 && data.readUInt32LE(0) === 0x04034b50)
			return { data, fileName: `${baseName}.zip`, mimeType: 'application/zip' };
		if (!isText(data))
			check.fail(
				LABEL,
				`the file "${input.fileName}" is not ${rule.kind} (it is not UTF-8 text or a ZIP archive)`,
			);
		return { data, fileName: `${baseName}.txt`, mimeType: 'text/plain' };
	}

	const audio = sniffAudio(data);
	if (!audio) check.fail(LABEL, `the file "${input.fileName}" is not ${rule.kind}`);
	const seconds = audio.durationSeconds;
	const limits = rule.seconds;
	if (
		limits &&
		seconds !== undefined &&
		((limits.min !== undefined && seconds < limits.min) || seconds >= limits.maxExclusive)
	) {
		check.fail(
			LABEL,
			`the audio "${input.fileName}" lasts ${seconds.toFixed(1)} s; ${purpose} audio must be ${limits.rule}`,
		);
	}
	return {
		data,
		fileName: `${baseName}.${audio.format}`,
		mimeType: AUDIO_MIME[audio.format],
		durationSeconds: seconds,
	};
}

/** UTF-8 without NUL bytes. */
function isText(data: Buffer): boolean {
	if (data.includes(0)) return false;
	return Buffer.from(data.toString('utf8'), 'utf8').equals(data);
}
