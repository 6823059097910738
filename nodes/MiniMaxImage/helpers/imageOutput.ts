import type { IBinaryData, IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { slugFromText, toOutputBinary, type OutputFile } from '../../shared/media/binary';
import { miniMaxApiError } from '../../shared/transport/errors';
import { sniffImage } from '../../shared/media/imageInfo';
import { downloadSignedUrlSniffed } from '../../shared/transport/sniffedDownload';
import type { ImageSettings } from './imageRequest';

export interface ImageResponse {
	id?: string;
	data?: { image_urls?: string[] | null; image_base64?: string[] | null };
	metadata?: { success_count?: string | number; failed_count?: string | number };
}

export interface ImageCounts {
	requested: number;
	succeeded: number;
	failed: number;
}

/** Counts as MiniMax reports them (documented as integers, sent as strings), else from the arrays. */
export function countImages(
	response: ImageResponse,
	requested: number,
	produced: number,
): ImageCounts {
	const parse = (value: unknown) => {
		const number = Number.parseInt(String(value ?? ''), 10);
		return Number.isFinite(number) && number >= 0 ? number : undefined;
	};
	const succeeded = parse(response.metadata?.success_count) ?? produced;
	const failed = parse(response.metadata?.failed_count) ?? Math.max(0, requested - produced);
	return { requested, succeeded, failed };
}

export function partialNote(counts: ImageCounts, produced: number): string | undefined {
	if (counts.failed <= 0) return undefined;
	return `MiniMax blocked ${counts.failed} of ${counts.requested} images (content moderation); ${produced === 1 ? 'the 1 image produced is' : `the ${produced} images produced are`} returned.`;
}

function fileFor(settings: ImageSettings, index: number, head: Buffer): OutputFile {
	const image = sniffImage(head);
	const extension = image?.extension ?? 'jpg';
	return {
		fileName: `${slugFromText(settings.prompt, 'image')}-${index + 1}.${extension}`,
		mimeType: image?.mimeType ?? 'image/jpeg',
		extension,
	};
}

interface ProducedImage {
	binary?: IBinaryData;
	url?: string;
	width?: number;
	height?: number;
}

/** Downloads (without the API key, streamed) or decodes one image; links only leaves it as a URL. */
async function produceImage(
	ctx: IExecuteFunctions,
	itemIndex: number,
	settings: ImageSettings,
	index: number,
	source: { url?: string; base64?: string },
	traceId?: string,
): Promise<ProducedImage> {
	if (source.url !== undefined) {
		if (settings.linksOnly) return { url: source.url };
		const { binary, head } = await downloadSignedUrlSniffed(ctx, {
			url: source.url,
			itemIndex,
			what: `image ${index + 1}`,
			fileFor: (start) => fileFor(settings, index, start),
		});
		const image = sniffImage(head);
		if (!image)
			throw miniMaxApiError(ctx.getNode(), {
				message: `Image ${index + 1} from MiniMax is not a JPEG, PNG, WebP or GIF file`,
				traceId,
				itemIndex,
			});
		return { binary, url: source.url, width: image.width, height: image.height };
	}
	const data = Buffer.from(source.base64 ?? '', 'base64');
	const image = sniffImage(data);
	if (!image)
		throw miniMaxApiError(ctx.getNode(), {
			message: `Image ${index + 1} from MiniMax is not valid base64 image data`,
			traceId,
			itemIndex,
		});
	const binary = await toOutputBinary(ctx, data, fileFor(settings, index, data));
	return { binary, width: image.width, height: image.height };
}

/** One output item per image, each paired with its input item; partial results carry a note. */
export async function imageItems(
	ctx: IExecuteFunctions,
	itemIndex: number,
	settings: ImageSettings,
	response: ImageResponse,
	outputField: string,
	traceId?: string,
): Promise<INodeExecutionData[]> {
	const urls = (response.data?.image_urls ?? []).filter(Boolean);
	const encoded = (response.data?.image_base64 ?? []).filter(Boolean);
	const sources = urls.length
		? urls.map((url) => ({ url }))
		: encoded.map((base64) => ({ base64 }));
	const counts = countImages(response, settings.count, sources.length);
	if (sources.length === 0) {
		throw miniMaxApiError(ctx.getNode(), {
			message:
				counts.failed > 0
					? `MiniMax blocked all ${counts.requested} requested images (content moderation)`
					: 'MiniMax returned no images',
			traceId,
			itemIndex,
			note:
				counts.failed > 0
					? 'Nothing was produced for this item. Rephrase the prompt or use another character reference.'
					: undefined,
		});
	}
	const note = partialNote(counts, sources.length);
	const produced = await Promise.all(
		sources.map(
			async (source, index) => await produceImage(ctx, itemIndex, settings, index, source, traceId),
		),
	);
	return produced.map((image, index) => {
		const json: IDataObject = {
			imageNumber: index + 1,
			...counts,
			...(note ? { note } : {}),
			fileName: image.binary?.fileName,
			mimeType: image.binary?.mimeType,
			fileSizeBytes: image.binary?.bytes,
			width: image.width ?? settings.width,
			height: image.height ?? settings.height,
			imageUrl: image.url,
			imageUrlValidFor: image.url ? '24 hours' : undefined,
			model: settings.model,
			aspectRatio: settings.aspectRatio,
			seed: settings.seed,
			prompt: settings.prompt,
			generationId: response.id,
			traceId,
		};
		for (const key of Object.keys(json)) if (json[key] === undefined) delete json[key];
		return {
			json,
			binary: image.binary ? { [outputField]: image.binary } : undefined,
			pairedItem: { item: itemIndex },
		};
	});
}
