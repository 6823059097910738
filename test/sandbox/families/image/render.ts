import { createHash } from 'crypto';

import { encodeJpeg, type JpegDrawing } from '../../media/jpeg';
import { encodePng } from '../../media/png';

/**
 * Deterministic pictures for image generation: the prompt, seed and image index pick a
 * background colour and a box, so every image of a request differs and the same request gives
 * the same bytes. JPEG (like MiniMax) by default, PNG on request.
 */

export type ImageEncoding = 'jpeg' | 'png';

export interface ImageRequestKey {
	prompt: string;
	seed?: number;
	index: number;
	width: number;
	height: number;
}

export function drawingFor(key: ImageRequestKey): JpegDrawing {
	const digest = createHash('sha1')
		.update(`${key.prompt}\n${key.seed ?? 'random'}\n${key.index}`)
		.digest();
	const { width, height } = key;
	const boxWidth = Math.max(8, Math.floor(width / 2));
	const boxHeight = Math.max(8, Math.floor(height / 2));
	const quadrant = digest[6] % 4;
	return {
		width,
		height,
		background: digest.readUIntBE(0, 3),
		box: {
			x: quadrant % 2 === 0 ? 0 : width - boxWidth,
			y: quadrant < 2 ? 0 : height - boxHeight,
			width: boxWidth,
			height: boxHeight,
			color: digest.readUIntBE(3, 3),
		},
	};
}

function rgb(color: number): readonly [number, number, number] {
	return [(color >> 16) & 0xff, (color >> 8) & 0xff, color & 0xff];
}

export async function renderImage(key: ImageRequestKey, encoding: ImageEncoding): Promise<Buffer> {
	const drawing = drawingFor(key);
	if (encoding === 'jpeg') return await encodeJpeg(drawing);
	const background = rgb(drawing.background);
	const boxColor = rgb(drawing.box.color);
	const { box } = drawing;
	return encodePng(drawing.width, drawing.height, (x, y) =>
		x >= box.x && x < box.x + box.width && y >= box.y && y < box.y + box.height
			? boxColor
			: background,
	);
}
