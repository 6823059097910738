import { NodeOperationError } from 'n8n-workflow';
import type {
	IBinaryData,
	IExecuteFunctions,
	IPollFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';

export type BinaryContext = IExecuteFunctions | IPollFunctions | IWebhookFunctions;

/** Node's Readable, named through n8n's own helper signature (runtime code may not import 'stream'). */
export type Readable = Exclude<
	Parameters<IExecuteFunctions['helpers']['prepareBinaryData']>[0],
	Buffer
>;

export interface InputBinary {
	meta: IBinaryData;
	fileName: string;
	mimeType: string;
	/** Known size in bytes, when n8n recorded it. */
	size?: number;
}

/**
 * Why a binary field name matched nothing. Users drag the file itself into the field (an expression
 * such as `{{ $binary.data }}` that callers receive stringified as "[object Object]") or type its
 * path (`$binary.data`, `binary.data`); both get the field name to type instead (n8n-io/n8n#20481).
 */
function missingFieldProblem(propertyName: string, available: string[]): string {
	const example = available[0] ?? 'data';
	if (propertyName === '[object Object]') {
		return `it is a file, not the name of a binary field; type the field name, e.g. "${example}"`;
	}
	const path = /^\$?binary\.([\w-]+)$/.exec(propertyName);
	const hint = path ? `; type only the field name: "${path[1]}"` : '';
	return `there is no binary field "${propertyName}"${hint}`;
}

/** Finds an input binary or fails with a message naming the parameter and the item. */
export function getInputBinary(
	ctx: IExecuteFunctions,
	itemIndex: number,
	propertyName: string,
	parameterLabel: string,
): InputBinary {
	const item = ctx.getInputData()[itemIndex];
	const available = Object.keys(item?.binary ?? {});
	const meta = item?.binary?.[propertyName];
	if (!propertyName || !meta) {
		const availableText = available.length
			? `Binary fields on this item: ${available.join(', ')}.`
			: 'This item has no binary data at all: connect a node that outputs a file (e.g. Read/Write Files from Disk, HTTP Request with "File" response).';
		throw new NodeOperationError(
			ctx.getNode(),
			`Invalid "${parameterLabel}" for item ${itemIndex}: ${missingFieldProblem(propertyName, available)}`,
			{ itemIndex, description: availableText },
		);
	}
	const size = parseSize(meta);
	return {
		meta,
		fileName: meta.fileName ?? `${propertyName}.${meta.fileExtension ?? 'bin'}`,
		mimeType: meta.mimeType ?? 'application/octet-stream',
		size,
	};
}

function parseSize(meta: IBinaryData): number | undefined {
	if (typeof meta.bytes === 'number') return meta.bytes;
	if (!meta.fileSize) return undefined;
	const match = /^([\d.]+)\s*(B|kB|KB|MB|GB)?$/i.exec(String(meta.fileSize).trim());
	if (!match) return undefined;
	const unit = (match[2] ?? 'B').toUpperCase();
	const factor = unit === 'GB' ? 1024 ** 3 : unit === 'MB' ? 1024 ** 2 : unit === 'KB' ? 1024 : 1;
	return Math.round(Number(match[1]) * factor);
}

/** Streams the binary when n8n keeps it out of memory (filesystem, S3, database modes). */
export async function readInputBinaryStream(
	ctx: IExecuteFunctions,
	itemIndex: number,
	propertyName: string,
	input: InputBinary,
): Promise<Readable | Buffer> {
	if (input.meta.id) return await ctx.helpers.getBinaryStream(input.meta.id, 256 * 1024);
	return await ctx.helpers.getBinaryDataBuffer(itemIndex, propertyName);
}

export async function readInputBinaryBuffer(
	ctx: IExecuteFunctions,
	itemIndex: number,
	propertyName: string,
): Promise<Buffer> {
	return await ctx.helpers.getBinaryDataBuffer(itemIndex, propertyName);
}

export interface OutputFile {
	fileName: string;
	mimeType: string;
	extension: string;
	/**
	 * n8n's file type when its guess from the MIME type misses: "text" for SubRip subtitles
	 * (application/x-subrip), so .srt shows like .vtt (text/vtt) in n8n's binary viewer.
	 */
	fileType?: IBinaryData['fileType'];
}

/** Builds an output binary with an explicit MIME type and extension (n8n would guess "mpga" for MP3). */
export async function toOutputBinary(
	ctx: BinaryContext,
	data: Buffer | Readable,
	file: OutputFile,
): Promise<IBinaryData> {
	const binary = await ctx.helpers.prepareBinaryData(data, file.fileName, file.mimeType);
	binary.fileExtension = file.extension;
	binary.fileName = file.fileName;
	if (file.fileType) binary.fileType = file.fileType;
	return binary;
}

export function binarySummary(binary: IBinaryData): {
	fileName?: string;
	mimeType: string;
	fileExtension?: string;
	fileSize?: string;
} {
	return {
		fileName: binary.fileName,
		mimeType: binary.mimeType,
		fileExtension: binary.fileExtension,
		fileSize: binary.fileSize,
	};
}

/** A short, file-system-safe name from the start of a text: "hello-there-welcome". */
export function slugFromText(text: string, fallback: string, maxLength = 40): string {
	const slug = text
		.normalize('NFKD')
		.replace(/<#[\d.]+#>/g, ' ')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '')
		.slice(0, maxLength)
		.replace(/-+$/g, '');
	return slug || fallback;
}
