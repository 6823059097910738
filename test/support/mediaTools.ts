import {
	accessSync,
	chmodSync,
	constants,
	copyFileSync,
	mkdirSync,
	renameSync,
	statSync,
} from 'fs';
import { tmpdir } from 'os';
import { basename, join } from 'path';

/**
 * The one place that locates the ffmpeg and ffprobe binaries of the @ffmpeg-installer and
 * @ffprobe-installer dev dependencies. They are installed with ignore-scripts, so a binary can
 * lack its exec bit; then a copy with mode 755 is made once in the temp dir (keyed by size and
 * mtime) and its path is returned instead.
 */

const cache = new Map<string, string>();

function isExecutable(file: string): boolean {
	try {
		accessSync(file, constants.X_OK);
		return true;
	} catch {
		return false;
	}
}

/** `source` itself when it is executable, else an executable copy of it in the temp dir. */
function executable(source: string, label: string): string {
	const known = cache.get(source);
	if (known) return known;
	let path = source;
	if (!isExecutable(source)) {
		const { size, mtimeMs } = statSync(source);
		const dir = join(tmpdir(), `${label}-${size}-${Math.floor(mtimeMs)}`);
		path = join(dir, basename(source));
		if (!isExecutable(path)) {
			mkdirSync(dir, { recursive: true });
			// Copy then rename, so parallel test workers never run a half-written file.
			const partial = `${path}.${process.pid}.${Date.now()}`;
			copyFileSync(source, partial);
			chmodSync(partial, 0o755);
			renameSync(partial, path);
		}
	}
	cache.set(source, path);
	return path;
}

/** Absolute path of an executable ffmpeg (from @ffmpeg-installer/ffmpeg). */
export function ffmpegPath(): string {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { path } = require('@ffmpeg-installer/ffmpeg') as { path: string };
	return executable(path, 'ffmpeg-installer');
}

/** Absolute path of an executable ffprobe (from @ffprobe-installer/<platform>-<arch>). */
export function ffprobePath(): string {
	const binary = process.platform === 'win32' ? 'ffprobe.exe' : 'ffprobe';
	const source = require.resolve(
		`@ffprobe-installer/${process.platform}-${process.arch}/${binary}`,
	);
	return executable(source, 'ffprobe-installer');
}
