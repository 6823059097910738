import type { IExecuteFunctions } from 'n8n-workflow';

import { getInputBinary, readInputBinaryBuffer } from '../../shared/media/binary';
import { sniffImage } from '../../shared/media/imageInfo';
import type { InputValidator } from '../../shared/validation';
import { MAX_REFERENCE_BYTES } from './imageModels';

export type ReferenceSource = 'none' | 'binary' | 'url';

const BINARY_LABEL = 'Character Image Field';
const URL_LABEL = 'Character Image URL';

/**
 * The `image_file` of a character reference: a data URL built from an input binary (checked to be
 * a JPG/PNG under 10 MB by its bytes, before any call), or a public URL MiniMax fetches itself.
 */
export async function referenceImageFile(
	ctx: IExecuteFunctions,
	itemIndex: number,
	check: InputValidator,
	source: ReferenceSource,
): Promise<string | undefined> {
	if (source === 'url') {
		const url = check.httpUrl(URL_LABEL, ctx.getNodeParameter('referenceUrl', itemIndex, ''));
		return url;
	}
	if (source !== 'binary') return undefined;
	const property = check.text(
		BINARY_LABEL,
		String(ctx.getNodeParameter('binaryPropertyName', itemIndex, 'data')).trim(),
		{ min: 1 },
	);
	const input = getInputBinary(ctx, itemIndex, property, BINARY_LABEL);
	if (input.size !== undefined && input.size >= MAX_REFERENCE_BYTES) {
		check.fail(
			BINARY_LABEL,
			`the image "${input.fileName}" is ${megabytes(input.size)}; it must be smaller than 10 MB`,
		);
	}
	const data = await readInputBinaryBuffer(ctx, itemIndex, property);
	if (data.length >= MAX_REFERENCE_BYTES) {
		check.fail(
			BINARY_LABEL,
			`the image "${input.fileName}" is ${megabytes(data.length)}; it must be smaller than 10 MB`,
		);
	}
	const image = sniffImage(data);
	if (!image || (image.format !== 'jpeg' && image.format !== 'png')) {
		check.fail(
			BINARY_LABEL,
			`the file "${input.fileName}" is not a JPG or PNG image${image ? ` (it is ${image.format.toUpperCase()})` : ''}`,
		);
	}
	return `data:${image.mimeType};base64,${data.toString('base64')}`;
}

function megabytes(bytes: number): string {
	return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
