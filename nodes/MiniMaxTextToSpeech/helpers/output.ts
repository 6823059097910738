import type {
	IBinaryKeyData,
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
} from 'n8n-workflow';

import { slugFromText, toOutputBinary, type OutputFile } from '../../shared/media/binary';
import { AUDIO_FORMATS } from '../../shared/descriptions/speech';
import { toSrt, type SubtitleEntry } from '../../shared/media/subtitles';
import type { SpeechSettings } from './requestBody';

export const SUBTITLES_SRT_FIELD = 'subtitles';
export const SUBTITLES_JSON_FIELD = 'subtitlesJson';

export function audioFileFor(text: string, settings: SpeechSettings): OutputFile {
	const format = AUDIO_FORMATS[settings.format];
	return {
		fileName: `${slugFromText(text, 'speech')}.${format.extension}`,
		mimeType: format.mimeType,
		extension: format.extension,
	};
}

export interface SpeechOutput {
	binary: IBinaryKeyData;
	json: IDataObject;
}

export interface SpeechDescription {
	format: string;
	fileName: string;
	audioBytes: number;
	extraInfo: IDataObject;
	settings?: Partial<SpeechSettings>;
}

/** JSON that tells a user (or an AI agent) what was produced, without opening the file. */
export function speechJson(described: SpeechDescription, extra: IDataObject): IDataObject {
	const { format, extraInfo, settings = {} } = described;
	const number = (value: unknown) =>
		value === undefined || value === null || value === '' ? undefined : Number(value);
	const durationMs = number(extraInfo.audio_length);
	const json: IDataObject = {
		fileName: described.fileName,
		mimeType: (AUDIO_FORMATS[format] ?? AUDIO_FORMATS.mp3).mimeType,
		format,
		fileSizeBytes: described.audioBytes,
		durationMs,
		durationSeconds: durationMs === undefined ? undefined : Math.round(durationMs) / 1000,
		sampleRate: number(extraInfo.audio_sample_rate ?? settings.sampleRate),
		channels: number(extraInfo.audio_channel ?? settings.channels),
		bitrate: format === 'mp3' ? number(extraInfo.bitrate ?? settings.bitrate) : undefined,
		charactersBilled: number(extraInfo.usage_characters),
		wordCount: number(extraInfo.word_count),
		model: settings.model,
		voiceId: settings.mix ? undefined : settings.voiceId || undefined,
		voiceMix: settings.mix,
		...extra,
	};
	for (const key of Object.keys(json)) if (json[key] === undefined) delete json[key];
	return json;
}

/** Adds the subtitles as two binaries: SRT for players and ffmpeg, MiniMax JSON for scripts. */
export async function addSubtitleBinaries(
	ctx: IExecuteFunctions,
	binary: IBinaryKeyData,
	entries: SubtitleEntry[],
	baseName: string,
): Promise<void> {
	binary[SUBTITLES_SRT_FIELD] = await toOutputBinary(ctx, Buffer.from(toSrt(entries), 'utf8'), {
		fileName: `${baseName}.srt`,
		mimeType: 'application/x-subrip',
		fileType: 'text',
		extension: 'srt',
	});
	binary[SUBTITLES_JSON_FIELD] = await toOutputBinary(
		ctx,
		Buffer.from(JSON.stringify(entries, null, 2), 'utf8'),
		{
			fileName: `${baseName}.subtitles.json`,
			mimeType: 'application/json',
			extension: 'json',
		},
	);
}

export function item(
	json: IDataObject,
	binary: IBinaryKeyData,
	itemIndex: number,
): INodeExecutionData {
	return { json, binary, pairedItem: { item: itemIndex } };
}
