import type { IDataObject, INodePropertyOptions } from 'n8n-workflow';

import type { MiniMaxFile } from '../../shared/files/retrieve';
import type { InputValidator } from '../../shared/validation';

/** Purposes a user may upload with. */
export const UPLOAD_PURPOSES: INodePropertyOptions[] = [
	{
		name: 'Voice Clone Sample',
		value: 'voice_clone',
		description: 'MP3, M4A or WAV, 10 s to 5 min, up to 20 MB (for Voice Clone)',
	},
	{
		name: 'Voice Clone Prompt Audio',
		value: 'prompt_audio',
		description: 'MP3, M4A or WAV, under 8 s, up to 20 MB',
	},
	{
		name: 'Long Speech Text',
		value: 't2a_async_input',
		description: 'A .txt or .zip file, up to 10 MB (for Generate Long Speech)',
	},
];

/** Every purpose files are listed and deleted by, including MiniMax's own outputs. */
export const ALL_PURPOSES: INodePropertyOptions[] = [
	...UPLOAD_PURPOSES,
	{
		name: 'Long Speech Result (Generated)',
		value: 't2a_async',
		description: 'Audio archives made by long speech tasks',
	},
	{
		name: 'Video (Generated)',
		value: 'video_generation',
		description: 'Videos made by video generation',
	},
];

export const PURPOSE_IDS = ALL_PURPOSES.map((purpose) => String(purpose.value));

export type { MiniMaxFile } from '../../shared/files/retrieve';

/** file_id arrives as a JSON number (int64); it is always handed on as a string. */
export function fileJson(file: MiniMaxFile): IDataObject {
	const createdAt = Number(file.created_at);
	const json: IDataObject = {
		fileId: file.file_id === undefined || file.file_id === null ? undefined : String(file.file_id),
		fileName: file.filename,
		bytes: file.bytes,
		purpose: file.purpose,
		createdAt:
			Number.isFinite(createdAt) && createdAt > 0
				? new Date(createdAt * 1000).toISOString()
				: undefined,
		createdAtUnix: Number.isFinite(createdAt) && createdAt > 0 ? createdAt : undefined,
	};
	for (const key of Object.keys(json)) if (json[key] === undefined) delete json[key];
	return json;
}

/**
 * A file ID as the user typed it (or an expression gave it), checked to be a whole number that a
 * JSON number carries exactly, because MiniMax wants file_id as a number in request bodies.
 */
export function readFileId(
	check: InputValidator,
	value: unknown,
): { text: string; number: number } {
	const text = check.id('File ID', value);
	if (!/^\d+$/.test(text))
		check.fail('File ID', `"${text}" is not a MiniMax file ID (digits only)`);
	const number = Number(text);
	if (!Number.isSafeInteger(number))
		check.fail('File ID', `"${text}" is too large to send exactly as a JSON number`);
	return { text, number };
}
