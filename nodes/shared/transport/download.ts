import { NodeOperationError } from 'n8n-workflow';
import type { IBinaryData, IHttpRequestOptions } from 'n8n-workflow';

import type { BinaryContext, OutputFile, Readable } from '../media/binary';
import { toOutputBinary } from '../media/binary';
import { binaryStorageLimitError, isBinaryStorageLimitError } from '../media/binaryLimit';
import { announcedLength, bodyExcerpt, sizeProblem, wrongContentType } from './bodyCheck';
import { cancellableSleep, cancelSignalOf, throwIfCancelled } from './cancellation';
import { DOWNLOAD_TIMEOUT_MS } from './consts';
import { miniMaxApiError } from './errors';
import { readStreamText } from './request';
import { retryWithExponentialBackoff, type RetrySettings } from './retry';
import { retrySettingsOf } from './settings';

export interface DownloadRequest {
	url: string;
	file: OutputFile;
	itemIndex: number;
	/** Gets a fresh signed URL (e.g. files/retrieve again) when the URL has expired; at most Max Retries times (at least once). */
	refreshUrl?: () => Promise<string>;
	/** Overrides the execution's retry settings (node Options → Max Retries, Retry Delay). */
	retry?: RetrySettings;
	/** Describes what is downloaded, for error messages: "the generated audio". */
	what?: string;
	/** The file is media (audio, video, image): a JSON body is then an error page, not the file. */
	expectMedia?: boolean;
	/** The node's option that returns the link instead of the file, named when n8n's storage refuses the file. */
	urlOnlyOption?: string;
	/** The paid result the file belongs to ("task 123, file 456"), named when the file cannot be stored. */
	paidWork?: string;
	/**
	 * The URL is the user's own (an input file), not a MiniMax link: its failures are reported as
	 * that server's, without the "MiniMax:" prefix and with advice on the URL itself.
	 */
	userUrl?: boolean;
}

/** Object stores answer 403/410 (sometimes 404/400) with an "expired" body once a signed URL lapses. */
const EXPIRY_STATUSES = new Set([400, 401, 403, 404, 410]);

/**
 * Downloads a MiniMax signed URL WITHOUT the API key (a plain request; the signature is in the
 * URL) and streams it straight into n8n's binary storage.
 */
export async function downloadSignedUrl(
	ctx: BinaryContext,
	request: DownloadRequest,
): Promise<IBinaryData> {
	return await fetchSignedUrl(
		ctx,
		{ expectMedia: true, ...request },
		async (body) => await toOutputBinary(ctx, body, request.file),
		(binary) => binary.bytes,
	);
}

/** For small files the node must read itself (subtitles, archives): the same rules, into memory. */
export async function fetchSignedUrlBuffer(
	ctx: BinaryContext,
	request: Omit<DownloadRequest, 'file'>,
): Promise<Buffer> {
	return await fetchSignedUrl(ctx, request, readStreamBuffer, (buffer) => buffer.length);
}

async function readStreamBuffer(stream: Readable): Promise<Buffer> {
	const chunks: Buffer[] = [];
	for await (const chunk of stream as AsyncIterable<Buffer | string>) {
		chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
	}
	return Buffer.concat(chunks);
}

/**
 * The download loop itself (no key, retries, fresh links on expiry); `consume` reads the body and
 * `sizeOf` tells how many bytes it got, which must match Content-Length and not be 0 (bodyCheck.ts):
 * an incomplete or wrong body is retried like a broken connection, then reported.
 */
export async function fetchSignedUrl<T>(
	ctx: BinaryContext,
	request: Omit<DownloadRequest, 'file'>,
	consume: (body: Readable) => Promise<T>,
	sizeOf?: (result: T) => number | undefined,
): Promise<T> {
	const retry = request.retry ?? retrySettingsOf(ctx);
	const what = request.what ?? 'the file';
	let url = request.url;
	let refreshes = 0;
	return await retryWithExponentialBackoff<T, DownloadFailure>(
		async () => await attemptDownload(ctx, url, request, what, consume, sizeOf),
		{
			settings: retry,
			sleep: async (ms) => await cancellableSleep(ctx, ms, request.itemIndex),
			beforeAttempt: () => throwIfCancelled(ctx, request.itemIndex),
			classify: async (failure) => {
				// n8n's binary data storage refused the file (database mode size cap): retrying cannot help.
				if (failure.tooLarge) {
					const error = binaryStorageLimitError(ctx.getNode(), failure.tooLarge, {
						itemIndex: request.itemIndex,
						what,
						urlOnlyOption: request.urlOnlyOption,
						paidWork: request.paidWork,
					});
					return { action: 'fail', error };
				}
				// A fresh link does not use up a retry: the old one had lapsed, the file is fine.
				if (failure.expired && request.refreshUrl && refreshes < Math.max(1, retry.maxRetries)) {
					refreshes++;
					url = await request.refreshUrl();
					return { action: 'again' };
				}
				return failure.retryable ? { action: 'retry' } : { action: 'fail' };
			},
			toError: (failure) => downloadError(ctx, request, failure, refreshes),
		},
	);
}

interface DownloadFailure {
	message: string;
	status?: number;
	retryable: boolean;
	expired: boolean;
	/** n8n's binary data storage refused the file. */
	tooLarge?: Error;
}

