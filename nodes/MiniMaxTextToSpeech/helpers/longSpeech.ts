import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { retrieveDownloadUrl } from '../../shared/files/retrieve';
import { fetchSignedUrlBuffer } from '../../shared/transport/download';
import { miniMaxApiError } from '../../shared/transport/errors';
import { pollUntilDone, type PollSettings } from '../../shared/transport/polling';
import { parseSubtitles, type SubtitleEntry } from '../../shared/media/subtitles';
import { isTar, readTar } from '../../shared/media/tar';
import { miniMaxRequest, type MiniMaxResponse } from '../../shared/transport/request';

export interface LongSpeechTask {
	taskId: string;
	fileId?: string;
	usageCharacters?: number;
	traceId?: string;
}

export interface LongSpeechStatus {
	taskId: string;
	status: string;
	fileId?: string;
}

export interface LongSpeechResult {
	audio: Buffer;
	audioFileName?: string;
	subtitles?: SubtitleEntry[];
	extraInfo: IDataObject;
}

const idText = (value: unknown): string | undefined =>
	value === undefined || value === null || value === '' ? undefined : String(value);

export async function createLongSpeechTask(
	ctx: IExecuteFunctions,
	itemIndex: number,
	body: IDataObject,
): Promise<LongSpeechTask> {
	const { body: response, traceId } = (await miniMaxRequest.call(ctx, {
		method: 'POST',
		path: '/v1/t2a_async_v2',
		body,
		itemIndex,
		createsJob: true,
	})) as MiniMaxResponse<IDataObject>;
	const taskId = idText(response.task_id);
	if (!taskId) {
		throw miniMaxApiError(ctx.getNode(), {
			message: 'MiniMax did not return a task ID',
			traceId,
			itemIndex,
		});
	}
	return {
		taskId,
		fileId: idText(response.file_id),
		usageCharacters:
			response.usage_characters === undefined ? undefined : Number(response.usage_characters),
		traceId,
	};
}

export async function queryLongSpeechTask(
	ctx: IExecuteFunctions,
	itemIndex: number,
	taskId: string,
): Promise<LongSpeechStatus> {
	const { body } = (await miniMaxRequest.call(ctx, {
		method: 'GET',
		path: '/v1/query/t2a_async_query_v2',
		qs: { task_id: taskId },
		itemIndex,
	})) as MiniMaxResponse<IDataObject>;
	return { taskId, status: String(body.status ?? ''), fileId: idText(body.file_id) };
}

export async function waitForLongSpeech(
	ctx: IExecuteFunctions,
	itemIndex: number,
	taskId: string,
	poll: PollSettings,
): Promise<LongSpeechStatus> {
	return await pollUntilDone(ctx, poll, {
		itemIndex,
		query: async () => await queryLongSpeechTask(ctx, itemIndex, taskId),
		statusOf: (task) => task.status,
		successStatuses: ['Success'],
		failureStatuses: ['Failed', 'Fail', 'Expired'],
		onFailure: (task, status) =>
			miniMaxApiError(ctx.getNode(), {
				message: `Long speech task ${task.taskId} ended with status "${status}"`,
				itemIndex,
				note: /expired/i.test(status)
					? 'The task expired before its result was fetched; generate it again.'
					: 'MiniMax could not produce this audio; check the text and voice, then generate again.',
			}),
		taskLabel: `long speech task ${taskId}`,
		resumeHint: `run "Get Long Speech Task" with task ID ${taskId} later to fetch the audio`,
	});
}

const AUDIO_EXTENSIONS = ['mp3', 'wav', 'flac', 'pcm', 'm4a', 'ogg', 'opus'];

/** Downloads the result archive (tar with audio, subtitles and extra info) and unpacks it in memory. */
export async function downloadLongSpeechResult(
	ctx: IExecuteFunctions,
	itemIndex: number,
	fileId: string,
): Promise<LongSpeechResult> {
	const url = (await retrieveDownloadUrl(ctx, itemIndex, fileId)).downloadUrl;
	const archive = await fetchSignedUrlBuffer(ctx, {
		url,
		itemIndex,
		what: 'the long speech result',
		refreshUrl: async () => (await retrieveDownloadUrl(ctx, itemIndex, fileId)).downloadUrl,
	});
	if (!isTar(archive)) return { audio: archive, extraInfo: {} };

	const entries = readTar(archive);
	const extensionOf = (name: string) => name.toLowerCase().split('.').pop() ?? '';
	const audioEntry = entries.find((entry) => AUDIO_EXTENSIONS.includes(extensionOf(entry.name)));
	if (!audioEntry) {
		throw miniMaxApiError(ctx.getNode(), {
			message: `The result archive of file ${fileId} holds no audio (entries: ${entries.map((e) => e.name).join(', ') || 'none'})`,
			itemIndex,
		});
	}
	const subtitleEntry = entries.find((entry) => /\.titles$|subtitle|\.srt$/i.test(entry.name));
	const extraEntry = entries.find((entry) => /extra/i.test(entry.name));
	let subtitles: SubtitleEntry[] | undefined;
	let extraInfo: IDataObject = {};
	try {
		if (subtitleEntry) subtitles = parseSubtitles(subtitleEntry.data.toString('utf8'));
	} catch {
		subtitles = undefined;
	}
	try {
		if (extraEntry) extraInfo = JSON.parse(extraEntry.data.toString('utf8')) as IDataObject;
	} catch {
		extraInfo = {};
	}
	return { audio: audioEntry.data, audioFileName: audioEntry.name, subtitles, extraInfo };
}
