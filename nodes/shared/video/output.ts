import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { slugFromText } from '../media/binary';
import { downloadSignedUrl } from '../transport/download';

/** Turns a finished video (a signed URL) into an output item: the MP4 streamed into a binary, plus useful JSON. */

export const FILE_URL_VALID_HOURS = 9;

export const outputModeOption: INodeProperties = {
	displayName: 'Output',
	name: 'output',
	type: 'options',
	default: 'binary',
	options: [
		{
			name: 'Video File (Binary)',
			value: 'binary',
			description: "Download the MP4 into a binary field (streamed to n8n's storage)",
		},
		{
			name: 'Download URL Only',
			value: 'url',
			description:
				'Return the signed link without downloading; best for very large videos or AI agents. The link expires.',
		},
	],
};

export const fileNameOption: INodeProperties = {
	displayName: 'File Name',
	name: 'fileName',
	type: 'string',
	default: '',
	placeholder: 'e.g. product-teaser',
	description:
		'Name of the output file (".mp4" is added). Empty: taken from the prompt or the task ID.',
};

export interface OutputSettings {
	outputField: string;
	downloadBinary: boolean;
	/** User's file name, without or with ".mp4". */
	fileName?: string;
}

export function readOutputSettings(
	options: IDataObject,
	common: { outputField: string },
): OutputSettings {
	const fileName = String(options.fileName ?? '').trim();
	return {
		outputField: common.outputField,
		downloadBinary: (options.output ?? 'binary') !== 'url',
		fileName: fileName || undefined,
	};
}

export interface FinishedVideo {
	url: string;
	/** Gets a fresh URL when the first one has expired (files/retrieve or the task query again). */
	refreshUrl?: () => Promise<string>;
	/** Hours the URL stays valid, when MiniMax documents it. */
	urlValidHours?: number;
	/** Text the default file name is made from (the prompt), and the fallback. */
	nameFrom?: string;
	fallbackName: string;
	/** Fields describing the video (taskId, fileId, model, duration…), first in the JSON. */
	json: IDataObject;
}

export function videoFileName(
	settings: OutputSettings,
	video: Pick<FinishedVideo, 'nameFrom' | 'fallbackName'>,
): string {
	if (settings.fileName)
		return /\.mp4$/i.test(settings.fileName) ? settings.fileName : `${settings.fileName}.mp4`;
	return `${video.nameFrom ? slugFromText(video.nameFrom, video.fallbackName) : video.fallbackName}.mp4`;
}

/** "task 123, file 456" from a finished video's JSON. */
function paidWorkOf(json: IDataObject): string | undefined {
	const ids = [
		json.taskId ? `task ${String(json.taskId)}` : '',
		json.fileId ? `file ${String(json.fileId)}` : '',
	].filter(Boolean);
	return ids.length ? ids.join(', ') : undefined;
}

export async function finishedVideoItem(
	ctx: IExecuteFunctions,
	itemIndex: number,
	video: FinishedVideo,
	settings: OutputSettings,
): Promise<INodeExecutionData> {
	const fileName = videoFileName(settings, video);
	let url = video.url;
	let urlIssuedAt = Date.now();
	const json: IDataObject = {
		...video.json,
		status: video.json.status ?? 'Success',
		fileName,
		mimeType: 'video/mp4',
	};
	const item: INodeExecutionData = { json, pairedItem: { item: itemIndex } };
	if (settings.downloadBinary) {
		const refreshUrl = video.refreshUrl;
		const binary = await downloadSignedUrl(ctx, {
			url,
			file: { fileName, mimeType: 'video/mp4', extension: 'mp4' },
			itemIndex,
			what: 'the video',
			urlOnlyOption: 'Options › Output: "Download URL Only"',
			paidWork: paidWorkOf(video.json),
			refreshUrl: refreshUrl
				? async () => {
						url = await refreshUrl();
						urlIssuedAt = Date.now();
						return url;
					}
				: undefined,
		});
		item.binary = { [settings.outputField]: binary };
		json.fileSizeBytes = binary.bytes ?? undefined;
		json.binaryField = settings.outputField;
	}
	json.downloadUrl = url;
	if (video.urlValidHours) {
		json.downloadUrlValidHours = video.urlValidHours;
		json.downloadUrlExpiresAt = new Date(
			urlIssuedAt + video.urlValidHours * 3600_000,
		).toISOString();
	}
	for (const key of Object.keys(json))
		if (json[key] === undefined || json[key] === null) delete json[key];
	return item;
}
