import { execFileSync } from 'child_process';
import { existsSync, mkdirSync, readFileSync, renameSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

import { ffmpegPath } from './mediaTools';

/** A mono 16-bit WAV sine tone, built in memory. */
export function sineWav(seconds: number, sampleRate = 16000, frequency = 220): Buffer {
	const samples = Math.round(seconds * sampleRate);
	const data = Buffer.alloc(samples * 2);
	for (let i = 0; i < samples; i++) {
		data.writeInt16LE(
			Math.round(Math.sin((2 * Math.PI * frequency * i) / sampleRate) * 8000),
			i * 2,
		);
	}
	const header = Buffer.alloc(44);
	header.write('RIFF', 0, 'ascii');
	header.writeUInt32LE(36 + data.length, 4);
	header.write('WAVE', 8, 'ascii');
	header.write('fmt ', 12, 'ascii');
	header.writeUInt32LE(16, 16);
	header.writeUInt16LE(1, 20);
	header.writeUInt16LE(1, 22);
	header.writeUInt32LE(sampleRate, 24);
	header.writeUInt32LE(sampleRate * 2, 28);
	header.writeUInt16LE(2, 32);
	header.writeUInt16LE(16, 34);
	header.write('data', 36, 'ascii');
	header.writeUInt32LE(data.length, 40);
	return Buffer.concat([header, data]);
}

/** An MP3 or M4A tone made by ffmpeg (dev dependency), cached on disk. */
export function encodedTone(seconds: number, format: 'mp3' | 'm4a'): Buffer {
	const dir = join(tmpdir(), 'n8n-nodes-minimax-samples');
	mkdirSync(dir, { recursive: true });
	const file = join(dir, `tone-${seconds}s.${format}`);
	if (!existsSync(file)) {
		const codec =
			format === 'mp3' ? ['-c:a', 'libmp3lame', '-b:a', '64k'] : ['-c:a', 'aac', '-b:a', '64k'];
		const partial = `${file}.${process.pid}.${format}`;
		execFileSync(ffmpegPath(), [
			'-v',
			'error',
			'-y',
			'-f',
			'lavfi',
			'-i',
			`sine=frequency=330:duration=${seconds}`,
			...codec,
			partial,
		]);
		renameSync(partial, file);
	}
	return readFileSync(file);
}

export const base64 = (data: Buffer) => data.toString('base64');
