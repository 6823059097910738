import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { IBinaryData, IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { sniffAudio } from '../../shared/media/audioInfo';
import { toOutputBinary, type OutputFile } from '../../shared/media/binary';
import { downloadSignedUrl } from '../../shared/transport/download';
import { miniMaxApiError } from '../../shared/transport/errors';
import { AUDIO_FORMATS } from '../../shared/descriptions/speech';
import { miniMaxRequest, type MiniMaxResponse } from '../../shared/transport/request';
import type { MusicDelivery } from './musicOptions';

interface MusicResponse {
	data?: { audio?: string; audio_url?: string; status?: number | string };
	extra_info?: {
		music_duration?: number | string;
		music_sample_rate?: number | string;
		music_channel?: number | string;
		bitrate?: number | string;
		music_size?: number | string;
	};
	trace_id?: string;
}

const FINISHED = 2;

/**
 * POST /v1/music_generation. A song is billed, so the request is a job: the transport retries it
 * only when MiniMax proves it started nothing (rate limits, refused connections), never after a
 * timeout or a dropped connection. It waits up to the Timeout option and stops on cancel.
 */
export async function requestSong(
	ctx: IExecuteFunctions,
	itemIndex: number,
	body: IDataObject,
	delivery: MusicDelivery,
): Promise<{ response: MusicResponse; traceId?: string }> {
	try {
		const { body: response, traceId } = (await miniMaxRequest.call(ctx, {
			method: 'POST',
			path: '/v1/music_generation',
			body,
			itemIndex,
			createsJob: true,
			timeoutMs: delivery.timeoutMs,
		})) as MiniMaxResponse<MusicResponse>;
		return { response, traceId: traceId ?? response.trace_id };
	} catch (error) {
		if (isConnectionTimeout(error)) {
			throw new NodeOperationError(
				ctx.getNode(),
				`MiniMax did not finish the song within ${formatMinutes(delivery.timeoutMs)}`,
				{
					itemIndex,
					description:
						'The request was not retried, because MiniMax may still finish (and bill) the song. Raise Options › Timeout (Minutes) for long songs, then run again.',
				},
			);
		}
		throw error instanceof NodeApiError || error instanceof NodeOperationError
			? error
			: new NodeOperationError(ctx.getNode(), error as Error, { itemIndex });
	}
}

/** Our own wait ran out (not MiniMax's 1001 "request timeout", which is a business answer). */
function isConnectionTimeout(error: unknown): boolean {
	if (!(error instanceof NodeApiError)) return false;
	// n8n rewrites messages that mention ECONNABORTED; the transport's own text stays in errorResponse.
	const response = (error.errorResponse ?? {}) as { minimaxCode?: number; message?: string };
	const text = `${response.message ?? ''} ${error.message}`;
	return (
		response.minimaxCode === undefined && /timeout|timed out|ECONNABORTED|ETIMEDOUT/i.test(text)
	);
}

function formatMinutes(ms: number): string {
	const minutes = ms / 60_000;
	return minutes >= 1
		? `${Math.round(minutes * 100) / 100} minutes`
		: `${Math.round(ms / 1000)} seconds`;
}

/**
 * extra_info.music_duration is documented in milliseconds. A value under 1000 would mean a song
 * shorter than a second, which MiniMax does not make, so such a value is taken as seconds.
 */
export function songDurationMs(raw: unknown): number | undefined {
	const value = Number(raw);
	if (raw === undefined || raw === null || raw === '' || !Number.isFinite(value) || value <= 0)
		return undefined;
	return value < 1000 ? Math.round(value * 1000) : Math.round(value);
}

function measuredDurationMs(data: Buffer, delivery: MusicDelivery): number | undefined {
	if (delivery.format === 'pcm')
		return Math.round((data.length / (delivery.sampleRate * 2 * delivery.channels)) * 1000);
	const seconds = sniffAudio(data)?.durationSeconds;
	return seconds === undefined ? undefined : Math.round(seconds * 1000);
}

export function songFile(baseName: string, delivery: MusicDelivery): OutputFile {
	const format = AUDIO_FORMATS[delivery.format];
	return {
		fileName: `${baseName}.${format.extension}`,
		mimeType: format.mimeType,
		extension: format.extension,
	};
}

function decodeHex(
	ctx: IExecuteFunctions,
	itemIndex: number,
	hex: string,
	traceId?: string,
): Buffer {
	const buffer = Buffer.from(hex, 'hex');
	// Buffer.from stops at the first non-hex character, so the length check validates the whole string.
	if (buffer.length === 0 || buffer.length * 2 !== hex.length) {
		throw miniMaxApiError(ctx.getNode(), {
			message: 'MiniMax returned song data that is not valid hex',
			traceId,
			itemIndex,
		});
	}
	return buffer;
}

export interface SongOutput {
	baseName: string;
	outputField: string;
	json: IDataObject;
}

/** Turns MiniMax's answer into one item: the song binary (hex decoded or link downloaded) and its facts. */
export async function songItem(
	ctx: IExecuteFunctions,
	itemIndex: number,
	response: MusicResponse,
	delivery: MusicDelivery,
	output: SongOutput,
	traceId?: string,
): Promise<INodeExecutionData> {
	const status = response.data?.status;
	if (status !== undefined && Number(status) !== FINISHED) {
		throw miniMaxApiError(ctx.getNode(), {
			message: `MiniMax returned an unfinished song (status ${String(status)})`,
			traceId,
			itemIndex,
		});
	}
	const audio = String(response.data?.audio ?? '').trim();
	const url = /^https?:\/\//i.test(audio) ? audio : response.data?.audio_url || undefined;
	if (!audio && !url)
		throw miniMaxApiError(ctx.getNode(), {
			message: 'MiniMax returned no song',
			traceId,
			itemIndex,
		});

	const file = songFile(output.baseName, delivery);
	const extra = response.extra_info ?? {};
	let binary: IBinaryData | undefined;
	let measured: number | undefined;
	if (url) {
		if (!delivery.linksOnly)
			binary = await downloadSignedUrl(ctx, {
				url,
				file,
				itemIndex,
				what: 'the song',
				urlOnlyOption: 'Options › Transfer Format "URL" with "Return Link Only"',
			});
	} else {
		const data = decodeHex(ctx, itemIndex, audio, traceId);
		measured = extra.music_duration === undefined ? measuredDurationMs(data, delivery) : undefined;
		binary = await toOutputBinary(ctx, data, file);
	}
	const durationMs = songDurationMs(extra.music_duration) ?? measured;
	const number = (value: unknown) =>
		value === undefined || value === null || value === '' ? undefined : Number(value);
	const json: IDataObject = {
		fileName: binary ? file.fileName : undefined,
		mimeType: file.mimeType,
		format: delivery.format,
		fileSizeBytes: binary?.bytes ?? number(extra.music_size),
		durationMs,
		durationSeconds: durationMs === undefined ? undefined : Math.round(durationMs / 100) / 10,
		sampleRate: number(extra.music_sample_rate) ?? delivery.sampleRate,
		channels: number(extra.music_channel) ?? delivery.channels,
		bitrate: delivery.format === 'mp3' ? (number(extra.bitrate) ?? delivery.bitrate) : undefined,
		musicUrl: url,
		musicUrlValidFor: url ? '24 hours' : undefined,
		...output.json,
		traceId,
	};
	for (const key of Object.keys(json)) if (json[key] === undefined) delete json[key];
	return {
		json,
		binary: binary ? { [output.outputField]: binary } : undefined,
		pairedItem: { item: itemIndex },
	};
}
