import { NodeOperationError } from 'n8n-workflow';
import type { INode } from 'n8n-workflow';

/**
 * n8n's binary data storage can refuse a file. In `database` mode (n8n 2.x's default in queue mode)
 * n8n reads the whole file, then rejects it when it is larger than N8N_BINARY_DATA_DATABASE_MAX_FILE_SIZE
 * (MiB, default 512, at most 1024) with a FileTooLargeError (n8n-core):
 * "Failed to write binary file … because its size of 600 MB exceeds the max size limit of 512 MB set for
 * `database` mode. Consider increasing `N8N_BINARY_DATA_DATABASE_MAX_FILE_SIZE` …".
 * Nodes cannot read the environment, so they recognise that error and explain it in the node's terms.
 */

const LIMIT_MESSAGE = /size of ([\d.]+) MB exceeds the max size limit of ([\d.]+) MB/;

/** Whether an error is n8n's "file too large for binary data storage" (FileTooLargeError). */
export function isBinaryStorageLimitError(error: unknown): error is Error {
	if (!(error instanceof Error)) return false;
	return (
		error.constructor?.name === 'FileTooLargeError' ||
		error.name === 'FileTooLargeError' ||
		/N8N_BINARY_DATA_DATABASE_MAX_FILE_SIZE/.test(error.message) ||
		LIMIT_MESSAGE.test(error.message)
	);
}

export interface BinaryLimitContext {
	itemIndex: number;
	/** What was being stored, for the message: "the video". */
	what: string;
	/** The node's own way to get a link instead of a file: 'Options › Output: "Download URL Only"'. */
	urlOnlyOption?: string;
	/** The paid result the file belongs to, so it is not lost: "task 123, file 456". */
	paidWork?: string;
}

/**
 * The clear error for a file n8n's binary data storage refused: its size and the limit (from n8n's
 * message), the setting that sets the limit, and the node's URL-only output. Never retried: the same
 * file will not fit on the next attempt either.
 */
export function binaryStorageLimitError(
	node: INode,
	error: Error,
	context: BinaryLimitContext,
): NodeOperationError {
	const sizes = LIMIT_MESSAGE.exec(error.message);
	const what = context.what.charAt(0).toUpperCase() + context.what.slice(1);
	const sizeText = sizes ? ` (${sizes[1]} MB; the limit is ${sizes[2]} MB)` : '';
	const urlOnly = context.urlOnlyOption ?? "the node's option to return the download URL only";
	const kept = context.paidWork
		? `It is finished and billed (${context.paidWork}): nothing is lost, get its link again with that ID. `
		: '';
	return new NodeOperationError(
		node,
		`${what} is too large for n8n's binary data storage${sizeText}`,
		{
			itemIndex: context.itemIndex,
			description:
				kept +
				`n8n stores binary data in its database here (binary data mode "database", the default in queue mode) and refuses files larger than N8N_BINARY_DATA_DATABASE_MAX_FILE_SIZE (MiB, default 512, at most 1024). ` +
				`Use ${urlOnly} to get the signed link without downloading the file, or raise N8N_BINARY_DATA_DATABASE_MAX_FILE_SIZE on every n8n process (main, workers, webhook processors), ` +
				`or store binary data in S3 (N8N_DEFAULT_BINARY_DATA_MODE=s3). n8n said: ${error.message}`,
		},
	);
}
