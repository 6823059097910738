import { updateDisplayOptions } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { readCommonOptions } from '../../shared/descriptions/options';
import { announcedLength, sizeProblem } from '../../shared/transport/bodyCheck';
import {
	downloadSignedUrlSniffed,
	storeSniffed,
	type SniffedBinary,
} from '../../shared/transport/sniffedDownload';
import { bodyReadError, endedEarlyError } from '../../shared/transport/streamErrors';
import { isBinaryStorageLimitError } from '../../shared/media/binaryLimit';
import { miniMaxRequest } from '../../shared/transport/request';
import { InputValidator } from '../../shared/validation';
import { fileJson, readFileId } from '../helpers/fileObject';
import { downloadedFileType } from '../helpers/fileType';
import { retrieveFile } from '../../shared/files/retrieve';
import { fileIdProperty, fileOptions } from '../helpers/fileProperties';
import { FILE_CONTENT_TIMEOUT_MS } from '../../shared/transport/consts';

const properties: INodeProperties[] = [fileIdProperty, fileOptions(true)];

export const description = updateDisplayOptions({ show: { operation: ['download'] } }, properties);

/**
 * files/retrieve, then its download_url fetched WITHOUT the API key and streamed into n8n's binary
 * storage (a lapsed link is renewed through retrieve). Files without a link are streamed from
 * files/retrieve_content through the authenticated transport instead.
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const check = new InputValidator(this.getNode(), itemIndex);
	const { outputField } = readCommonOptions(
		this.getNodeParameter('options', itemIndex, {}) as IDataObject,
	);
	const fileId = readFileId(check, this.getNodeParameter('fileId', itemIndex));
	const { file, traceId } = await retrieveFile(this, itemIndex, fileId.text);
	const name = file.filename || `minimax-file-${fileId.text}`;
	const fileFor = (head: Buffer) => downloadedFileType(name, head);

	let stored: SniffedBinary;
	let source: string;
	if (file.download_url) {
		source = 'download_url';
		stored = await downloadSignedUrlSniffed(this, {
			url: file.download_url,
			itemIndex,
			what: `file ${fileId.text}`,
			fileFor,
			refreshUrl: async () =>
				(await retrieveFile(this, itemIndex, fileId.text)).file.download_url ?? '',
		});
	} else {
		source = 'retrieve_content';
		const {
			body,
			headers,
			traceId: contentTrace,
			startedAt,
		} = await miniMaxRequest.call(this, {
			method: 'GET',
			path: '/v1/files/retrieve_content',
			qs: { file_id: fileId.text },
			response: 'stream',
			itemIndex,
			timeoutMs: FILE_CONTENT_TIMEOUT_MS,
		});
		try {
			stored = await storeSniffed(this, body as Parameters<typeof storeSniffed>[1], fileFor);
		} catch (error) {
			throw bodyReadError(this, error, {
				what: `the content of file ${fileId.text}`,
				passThrough: isBinaryStorageLimitError,
				traceId: () => contentTrace ?? traceId,
				itemIndex,
				timing: { startedAt: startedAt ?? Date.now(), timeoutMs: FILE_CONTENT_TIMEOUT_MS },
			});
		}
		// A body that ends early is an error, never a shorter file (bodyCheck.ts).
		const received = stored.binary.bytes;
		const problem =
			received === undefined ? undefined : sizeProblem(received, announcedLength(headers));
		if (problem) {
			throw endedEarlyError(
				this,
				`The content of file ${fileId.text} was incomplete: ${problem}`,
				contentTrace ?? traceId,
				itemIndex,
			);
		}
	}
	const binary = stored.binary;
	const json: IDataObject = {
		...fileJson(file),
		fileId: fileId.text,
		fileName: binary.fileName,
		mimeType: binary.mimeType,
		bytes: binary.bytes ?? file.bytes,
		source,
	};
	if (traceId) json.traceId = traceId;
	return [{ json, binary: { [outputField]: binary }, pairedItem: { item: itemIndex } }];
}