/** One GET of the signed URL, read by `consume`; every way it can fail becomes a DownloadFailure. */
async function attemptDownload<T>(
	ctx: BinaryContext,
	url: string,
	request: Omit<DownloadRequest, 'file'>,
	what: string,
	consume: (body: Readable) => Promise<T>,
	sizeOf?: (result: T) => number | undefined,
): Promise<{ value: T } | { failure: DownloadFailure }> {
	let response: { body: Readable; statusCode: number; headers: Record<string, string> };
	try {
		response = (await ctx.helpers.httpRequest({
			method: 'GET',
			url,
			encoding: 'stream',
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			json: false,
			timeout: DOWNLOAD_TIMEOUT_MS,
			abortSignal: cancelSignalOf(ctx),
		} as IHttpRequestOptions)) as typeof response;
	} catch (error) {
		throwIfCancelled(ctx, request.itemIndex);
		const reason = String((error as Error).message).split('\n')[0];
		return {
			failure: {
				message: `downloading ${what} failed: ${reason}`,
				retryable: true,
				expired: false,
			},
		};
	}
	const ok = response.statusCode >= 200 && response.statusCode < 300;
	if (!ok) return { failure: await httpFailure(response, what) };
	const wrongType = wrongContentType(response.headers, request.expectMedia === true);
	if (wrongType) {
		const text = bodyExcerpt(await readStreamText(response.body).catch(() => ''));
		const message = `downloading ${what} failed: ${wrongType}${text ? ` ("${text}")` : ''}`;
		return { failure: { message, retryable: true, expired: false } };
	}
	try {
		const result = await consume(response.body);
		const received = sizeOf?.(result);
		const problem =
			received === undefined ? undefined : sizeProblem(received, announcedLength(response.headers));
		if (!problem) return { value: result };
		const message = `the download of ${what} was incomplete: ${problem}`;
		return { failure: { message, retryable: true, expired: false } };
	} catch (error) {
		throwIfCancelled(ctx, request.itemIndex);
		const message = `the download of ${what} broke off: ${(error as Error).message}`;
		const tooLarge = isBinaryStorageLimitError(error) ? error : undefined;
		return { failure: { message, retryable: true, expired: false, tooLarge } };
	}
}

/** An HTTP error answer: an expired link (object-store wording or 410), or a plain failure. */
async function httpFailure(
	response: { body: Readable; statusCode: number },
	what: string,
): Promise<DownloadFailure> {
	const text = (await readStreamText(response.body).catch(() => '')).slice(0, 2000);
	const expired =
		EXPIRY_STATUSES.has(response.statusCode) &&
		(/expired|AccessDenied|signature/i.test(text) || response.statusCode === 410);
	return {
		message: expired
			? `the download link for ${what} has expired`
			: `downloading ${what} failed with HTTP ${response.statusCode}`,
		status: response.statusCode,
		retryable: response.statusCode === 429 || response.statusCode >= 500,
		expired,
	};
}

function downloadError(
	ctx: BinaryContext,
	request: Omit<DownloadRequest, 'file'>,
	failure: DownloadFailure,
	refreshes: number,
): Error {
	if (request.userUrl) return userUrlError(ctx, request, failure);
	if (failure.expired) {
		return new NodeOperationError(ctx.getNode(), capitalize(failure.message), {
			itemIndex: request.itemIndex,
			description: request.refreshUrl
				? `A fresh link was requested ${refreshes} time(s) and it had expired again. Check the system clock, then try again later.`
				: 'MiniMax links are only valid for a limited time (24 h for audio and images, 9 h for files). Generate again, or use the file ID with a Download operation to get a fresh link.',
		});
	}
	return miniMaxApiError(ctx.getNode(), {
		message: capitalize(failure.message),
		httpStatus: failure.status,
		itemIndex: request.itemIndex,
	});
}

/**
 * A failed download of the user's own URL: the message says what failed (no "MiniMax:" prefix,
 * MiniMax was not called), the description says what to check. Nothing was sent to MiniMax.
 */
function userUrlError(
	ctx: BinaryContext,
	request: Omit<DownloadRequest, 'file'>,
	failure: DownloadFailure,
): NodeOperationError {
	const host = hostOf(request.url);
	const status = failure.status;
	const advice =
		status === undefined
			? `Check that the URL points straight at the file (not a web page or a share/preview link) and that ${host} is reachable from n8n.`
			: status === 401 || status === 403 || failure.expired
				? `${capitalize(host)} refused the download (HTTP ${status}): the link needs a login or has expired. Use a public or freshly signed link.`
				: status === 404 || status === 410
					? `${capitalize(host)} has no file at this URL (HTTP ${status}). Check the URL.`
					: `${capitalize(host)} answered HTTP ${status}. Check the URL, or try again later if that server is having trouble.`;
	return new NodeOperationError(ctx.getNode(), capitalize(failure.message), {
		itemIndex: request.itemIndex,
		description: `${advice} Nothing was sent to MiniMax.`,
	});
}

function hostOf(url: string): string {
	try {
		return `the server ${new URL(url).host}`;
	} catch {
		return 'the server';
	}
}

function capitalize(text: string): string {
	return text.charAt(0).toUpperCase() + text.slice(1);
}
