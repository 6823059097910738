import { NodeOperationError } from 'n8n-workflow';
import type { IBinaryData, IHttpRequestOptions } from 'n8n-workflow';

import type { BinaryContext, OutputFile, Readable } from '../media/binary';
import { toOutputBinary } from '../media/binary';
import { announcedLength, bodyExcerpt, sizeProblem, wrongContentType } from './bodyCheck';
import { binaryStorageLimitError, isBinaryStorageLimitError } from '../media/binaryLimit';
import { miniMaxApiError } from './errors';
import { backoffDelay, DEFAULT_RETRY, type RetrySettings } from './retry';
import { cancellableSleep, cancelSignalOf, readStreamText, throwIfCancelled } from './request';

export interface DownloadRequest {
	url: string;
	file: OutputFile;
	itemIndex: number;
	/** Gets a fresh signed URL (e.g. files/retrieve again) when the URL has expired; at most Max Retries times (at least once). */
	refreshUrl?: () => Promise<string>;
	retry?: RetrySettings;
	/** Describes what is downloaded, for error messages: "the generated audio". */
	what?: string;
	/** The file is media (audio, video, image): a JSON body is then an error page, not the file. */
	expectMedia?: boolean;
	/** The node's option that returns the link instead of the file, named when n8n's storage refuses the file. */
	urlOnlyOption?: string;
	/** The paid result the file belongs to ("task 123, file 456"), named when the file cannot be stored. */
	paidWork?: string;
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
	const retry = request.retry ?? DEFAULT_RETRY;
	const what = request.what ?? 'the file';
	let url = request.url;
	let refreshes = 0;
	let attempt = 0;
	for (;;) {
		throwIfCancelled(ctx, request.itemIndex);
		let failure: { message: string; status?: number; retryable: boolean; expired: boolean };
		let tooLarge: Error | undefined;
		try {
			const response = (await ctx.helpers.httpRequest({
				method: 'GET',
				url,
				encoding: 'stream',
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
				json: false,
				timeout: 120_000,
				abortSignal: cancelSignalOf(ctx),
			} as IHttpRequestOptions)) as { body: Readable; statusCode: number; headers: Record<string, string> };
			const wrongType = response.statusCode >= 200 && response.statusCode < 300 ? wrongContentType(response.headers, request.expectMedia === true) : undefined;
			if (wrongType) {
				const text = bodyExcerpt(await readStreamText(response.body).catch(() => ''));
				failure = { message: `downloading ${what} failed: ${wrongType}${text ? ` ("${text}")` : ''}`, retryable: true, expired: false };
			} else if (response.statusCode >= 200 && response.statusCode < 300) {
				try {
					const result = await consume(response.body);
					const received = sizeOf?.(result);
					const problem = received === undefined ? undefined : sizeProblem(received, announcedLength(response.headers));
					if (!problem) return result;
					failure = { message: `the download of ${what} was incomplete: ${problem}`, retryable: true, expired: false };
				} catch (error) {
					throwIfCancelled(ctx, request.itemIndex);
					// n8n's binary data storage refused the file (database mode size cap): retrying cannot help.
					if (isBinaryStorageLimitError(error)) tooLarge = error;
					failure = {
						message: `the download of ${what} broke off: ${(error as Error).message}`,
						retryable: true,
						expired: false,
					};
				}
			} else {
				const text = (await readStreamText(response.body).catch(() => '')).slice(0, 2000);
				const expired =
					EXPIRY_STATUSES.has(response.statusCode) &&
					(/expired|AccessDenied|signature/i.test(text) || response.statusCode === 410);
				failure = {
					message: expired
						? `the download link for ${what} has expired`
						: `downloading ${what} failed with HTTP ${response.statusCode}`,
					status: response.statusCode,
					retryable: response.statusCode === 429 || response.statusCode >= 500,
					expired,
				};
			}
		} catch (error) {
			throwIfCancelled(ctx, request.itemIndex);
			failure = {
				message: `downloading ${what} failed: ${String((error as Error).message).split('\n')[0]}`,
				retryable: true,
				expired: false,
			};
		}

		if (tooLarge) {
			throw binaryStorageLimitError(ctx.getNode(), tooLarge, { itemIndex: request.itemIndex, what, urlOnlyOption: request.urlOnlyOption, paidWork: request.paidWork });
		}
		if (failure.expired && request.refreshUrl && refreshes < Math.max(1, retry.maxRetries)) {
			refreshes++;
			url = await request.refreshUrl();
			continue;
		}
		if (failure.retryable && attempt < retry.maxRetries) {
			await cancellableSleep(ctx, backoffDelay(retry, attempt), request.itemIndex);
			attempt++;
			continue;
		}
		if (failure.expired) {
			throw new NodeOperationError(ctx.getNode(), capitalize(failure.message), {
				itemIndex: request.itemIndex,
				description: request.refreshUrl
					? `A fresh link was requested ${refreshes} time(s) and it had expired again. Check the system clock, then try again later.`
					: 'MiniMax links are only valid for a limited time (24 h for audio and images, 9 h for files). Generate again, or use the file ID with a Download operation to get a fresh link.',
			});
		}
		throw miniMaxApiError(ctx.getNode(), {
			message: capitalize(failure.message),
			httpStatus: failure.status,
			itemIndex: request.itemIndex,
		});
	}
}

function capitalize(text: string): string {
	return text.charAt(0).toUpperCase() + text.slice(1);
}
