import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { IBinaryData, IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { toOutputBinary, type OutputFile } from '../../shared/media/binary';
import { downloadSignedUrl } from '../../shared/transport/download';
import { miniMaxApiError, TRANSIENT_CODES } from '../../shared/transport/errors';
import { cancellableSleep } from '../../shared/transport/cancellation';
import { GENERATION_TIMEOUT_MS, STREAM_IDLE_TIMEOUT_MS } from '../../shared/transport/consts';
import { retryWithExponentialBackoff } from '../../shared/transport/retry';
import { retrySettingsOf } from '../../shared/transport/settings';
import { destroyStream, withIdleTimeout } from '../../shared/transport/idleTimeout';
import { readSseJson } from '../../shared/transport/sse';
import {
	endedEarlyError,
	streamIdleError,
	withBodyReadErrors,
} from '../../shared/transport/streamErrors';
import { miniMaxRequest, type MiniMaxResponse } from '../../shared/transport/request';

/** Longest silence allowed in an audio stream unless the option says otherwise. */
export const DEFAULT_IDLE_TIMEOUT_MS = STREAM_IDLE_TIMEOUT_MS;

export interface SyncSpeechResult {
	audio: IBinaryData;
	audioBytes: number;
	extraInfo: IDataObject;
	traceId?: string;
	audioUrl?: string;
	subtitleUrl?: string;
}

interface SpeechResponse {
	data?: { audio?: string; status?: number; subtitle_file?: string };
	extra_info?: IDataObject;
	trace_id?: string;
	base_resp?: { status_code?: number; status_msg?: string };
}

/** POST /v1/t2a_v2, in JSON (hex or link) or SSE mode, to one stored audio binary. */
export async function synthesizeSync(
	ctx: IExecuteFunctions,
	itemIndex: number,
	body: IDataObject,
	file: OutputFile,
	idleTimeoutMs = DEFAULT_IDLE_TIMEOUT_MS,
): Promise<SyncSpeechResult> {
	if (body.stream === true)
		return await synthesizeStreamed(ctx, itemIndex, body, file, idleTimeoutMs);

	const { body: response, traceId } = (await miniMaxRequest.call(ctx, {
		method: 'POST',
		path: '/v1/t2a_v2',
		body,
		itemIndex,
		timeoutMs: GENERATION_TIMEOUT_MS,
	})) as MiniMaxResponse<SpeechResponse>;
	const audioField = response.data?.audio ?? '';
	const extraInfo = response.extra_info ?? {};
	const subtitleUrl = response.data?.subtitle_file || undefined;
	if (/^https?:\/\//i.test(audioField)) {
		const audio = await downloadSignedUrl(ctx, {
			url: audioField,
			file,
			itemIndex,
			what: 'the generated audio',
		});
		return {
			audio,
			audioBytes: Number(audio.bytes ?? extraInfo.audio_size ?? 0),
			extraInfo,
			traceId,
			audioUrl: audioField,
			subtitleUrl,
		};
	}
	const buffer = decodeHexAudio(ctx, itemIndex, audioField, traceId);
	return {
		audio: await toOutputBinary(ctx, buffer, file),
		audioBytes: buffer.length,
		extraInfo,
		traceId,
		subtitleUrl,
	};
}

function decodeHexAudio(
	ctx: IExecuteFunctions,
	itemIndex: number,
	hex: string,
	traceId?: string,
): Buffer {
	// Buffer.from stops at the first non-hex character, so a length check validates the whole string
	// without a regex pass over tens of megabytes.
	const buffer = hex ? Buffer.from(hex, 'hex') : Buffer.alloc(0);
	if (!hex || buffer.length * 2 !== hex.length) {
		throw miniMaxApiError(ctx.getNode(), {
			message: hex ? 'MiniMax returned audio that is not valid hex' : 'MiniMax returned no audio',
			traceId,
			itemIndex,
		});
	}
	return buffer;
}

/**
 * Streaming mode: hex chunks arrive as SSE events, each carrying its own base_resp. A transient
 * error inside the stream restarts the request (sync speech creates no job that could be doubled).
 * The stream is complete only with its `status: 2` event (docs/minimax-api.md §2, §17.4): a stream that ends
 * before it, or goes silent for `idleTimeoutMs`, is an error (retried like a transient one), never
 * a shorter file.
 */
async function synthesizeStreamed(
	ctx: IExecuteFunctions,
	itemIndex: number,
	body: IDataObject,
	file: OutputFile,
	idleTimeoutMs: number,
): Promise<SyncSpeechResult> {
	const restart = retrySettingsOf(ctx);
	return await retryWithExponentialBackoff<SyncSpeechResult, Error>(
		async () => {
			try {
				return { value: await streamOnce(ctx, itemIndex, body, file, idleTimeoutMs) };
			} catch (error) {
				return { failure: error as Error };
			}
		},
		{
			settings: restart,
			sleep: async (ms) => await cancellableSleep(ctx, ms, itemIndex),
			// The request itself was retried by the transport; a transient error inside the stream
			// restarts the whole request (sync speech creates no job that could be doubled).
			classify: (error) =>
				(error as { transient?: boolean }).transient === true
					? { action: 'retry' }
					: { action: 'fail' },
			toError: (error) =>
				error instanceof NodeApiError || error instanceof NodeOperationError
					? error
					: new NodeOperationError(ctx.getNode(), error, { itemIndex }),
		},
	);
}

/** One streamed request, read to its final event; stream errors carry `transient` for a restart. */
async function streamOnce(
	ctx: IExecuteFunctions,
	itemIndex: number,
	body: IDataObject,
	file: OutputFile,
	idleTimeoutMs: number,
): Promise<SyncSpeechResult> {
	const {
		body: stream,
		traceId: headerTrace,
		startedAt,
	} = await miniMaxRequest.call(ctx, {
		method: 'POST',
		path: '/v1/t2a_v2',
		body,
		itemIndex,
		response: 'stream',
		timeoutMs: GENERATION_TIMEOUT_MS,
	});
	const chunks: Buffer[] = [];
	let aggregated: Buffer | undefined;
	let extraInfo: IDataObject = {};
	let traceId = headerTrace;
	let completed = false;
	const read = withBodyReadErrors(ctx, stream as AsyncIterable<Buffer>, {
		what: 'the audio stream',
		traceId: () => traceId,
		itemIndex,
		timing: {
			startedAt: startedAt ?? Date.now(),
			timeoutMs: GENERATION_TIMEOUT_MS,
			hint: 'Try again; for long texts use the long-text (async) operation.',
		},
	});
	const guarded = withIdleTimeout(
		read,
		idleTimeoutMs,
		() =>
			Object.assign(streamIdleError(ctx, idleTimeoutMs, 'the audio stream', traceId, itemIndex), {
				transient: true,
			}),
		() => destroyStream(stream),
	);
	for await (const raw of readSseJson(guarded)) {
		const event = raw as SpeechResponse;
		traceId = event.trace_id ?? traceId;
		const code = Number(event.base_resp?.status_code ?? 0);
		if (code !== 0) {
			throw Object.assign(
				miniMaxApiError(ctx.getNode(), {
					code,
					message: event.base_resp?.status_msg || 'MiniMax reported an error in the audio stream',
					traceId,
					itemIndex,
				}),
				{ transient: TRANSIENT_CODES.has(code) },
			);
		}
		const hex = event.data?.audio;
		if (event.extra_info || event.data?.status === 2) {
			completed = true;
			extraInfo = event.extra_info ?? extraInfo;
			if (hex) aggregated = decodeHexAudio(ctx, itemIndex, hex, traceId);
		} else if (hex) {
			chunks.push(decodeHexAudio(ctx, itemIndex, hex, traceId));
		}
	}
	if (!completed) {
		const received = chunks.reduce((sum, chunk) => sum + chunk.length, 0);
		throw Object.assign(
			endedEarlyError(
				ctx,
				`The audio stream ended before MiniMax completed it (no final status 2 event; ${received} bytes of audio received)`,
				traceId,
				itemIndex,
			),
			{ transient: true },
		);
	}
	// The final event repeats the whole audio unless exclude_aggregated_audio was honoured.
	const buffer = chunks.length ? Buffer.concat(chunks) : aggregated;
	if (!buffer?.length) {
		throw miniMaxApiError(ctx.getNode(), {
			message: 'The audio stream ended without audio',
			traceId,
			itemIndex,
		});
	}
	return {
		audio: await toOutputBinary(ctx, buffer, file),
		audioBytes: buffer.length,
		extraInfo,
		traceId,
	};
}
