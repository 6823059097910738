import { execFile } from 'child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

import { ffprobePath } from './mediaTools';

export { ffprobePath };

export interface ProbeStream {
	codec_name: string;
	sample_rate: number;
	channels: number;
	bit_rate?: number;
	/** Frames decoded (only with decode: true). */
	nb_read_frames?: number;
}

export interface ProbeResult {
	format_name: string;
	/** Seconds. */
	duration: number;
	streams: ProbeStream[];
	/** Decoder complaints (only with decode: true, which decodes every frame and checks CRCs). */
	errors: string[];
}

export interface ProbeOptions {
	/** Decode everything with CRC checks, collecting decoder errors. */
	decode?: boolean;
	/** For headerless PCM: s16le with this rate and channel count. */
	raw?: { sampleRate: number; channels: number };
}

interface RawProbe {
	format?: { format_name?: string; duration?: string };
	streams?: Array<{
		codec_name?: string;
		sample_rate?: string;
		channels?: number;
		bit_rate?: string;
		nb_read_frames?: string;
	}>;
}

function run(args: string[]): Promise<{ stdout: string; stderr: string }> {
	return new Promise((resolve, reject) => {
		execFile(ffprobePath(), args, { maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
			if (error) reject(new Error(`ffprobe failed: ${error.message}\n${stderr}`));
			else resolve({ stdout, stderr });
		});
	});
}

export async function probe(
	input: Buffer | string,
	options: ProbeOptions = {},
): Promise<ProbeResult> {
	let dir: string | undefined;
	let file = typeof input === 'string' ? input : '';
	if (typeof input !== 'string') {
		dir = mkdtempSync(join(tmpdir(), 'probe-'));
		file = join(dir, 'input.bin');
		writeFileSync(file, input);
	}
	try {
		const args = ['-v', options.decode ? 'warning' : 'error'];
		if (options.decode) args.push('-err_detect', 'crccheck', '-count_frames');
		if (options.raw)
			args.push(
				'-f',
				's16le',
				'-ar',
				String(options.raw.sampleRate),
				'-ac',
				String(options.raw.channels),
			);
		args.push(
			'-show_entries',
			'format=format_name,duration:stream=codec_name,sample_rate,channels,bit_rate,nb_read_frames',
			'-of',
			'json',
			file,
		);
		const { stdout, stderr } = await run(args);
		const parsed = JSON.parse(stdout) as RawProbe;
		return {
			format_name: parsed.format?.format_name ?? '',
			duration: Number(parsed.format?.duration ?? NaN),
			streams: (parsed.streams ?? []).map((s) => ({
				codec_name: s.codec_name ?? '',
				sample_rate: Number(s.sample_rate),
				channels: s.channels ?? 0,
				bit_rate: s.bit_rate === undefined ? undefined : Number(s.bit_rate),
				nb_read_frames: s.nb_read_frames === undefined ? undefined : Number(s.nb_read_frames),
			})),
			// "Estimating duration from bitrate" is informational for CBR MP3 without a Xing header.
			errors: stderr
				.split('\n')
				.map((line) => line.trim())
				.filter((line) => line && !/Estimating duration from bitrate/.test(line)),
		};
	} finally {
		if (dir) rmSync(dir, { recursive: true, force: true });
	}
}
