import type { IBinaryData, IExecuteFunctions } from 'n8n-workflow';

import { getInputBinary, type Readable } from '../../shared/media/binary';
import {
	MEDIA_CONTAINER_NAMES,
	sniffMediaContainer,
	uploadIdentity,
	type MediaContainer,
} from '../../shared/media/mediaContainer';
import { downloadSignedUrlSniffed, peek } from '../../shared/transport/sniffedDownload';
import type { StreamedFile } from '../../shared/transport/upload';
import type { InputValidator } from '../../shared/validation';

/**
 * MiniMax's upload limit for speech to text (docs/minimax-api.md §17.1): 50 MB, read as decimal
 * megabytes (50,000,000 bytes), the stricter reading, which an independent client also uses.
 */
export const MAX_MEDIA_BYTES = 50_000_000;

export const BINARY_LABEL = 'Input Binary Field';
export const URL_LABEL = 'Media URL';

export interface MediaUpload {
	file: StreamedFile;
	container: MediaContainer;
	/** The input's own name, for output file names: "interview.mp4". */
	sourceName: string;
}

const HEAD_BYTES = 64;

/**
 * The audio or video to transcribe, checked before any call to MiniMax: not empty, at most 50 MB,
 * and a container MiniMax accepts (by its first bytes, whatever its name or MIME type says).
 * From an input binary, the bytes are streamed from n8n's binary storage when n8n keeps them out of
 * memory; from a URL, the file is downloaded without the API key (it is someone else's server)
 * into n8n's binary storage first, then streamed the same way.
 */
export async function readMediaInput(
	ctx: IExecuteFunctions,
	itemIndex: number,
	check: InputValidator,
): Promise<MediaUpload> {
	const source = check.oneOf(
		'Audio or Video',
		ctx.getNodeParameter('mediaSource', itemIndex, 'binary'),
		['binary', 'url'] as const,
	);
	if (source === 'url') return await fromUrl(ctx, itemIndex, check);
	const property = check.text(
		BINARY_LABEL,
		String(ctx.getNodeParameter('binaryPropertyName', itemIndex, 'data')).trim(),
		{ min: 1 },
	);
	const input = getInputBinary(ctx, itemIndex, property, BINARY_LABEL);
	return await checked(
		ctx,
		check,
		BINARY_LABEL,
		input.meta,
		input.fileName,
		async () => await ctx.helpers.getBinaryDataBuffer(itemIndex, property),
	);
}

async function fromUrl(
	ctx: IExecuteFunctions,
	itemIndex: number,
	check: InputValidator,
): Promise<MediaUpload> {
	const url = check.httpUrl(URL_LABEL, ctx.getNodeParameter('mediaUrl', itemIndex, ''));
	const name = nameFromUrl(url);
	const { binary } = await downloadSignedUrlSniffed(ctx, {
		url,
		itemIndex,
		what: `the file at ${URL_LABEL}`,
		expectMedia: true,
		userUrl: true,
		headBytes: HEAD_BYTES,
		fileFor: (head) => {
			const container = sniffMediaContainer(head);
			return {
				fileName: name,
				mimeType: container?.mimeType ?? 'application/octet-stream',
				extension: container?.format ?? 'bin',
			};
		},
	});
	return await checked(ctx, check, URL_LABEL, binary, name, async () =>
		Buffer.from(binary.data, 'base64'),
	);
}

/** Size and container checks on a stored binary; the upload then streams it from storage. */
async function checked(
	ctx: IExecuteFunctions,
	check: InputValidator,
	label: string,
	meta: IBinaryData,
	fileName: string,
	inMemory: () => Promise<Buffer>,
): Promise<MediaUpload> {
	let size: number;
	let open: () => Promise<Readable | Buffer>;
	let head: Buffer;
	if (meta.id) {
		const id = meta.id;
		size = (await ctx.helpers.getBinaryMetadata(id)).fileSize;
		if (size > MAX_MEDIA_BYTES) tooLarge(check, label, fileName, size);
		const openStream = async () => await ctx.helpers.getBinaryStream(id, 256 * 1024);
		open = openStream;
		head = size > 0 ? await firstBytes(await openStream()) : Buffer.alloc(0);
	} else {
		const data = await inMemory();
		size = data.length;
		if (size > MAX_MEDIA_BYTES) tooLarge(check, label, fileName, size);
		open = async () => data;
		head = data.subarray(0, HEAD_BYTES);
	}
	if (size === 0) check.fail(label, `the file "${fileName}" is empty`);
	const container = sniffMediaContainer(head);
	if (!container) {
		check.fail(
			label,
			`the file "${fileName}" is not an audio or video file MiniMax can transcribe`,
			`Speech to Text accepts ${MEDIA_CONTAINER_NAMES} files (recognised by their content, not their name). Convert other formats first, e.g. with ffmpeg: ffmpeg -i input -ac 1 -ar 16000 output.mp3`,
		);
	}
	return {
		file: { ...uploadIdentity(container, fileName), size, open },
		container,
		sourceName: fileName,
	};
}

function tooLarge(check: InputValidator, label: string, fileName: string, size: number): never {
	return check.fail(
		label,
		`the file "${fileName}" is ${(size / 1_000_000).toFixed(1)} MB; MiniMax transcribes files of at most 50 MB (50,000,000 bytes)`,
		'Shrink it first: speech needs neither a high sample rate nor stereo, e.g. ffmpeg -i input -vn -ac 1 -ar 16000 -b:a 48k output.mp3 (about 21 MB per hour).',
	);
}

async function firstBytes(stream: Readable): Promise<Buffer> {
	try {
		const { head } = await peek(stream, HEAD_BYTES);
		return head;
	} finally {
		stream.destroy();
	}
}

function nameFromUrl(url: string): string {
	try {
		const last = new URL(url).pathname.split('/').filter(Boolean).pop();
		return last ? decodeURIComponent(last) : 'media';
	} catch {
		return 'media';
	}
}
