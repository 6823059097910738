import { execFile } from 'child_process';
import { existsSync, mkdirSync, readFileSync, renameSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

import { ffmpegPath } from '../../../support/mediaTools';

/**
 * Real MP4 files for the sandbox's video tasks, made by ffmpeg (dev dependency): a moving test
 * pattern of the requested size and length, its hue picked from the prompt, H.264 at 2 fps and a
 * tiny bitrate so that a 1080P clip takes well under a second. Results are cached in memory and on
 * disk (shared by Jest workers and later runs), keyed by (width, height, seconds, hue).
 */

export interface VideoSpec {
	width: number;
	height: number;
	seconds: number;
	/** 0–359, from the prompt. */
	hue: number;
}

const FPS = 2;
const MAX_PARALLEL_RENDERS = 2;
const CACHE_DIR = join(tmpdir(), 'n8n-nodes-minimax-video-cache');

const cache = new Map<string, Promise<Buffer>>();
let running = 0;
const waiting: Array<() => void> = [];

/** A stable hue (0–330, steps of 30) from a text, so the same prompt gives the same colours. */
export function hueOf(text: string): number {
	let hash = 2166136261;
	for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 16777619) >>> 0;
	return (hash % 12) * 30;
}

export function renderVideo(spec: VideoSpec): Promise<Buffer> {
	if (spec.width % 2 || spec.height % 2)
		throw new RangeError(`H.264 needs even dimensions, got ${spec.width}x${spec.height}`);
	const key = `${spec.width}x${spec.height}-${spec.seconds}s-h${spec.hue}`;
	let rendered = cache.get(key);
	if (!rendered) {
		rendered = renderCached(key, spec);
		cache.set(key, rendered);
		rendered.catch(() => cache.delete(key));
	}
	return rendered;
}

async function renderCached(key: string, spec: VideoSpec): Promise<Buffer> {
	const file = join(CACHE_DIR, `v1-${key}.mp4`);
	if (existsSync(file)) return readFileSync(file);
	await acquire();
	try {
		if (existsSync(file)) return readFileSync(file);
		mkdirSync(CACHE_DIR, { recursive: true });
		const partial = `${file}.${process.pid}.${Date.now()}.mp4`;
		await runFfmpeg([
			'-v',
			'error',
			'-y',
			'-f',
			'lavfi',
			'-i',
			`testsrc=size=${spec.width}x${spec.height}:rate=${FPS}:duration=${spec.seconds}`,
			'-vf',
			`hue=h=${spec.hue}`,
			'-c:v',
			'libx264',
			'-preset',
			'ultrafast',
			'-pix_fmt',
			'yuv420p',
			'-b:v',
			'64k',
			'-movflags',
			'+faststart',
			partial,
		]);
		renameSync(partial, file);
		return readFileSync(file);
	} finally {
		release();
	}
}

function runFfmpeg(args: string[]): Promise<void> {
	return new Promise((resolve, reject) => {
		execFile(ffmpegPath(), args, { maxBuffer: 4 * 1024 * 1024 }, (error, _stdout, stderr) => {
			if (error) reject(new Error(`ffmpeg failed: ${error.message}\n${stderr}`));
			else resolve();
		});
	});
}

async function acquire(): Promise<void> {
	if (running < MAX_PARALLEL_RENDERS) {
		running++;
		return;
	}
	await new Promise<void>((resolve) => waiting.push(resolve));
}

function release(): void {
	const next = waiting.shift();
	if (next) next();
	else running--;
}
