import { execFile } from 'child_process';

import { ffmpegPath } from '../../support/mediaTools';

/**
 * Baseline JPEGs made by ffmpeg (a dev dependency) from its lavfi colour source: a background
 * colour with one filled box. Results are cached, so repeated requests cost one encode.
 */

export interface JpegDrawing {
	width: number;
	height: number;
	/** 0xRRGGBB */
	background: number;
	box: { x: number; y: number; width: number; height: number; color: number };
}

const CACHE_LIMIT = 64;
const cache = new Map<string, Promise<Buffer>>();

const hex = (color: number) => `0x${color.toString(16).padStart(6, '0')}`;

export function encodeJpeg(drawing: JpegDrawing): Promise<Buffer> {
	const { width, height, background, box } = drawing;
	const key = JSON.stringify(drawing);
	const hit = cache.get(key);
	if (hit) return hit;
	const filter = `color=c=${hex(background)}:s=${width}x${height}:d=1,drawbox=x=${box.x}:y=${box.y}:w=${box.width}:h=${box.height}:color=${hex(box.color)}@1:t=fill`;
	const args = [
		'-v',
		'error',
		'-f',
		'lavfi',
		'-i',
		filter,
		'-frames:v',
		'1',
		'-q:v',
		'4',
		'-f',
		'image2pipe',
		'-c:v',
		'mjpeg',
		'pipe:1',
	];
	const pending = new Promise<Buffer>((resolve, reject) => {
		execFile(
			ffmpegPath(),
			args,
			{ encoding: 'buffer', maxBuffer: 64 * 1024 * 1024 },
			(error, stdout, stderr) => {
				if (error)
					reject(new Error(`ffmpeg could not make a JPEG: ${error.message} ${stderr.toString()}`));
				else resolve(stdout);
			},
		);
	});
	pending.catch(() => cache.delete(key));
	cache.set(key, pending);
	if (cache.size > CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
	return pending;
}

export function isJpeg(data: Buffer): boolean {
	return data.length >= 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff;
}
