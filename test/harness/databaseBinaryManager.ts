/**
 * A stand-in for n8n's `database` binary data manager (packages/cli DatabaseManager, not in n8n-core),
 * with its observable behaviour: it reads the whole stream into memory, and refuses a file larger than
 * the cap (N8N_BINARY_DATA_DATABASE_MAX_FILE_SIZE, MiB) with n8n-core's own FileTooLargeError after
 * reading it. Files are kept in memory; ids are `database:<uuid>`. The real one runs in `npm run test:queue`.
 */
import { randomUUID } from 'crypto';
import { readFile } from 'fs/promises';
import { Readable } from 'stream';

import { FileTooLargeError, type BinaryData } from 'n8n-core';

interface StoredFile {
	data: Buffer;
	fileName?: string;
	mimeType?: string;
}

async function toBuffer(input: Buffer | Readable): Promise<Buffer> {
	if (Buffer.isBuffer(input)) return input;
	const chunks: Buffer[] = [];
	for await (const chunk of input) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
	return Buffer.concat(chunks);
}

export class DatabaseBinaryManager implements BinaryData.Manager {
	readonly files = new Map<string, StoredFile>();

	constructor(public maxFileSizeMb = 512) {}

	async init(): Promise<void> {}

	async store(
		_location: BinaryData.FileLocation,
		bufferOrStream: Buffer | Readable,
		metadata: BinaryData.PreWriteMetadata,
	): Promise<BinaryData.WriteResult> {
		return this.insert(await toBuffer(bufferOrStream), metadata);
	}

	private insert(data: Buffer, metadata: BinaryData.PreWriteMetadata): BinaryData.WriteResult {
		const fileId = randomUUID();
		const fileSizeMb = data.length / (1024 * 1024);
		if (fileSizeMb > this.maxFileSizeMb) {
			throw new FileTooLargeError({
				fileSizeMb,
				maxFileSizeMb: this.maxFileSizeMb,
				fileId,
				fileName: metadata.fileName,
			});
		}
		this.files.set(fileId, { data, fileName: metadata.fileName, mimeType: metadata.mimeType });
		return { fileId, fileSize: data.length };
	}

	getPath(fileId: string): string {
		return `database://${fileId}`;
	}

	async getAsBuffer(fileId: string): Promise<Buffer> {
		const file = this.files.get(fileId);
		if (!file) throw new Error(`no binary file ${fileId}`);
		return file.data;
	}

	async getAsStream(fileId: string): Promise<Readable> {
		return Readable.from(await this.getAsBuffer(fileId));
	}

	async getMetadata(fileId: string): Promise<BinaryData.Metadata> {
		const file = this.files.get(fileId);
		if (!file) throw new Error(`no binary file ${fileId}`);
		return { fileName: file.fileName, mimeType: file.mimeType, fileSize: file.data.length };
	}

	async copyByFileId(_target: BinaryData.FileLocation, sourceFileId: string): Promise<string> {
		const file = this.files.get(sourceFileId);
		if (!file) throw new Error(`no binary file ${sourceFileId}`);
		const fileId = randomUUID();
		this.files.set(fileId, { ...file });
		return fileId;
	}

	async copyByFilePath(
		_target: BinaryData.FileLocation,
		sourcePath: string,
		metadata: BinaryData.PreWriteMetadata,
	): Promise<BinaryData.WriteResult> {
		return this.insert(await readFile(sourcePath), metadata);
	}

	async rename(oldFileId: string, newFileId: string): Promise<void> {
		const file = this.files.get(oldFileId);
		if (!file) throw new Error(`no binary file ${oldFileId}`);
		this.files.delete(oldFileId);
		this.files.set(newFileId, file);
	}
}
