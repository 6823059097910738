import { execFile } from 'child_process';

import { ffprobePath } from '../../../support/ffprobe';

/** What tests check on a generated MP4: container, codec, frame size, length, decode errors. */
export interface VideoProbe {
	formatName: string;
	codec: string;
	width: number;
	height: number;
	/** Seconds. */
	duration: number;
	/** File size as ffprobe saw it. */
	size: number;
	errors: string[];
}

/** ffprobe on a file path; `decode` reads every frame and reports decoder complaints. */
export function probeVideo(file: string, options: { decode?: boolean } = {}): Promise<VideoProbe> {
	const args = ['-v', options.decode ? 'warning' : 'error'];
	if (options.decode) args.push('-count_frames');
	args.push(
		'-select_streams',
		'v:0',
		'-show_entries',
		'format=format_name,duration,size:stream=codec_name,width,height',
		'-of',
		'json',
		file,
	);
	return new Promise((resolve, reject) => {
		execFile(ffprobePath(), args, { maxBuffer: 4 * 1024 * 1024 }, (error, stdout, stderr) => {
			if (error) return reject(new Error(`ffprobe failed: ${error.message}\n${stderr}`));
			const parsed = JSON.parse(stdout) as {
				format?: { format_name?: string; duration?: string; size?: string };
				streams?: Array<{ codec_name?: string; width?: number; height?: number }>;
			};
			const stream = parsed.streams?.[0] ?? {};
			resolve({
				formatName: parsed.format?.format_name ?? '',
				codec: stream.codec_name ?? '',
				width: stream.width ?? 0,
				height: stream.height ?? 0,
				duration: Number(parsed.format?.duration ?? NaN),
				size: Number(parsed.format?.size ?? NaN),
				errors: stderr
					.split('\n')
					.map((line) => line.trim())
					.filter(Boolean),
			});
		});
	});
}
