import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { getInputBinary, readInputBinaryBuffer } from '../../shared/media/binary';
import type { InputValidator } from '../../shared/validation';
import { imageForRequest, type ImageSource } from './imageInput';

/**
 * The media of a MiniMax-H3 request (content items next to the prompt): frames or reference
 * images, reference videos and reference audio, from input binaries (data URLs), URLs, or files
 * already uploaded to the Files API (`mm_file://<file_id>`, docs/minimax-api.md §17.2, so a large
 * input is uploaded once), with the limits MiniMax's own client enforces checked before the paid call.
 */

type MediaType = 'image' | 'video' | 'audio';
export type MediaSource = ImageSource | 'file';

const FILE_REFERENCE = /^(?:mm_file:\/\/)?(\d{1,32})$/i;

/** `mm_file://<file_id>` from a file ID typed as `123` or `mm_file://123`; fails naming the parameter. */
export function fileReference(check: InputValidator, parameter: string, value: unknown): string {
	const raw = check.text(parameter, String(value ?? '').trim(), { min: 1 });
	const match = FILE_REFERENCE.exec(raw);
	if (!match)
		check.fail(
			parameter,
			`"${raw}" is not a Files API file ID (digits, or mm_file://<file_id>); upload the file with the MiniMax Files node first`,
		);
	return `mm_file://${match[1]}`;
}

/** The File ID field of a media entry (shown for the "Uploaded File" source). */
export const fileIdField: INodeProperties = {
	displayName: 'File ID',
	name: 'fileId',
	type: 'string',
	default: '',
	placeholder: 'e.g. 313992866418884',
	displayOptions: { show: { source: ['file'] } },
	description:
		'The ID of a file uploaded with the MiniMax Files node (sent as an mm_file:// reference), so a large input is uploaded once',
};

const MB = 1024 * 1024;
const LIMITS: Record<MediaType, number> = { image: 30 * MB, video: 50 * MB, audio: 15 * MB };
const MAX_BODY_BYTES = 64 * MB;
const VIDEO_TYPES: Record<string, string> = { mp4: 'video/mp4' };
const AUDIO_TYPES: Record<string, string> = {
	mp3: 'audio/mp3',
	mpeg: 'audio/mp3',
	wav: 'audio/wav',
	'x-wav': 'audio/wav',
};

export const mediaProperty: INodeProperties = {
	displayName: 'Media',
	name: 'media',
	type: 'fixedCollection',
	default: {},
	placeholder: 'Add Image, Video or Audio',
	typeOptions: { multipleValues: true },
	description:
		'Optional frames or references: a first and/or last frame, or up to 9 reference images, 3 reference videos and 3 reference audios (frames and references cannot be mixed)',
	options: [
		{
			displayName: 'Media',
			name: 'values',
			values: [
				{
					displayName: 'Binary Field',
					name: 'binaryPropertyName',
					type: 'string',
					default: 'data',
					displayOptions: { show: { source: ['binary'] } },
					hint: 'The name of the input field containing the binary file data',
					description: 'The image, video or audio file sent with the request',
				},
				fileIdField,
				{
					displayName: 'Image Role',
					name: 'role',
					type: 'options',
					default: 'first_frame',
					options: [
						{
							name: 'First Frame',
							value: 'first_frame',
						},
						{
							name: 'Last Frame',
							value: 'last_frame',
						},
						{
							name: 'Reference Image',
							value: 'reference_image',
							description: 'A character, object or style to keep',
						},
					],
				},
				{
					displayName: 'Source',
					name: 'source',
					type: 'options',
					default: 'binary',
					options: [
						{
							name: 'Binary File From Input',
							value: 'binary',
						},
						{
							name: 'Uploaded File (Files API)',
							value: 'file',
							description: 'A file already uploaded with the MiniMax Files node, by its file ID',
						},
						{
							name: 'URL',
							value: 'url',
							description: 'A public link (or an mm_file:// reference to an uploaded file)',
						},
					],
				},
				{
					displayName: 'Type',
					name: 'type',
					type: 'options',
					default: 'image',
					options: [
						{
							name: 'Image',
							value: 'image',
						},
						{
							name: 'Video (Reference)',
							value: 'video',
							description: 'MP4, up to 50 MB',
						},
						{
							name: 'Audio (Reference)',
							value: 'audio',
							description: 'MP3 or WAV, up to 15 MB;	needs a reference image or video',
						},
					],
				},
				{
					displayName: 'URL',
					name: 'url',
					type: 'string',
					default: '',
					placeholder: 'https://example.com/reference.mp4',
					displayOptions: { show: { source: ['url'] } },
				},
			],
		},
	],
};

export interface H3Media {
	items: IDataObject[];
	hasFrames: boolean;
	hasReferences: boolean;
}

