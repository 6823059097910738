import { execFile } from 'child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

import { ffprobePath } from '../../support/ffprobe';

export interface ProbedImage {
	/** ffprobe's codec name: mjpeg, png, … */
	codec: string;
	width: number;
	height: number;
}

/** Decodes an image's header with ffprobe (tests use it to check real dimensions). */
export async function probeImage(data: Buffer): Promise<ProbedImage> {
	const dir = mkdtempSync(join(tmpdir(), 'image-probe-'));
	const file = join(dir, 'image');
	writeFileSync(file, data);
	try {
		const stdout = await new Promise<string>((resolve, reject) =>
			execFile(
				ffprobePath(),
				['-v', 'error', '-show_entries', 'stream=codec_name,width,height', '-of', 'json', file],
				(error, out, err) => (error ? reject(new Error(`ffprobe failed: ${err}`)) : resolve(out)),
			),
		);
		const stream = (
			JSON.parse(stdout) as {
				streams: Array<{ codec_name: string; width: number; height: number }>;
			}
		).streams[0];
		return { codec: stream.codec_name, width: stream.width, height: stream.height };
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}
