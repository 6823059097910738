import type {
	IBinaryKeyData,
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
} from 'n8n-workflow';

import { slugFromText, toOutputBinary } from '../../shared/media/binary';
import { AUDIO_FORMATS } from '../../shared/descriptions/speech';
import { downloadLongSpeechResult } from './longSpeech';
import { addSubtitleBinaries, item, speechJson } from './output';
import type { SpeechSettings } from './requestBody';

export interface LongSpeechItemRequest {
	taskId: string;
	fileId: string;
	outputField: string;
	includeSubtitles: boolean;
	/** Known when this execution created the task; absent for "Get Long Speech Task". */
	settings?: SpeechSettings;
	text?: string;
	extraJson?: IDataObject;
}

/** Turns a finished long-speech task into one item: audio binary, optional subtitles, JSON summary. */
export async function longSpeechItem(
	ctx: IExecuteFunctions,
	itemIndex: number,
	request: LongSpeechItemRequest,
): Promise<INodeExecutionData> {
	const result = await downloadLongSpeechResult(ctx, itemIndex, request.fileId);
	const entryExtension = result.audioFileName?.toLowerCase().split('.').pop();
	const format =
		entryExtension && AUDIO_FORMATS[entryExtension]
			? entryExtension
			: (request.settings?.format ?? 'mp3');
	const audioFormat = AUDIO_FORMATS[format];
	const baseName = request.text
		? slugFromText(request.text, `speech-${request.taskId}`)
		: `speech-${request.taskId}`;
	const fileName = `${baseName}.${audioFormat.extension}`;
	const binary: IBinaryKeyData = {
		[request.outputField]: await toOutputBinary(ctx, result.audio, {
			fileName,
			mimeType: audioFormat.mimeType,
			extension: audioFormat.extension,
		}),
	};
	if (request.includeSubtitles && result.subtitles?.length) {
		await addSubtitleBinaries(ctx, binary, result.subtitles, baseName);
	}
	const json = speechJson(
		{
			format,
			fileName,
			audioBytes: result.audio.length,
			extraInfo: result.extraInfo,
			settings: request.settings,
		},
		{
			mode: 'async',
			taskId: request.taskId,
			fileId: request.fileId,
			status: 'Success',
			subtitleCount: result.subtitles?.length,
			...request.extraJson,
		},
	);
	return item(json, binary, itemIndex);
}