export async function readH3Media(
	ctx: IExecuteFunctions,
	itemIndex: number,
	check: InputValidator,
): Promise<H3Media> {
	const entries = (ctx.getNodeParameter('media.values', itemIndex, []) as IDataObject[]) ?? [];
	const items: IDataObject[] = [];
	const counts = { first_frame: 0, last_frame: 0, reference_image: 0, video: 0, audio: 0 };
	let bodyBytes = 0;
	for (const [index, entry] of entries.entries()) {
		const label = `Media ${index + 1}`;
		const type = check.oneOf(`${label} › Type`, entry.type ?? 'image', [
			'image',
			'video',
			'audio',
		] as MediaType[]);
		const source = check.oneOf(`${label} › Source`, entry.source ?? 'binary', [
			'binary',
			'url',
			'file',
		] as MediaSource[]);
		const field = { binary: 'Binary Field', url: 'URL', file: 'File ID' }[source];
		const parameter = `${label} › ${field}`;
		const value = { binary: entry.binaryPropertyName, url: entry.url, file: entry.fileId }[source];
		const uploaded =
			source === 'file' || (source === 'url' && /^mm_file:\/\//i.test(String(value ?? '').trim()))
				? fileReference(check, parameter, value)
				: undefined;
		if (type === 'image') {
			const role = check.oneOf(`${label} › Image Role`, entry.role ?? 'first_frame', [
				'first_frame',
				'last_frame',
				'reference_image',
			] as const);
			const url =
				uploaded ??
				(await imageForRequest(ctx, itemIndex, check, {
					parameter,
					source: source as ImageSource,
					value,
					maxBytes: LIMITS.image,
				}));
			counts[role]++;
			bodyBytes += url.length;
			items.push({ type: 'image_url', image_url: { url }, role });
		} else {
			const url =
				uploaded ??
				(await mediaUrl(ctx, itemIndex, check, parameter, source as ImageSource, value, type));
			counts[type]++;
			bodyBytes += url.length;
			items.push(
				type === 'video'
					? { type: 'video_url', video_url: { url }, role: 'reference_video' }
					: { type: 'audio_url', audio_url: { url }, role: 'reference_audio' },
			);
		}
	}
	checkCounts(check, counts);
	if (bodyBytes > MAX_BODY_BYTES) {
		check.fail(
			'Media',
			`the files add up to ${(bodyBytes / MB).toFixed(1)} MB as base64; MiniMax-H3 takes at most 64 MB per request. Use URLs for large files.`,
		);
	}
	return {
		items,
		hasFrames: counts.first_frame + counts.last_frame > 0,
		hasReferences: counts.reference_image + counts.video + counts.audio > 0,
	};
}

function checkCounts(
	check: InputValidator,
	counts: Record<'first_frame' | 'last_frame' | 'reference_image' | 'video' | 'audio', number>,
): void {
	if (counts.first_frame > 1 || counts.last_frame > 1)
		check.fail('Media', 'MiniMax-H3 takes at most one first frame and one last frame');
	const references = counts.reference_image + counts.video + counts.audio;
	if (counts.reference_image > 9 || counts.video > 3 || counts.audio > 3 || references > 12) {
		check.fail(
			'Media',
			'MiniMax-H3 takes up to 9 reference images, 3 reference videos and 3 reference audios (12 in total)',
		);
	}
	if (counts.first_frame + counts.last_frame > 0 && references > 0) {
		check.fail(
			'Media',
			'frames (first/last) and references (reference images, videos, audio) cannot be used together',
		);
	}
	if (counts.audio > 0 && counts.reference_image + counts.video === 0) {
		check.fail('Media', 'reference audio needs at least one reference image or reference video');
	}
}

export async function mediaUrl(
	ctx: IExecuteFunctions,
	itemIndex: number,
	check: InputValidator,
	parameter: string,
	source: ImageSource,
	value: unknown,
	type: 'video' | 'audio',
): Promise<string> {
	if (source === 'url') {
		const url = check.text(parameter, String(value ?? '').trim(), { min: 1 });
		const dataUrl =
			type === 'video' ? /^data:video\/mp4;base64,/i : /^data:audio\/(mp3|mpeg|wav);base64,/i;
		if (!/^(https?|mm_file):\/\/\S+$/i.test(url) && !dataUrl.test(url))
			check.fail(parameter, `"${url}" is not an http(s) URL or mm_file:// ID`);
		return url;
	}
	const property = check.text(parameter, String(value ?? '').trim(), { min: 1 });
	const input = getInputBinary(ctx, itemIndex, property, parameter);
	const subtype = input.mimeType.toLowerCase().split('/')[1] ?? '';
	const extension = (
		input.meta.fileExtension ??
		input.fileName.split('.').pop() ??
		''
	).toLowerCase();
	const types = type === 'video' ? VIDEO_TYPES : AUDIO_TYPES;
	const mime = types[subtype] ?? types[extension];
	if (!mime)
		check.fail(
			parameter,
			`the file "${input.fileName}" is ${input.mimeType}; MiniMax-H3 takes ${type === 'video' ? 'MP4 videos' : 'MP3 or WAV audio'}`,
		);
	const limit = LIMITS[type];
	if (input.size !== undefined && input.size > limit)
		check.fail(
			parameter,
			`the file "${input.fileName}" is larger than ${limit / MB} MB; use a URL instead`,
		);
	const data = await readInputBinaryBuffer(ctx, itemIndex, property);
	if (data.length > limit)
		check.fail(
			parameter,
			`the file "${input.fileName}" is larger than ${limit / MB} MB; use a URL instead`,
		);
	return `data:${mime};base64,${data.toString('base64')}`;
}
