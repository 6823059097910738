import type { VirtualClock } from '../../core/clock';
import { paddedMp4 } from '../../media/mp4';
import type { IdGenerator } from '../../core/random';
import type { StreamedBody } from '../../http/reply';
import type { FamilyState, SandboxState } from '../../core/state';
import type { Region } from '../../core/types';
import { type CallbackLogEntry, type CallbackState, handshake, postStatus } from './callbacks';
import { hueOf, renderVideo } from './render';

/**
 * Video tasks of the three APIs (v1 generation, templates, v2/H3). A task walks Preparing →
 * Queueing → Processing → Success (or Fail) on the virtual clock; its MP4 is rendered by ffmpeg in
 * the background and a task only reports Success once the file exists. Successful v1 tasks become
 * files with purpose `video_generation` (files/retrieve, retrieve_content, list).
 */

export type VideoKind = 'v1' | 'template' | 'v2';
export type VideoPhase =
	| 'Preparing'
	| 'Queueing'
	| 'Processing'
	| 'Success'
	| 'Fail'
	| 'Cancelled'
	| 'Expired';

/** How a task fails: `code` 0 = status Fail with base_resp 0 (the message goes to status_msg). */
export interface VideoFailure {
	code: number;
	message: string;
}

export interface VideoTask {
	taskId: string;
	kind: VideoKind;
	region: Region;
	model: string;
	/** The prompt without sandbox markers (also picks the colours). */
	prompt: string;
	seconds: number;
	resolution: string;
	width: number;
	height: number;
	ratio?: string;
	/** The create request as received. */
	request: Record<string, unknown>;
	/** Virtual epoch ms. */
	createdAt: number;
	queueingAt: number;
	processingAt: number;
	readyAt: number;
	failure?: VideoFailure;
	forced?: VideoPhase;
	/** Serve the result padded to this many bytes (large-file tests). */
	sizeBytes?: number;
	media?: Buffer;
	mediaError?: Error;
	rendering: Promise<void>;
	/** v1: the result file, once the task has succeeded. */
	fileId?: number;
	callback?: CallbackState;
	/** v2: `generation` or `regeneration` (a 2K upscale of an H3 768P result). */
	taskType?: string;
	/** v2: the record was deleted (DELETE on a finished task); queries answer 404. */
	deleted?: boolean;
	/** v2: cancelled while queued, so never billed. */
	unbilled?: boolean;
}

export interface VideoTiming {
	preparingMs: number;
	queueingMs: number;
	/** Processing time per second of video. */
	processingMsPerSecond: number;
}

export interface NewVideoTask {
	kind: VideoKind;
	region: Region;
	model: string;
	prompt: string;
	seconds: number;
	resolution: string;
	width: number;
	height: number;
	ratio?: string;
	request: Record<string, unknown>;
	failure?: VideoFailure;
	sizeBytes?: number;
	taskType?: string;
	callbackUrl?: string;
	/** The challenge was already answered during the create request (checkCallbackOnCreate). */
	callbackChecked?: boolean;
}

export const DEFAULT_TIMING: VideoTiming = {
	preparingMs: 2000,
	queueingMs: 3000,
	processingMsPerSecond: 3000,
};
const TICK_MS = 25;
const CALLBACK_WORDS: Partial<Record<VideoPhase, string>> = {
	Processing: 'processing',
	Success: 'success',
	Fail: 'failed',
	Cancelled: 'failed',
	Expired: 'failed',
};
const TERMINAL: VideoPhase[] = ['Success', 'Fail', 'Cancelled', 'Expired'];

export class VideoStore implements FamilyState {
	readonly tasks = new Map<string, VideoTask>();
	/** Every callback POST (challenges and status updates), in order. */
	readonly callbacks: CallbackLogEntry[] = [];
	timing: VideoTiming = { ...DEFAULT_TIMING };
	/** Real ms a callback receiver has to echo the challenge (MiniMax: 3 s). */
	challengeTimeoutMs = 3000;
	/**
	 * Mode: the create request itself sends the challenge and fails with 2013 "invalid params, fail
	 * to check callback url" when it is not echoed in time, as the live service does
	 * (docs/minimax-api.md §17.2). Off by default: then the challenge follows the create asynchronously.
	 */
	checkCallbackOnCreate = false;
	/**
	 * Whether this account may use `POST /v2/video_regeneration` (docs/minimax-api.md §17.2: access
	 * may be limited per account). False answers 2013 "no permission".
	 */
	regenerationAccess = true;
	private abort = new AbortController();
	private ticker: NodeJS.Timeout | undefined;
	private settling = false;

	constructor(
		private readonly state: SandboxState,
		private readonly clock: VirtualClock,
		private readonly ids: () => IdGenerator,
	) {}

	reset(): void {
		this.abort.abort();
		this.abort = new AbortController();
		this.stopTicker();
		this.tasks.clear();
		this.callbacks.length = 0;
		this.timing = { ...DEFAULT_TIMING };
		this.challengeTimeoutMs = 3000;
		this.checkCallbackOnCreate = false;
		this.regenerationAccess = true;
	}

	/** The challenge handshake on its own, for checkCallbackOnCreate; logged like any callback POST. */
	async checkCallback(url: string): Promise<boolean> {
		const poster = {
			log: this.callbacks,
			challengeTimeoutMs: this.challengeTimeoutMs,
			signal: this.abort.signal,
			token: () => this.ids().token(32),
		};
		return await handshake(poster, '(create)', url);
	}

	create(spec: NewVideoTask): VideoTask {
		const now = this.clock.now();
		const queueingAt = now + this.timing.preparingMs;
		const processingAt = queueingAt + this.timing.queueingMs;
		const task: VideoTask = {
			taskId: String(this.ids().taskId()),
			kind: spec.kind,
			region: spec.region,
			model: spec.model,
			prompt: spec.prompt,
			seconds: spec.seconds,
			resolution: spec.resolution,
			width: spec.width,
			height: spec.height,
			ratio: spec.ratio,
			request: spec.request,
			createdAt: now,
			queueingAt,
			processingAt,
			readyAt: processingAt + this.timing.processingMsPerSecond * spec.seconds,
			failure: spec.failure,
			sizeBytes: spec.sizeBytes,
			taskType: spec.taskType,
			rendering: Promise.resolve(),
		};
		task.rendering = spec.failure
			? Promise.resolve()
			: renderVideo({
					width: spec.width,
					height: spec.height,
					seconds: spec.seconds,
					hue: hueOf(spec.prompt),
				}).then(
					(media) => {
						task.media = media;
					},
					(error: Error) => {
						task.mediaError = error;
					},
				);
		this.tasks.set(task.taskId, task);
		if (spec.callbackUrl)
			this.startCallbacks(task, spec.callbackUrl, spec.callbackChecked === true);
		return task;
	}

	find(kind: VideoKind, region: Region, taskId: string): VideoTask | undefined {
		const task = this.tasks.get(taskId);
		return task && task.kind === kind && task.region === region && !task.deleted ? task : undefined;
	}

	/** The task's status now (Success only once its MP4 exists). */
	phase(task: VideoTask): VideoPhase {
		const now = this.clock.now();
		const timed: VideoPhase =
			now < task.queueingAt
				? 'Preparing'
				: now < task.processingAt
					? 'Queueing'
					: now < task.readyAt
						? 'Processing'
						: task.failure
							? 'Fail'
							: 'Success';
		const phase = task.forced ?? timed;
		if (phase === 'Success' && !task.media) return task.mediaError ? 'Fail' : 'Processing';
		return phase;
	}

	/** Like phase(), but waits for a render that is the only thing between the task and Success. */
	async settledPhase(task: VideoTask): Promise<VideoPhase> {
		const due =
			task.forced === 'Success' ||
			(!task.forced && !task.failure && this.clock.now() >= task.readyAt);
		if (due && !task.media) await task.rendering;
		this.state.settle();
		return this.phase(task);
	}

	/** The result as a download body: the MP4 itself, or padded to sizeBytes and streamed. */
	resultBody(task: VideoTask): Buffer | StreamedBody | undefined {
		if (!task.media) return undefined;
		return task.sizeBytes && task.sizeBytes > task.media.length
			? paddedMp4(task.media, task.sizeBytes)
			: task.media;
	}

	failureOf(task: VideoTask): VideoFailure {
		if (task.failure) return task.failure;
		if (task.mediaError)
			return { code: 1000, message: `unknown error: ${task.mediaError.message.split('\n')[0]}` };
		return { code: 0, message: 'success' };
	}

	// ---- test controls ----

	get(taskId: string | number): VideoTask {
		const task = this.tasks.get(String(taskId));
		if (!task) throw new Error(`no video task ${taskId}`);
		return task;
	}

	/** Pins a task's status, e.g. 'Success' at once (after its render) or 'Cancelled'. */
	forceStatus(taskId: string | number, phase: VideoPhase): void {
		this.get(taskId).forced = phase;
		this.state.settle();
	}

	/** Makes a task end as Fail (now, unless `atEnd`); code 0 keeps base_resp at 0 and puts the message in status_msg. */
	fail(taskId: string | number, failure: Partial<VideoFailure> = {}, atEnd = false): void {
		const task = this.get(taskId);
		task.failure = {
			code: failure.code ?? 1027,
			message: failure.message ?? 'generated video contains sensitive content',
		};
		if (!atEnd) task.forced = 'Fail';
		this.state.settle();
	}

	/** Serves this task's video padded to `bytes` (call before it succeeds). */
	setSize(taskId: string | number, bytes: number): void {
		this.get(taskId).sizeBytes = bytes;
	}

	/** Resolves when every render and callback POST started so far has finished. */
	async settled(): Promise<void> {
		const tasks = [...this.tasks.values()];
		await Promise.allSettled(tasks.map((task) => task.rendering));
		this.tick();
		await Promise.allSettled(tasks.map((task) => task.callback?.chain));
	}

	/** Callback entries of one task. */
	callbacksOf(taskId: string | number): CallbackLogEntry[] {
		return this.callbacks.filter((entry) => entry.taskId === String(taskId));
	}

	// ---- FamilyState ----

	/** Turns v1 tasks that have succeeded into files (oldest first, created_at = when they finished). */
	settle(): void {
		if (this.settling) return;
		this.settling = true;
		try {
			const done = [...this.tasks.values()]
				.filter(
					(task) =>
						task.kind === 'v1' && task.fileId === undefined && this.phase(task) === 'Success',
				)
				.sort((a, b) => a.readyAt - b.readyAt);
			for (const task of done) {
				const body = this.resultBody(task);
				const streamed = body && !Buffer.isBuffer(body) ? body : undefined;
				const file = this.state.addFile({
					purpose: 'video_generation',
					filename: 'output.mp4',
					data: streamed ? Buffer.alloc(0) : (body as Buffer),
					contentType: 'video/mp4',
					region: task.region,
					streamed,
				});
				file.created_at = Math.min(
					file.created_at,
					Math.floor(Math.max(task.readyAt, task.createdAt) / 1000),
				);
				task.fileId = file.file_id;
			}
		} finally {
			this.settling = false;
		}
	}

	// ---- callbacks ----

	private startCallbacks(task: VideoTask, url: string, checked: boolean): void {
		const poster = {
			log: this.callbacks,
			challengeTimeoutMs: this.challengeTimeoutMs,
			signal: this.abort.signal,
			token: () => this.ids().token(32),
		};
		const callback: CallbackState = { url, sent: [], done: false, chain: Promise.resolve() };
		callback.chain = (checked ? Promise.resolve(true) : handshake(poster, task.taskId, url)).then(
			(ok) => {
				callback.validated = ok;
				if (!ok) callback.done = true;
			},
		);
		task.callback = callback;
		this.startTicker();
	}

	private startTicker(): void {
		if (this.ticker) return;
		this.ticker = setInterval(() => this.tick(), TICK_MS);
		this.ticker.unref();
	}

	private stopTicker(): void {
		if (this.ticker) clearInterval(this.ticker);
		this.ticker = undefined;
	}

	/** Sends the status changes validated callbacks have not seen yet. */
	private tick(): void {
		this.state.settle();
		let active = false;
		for (const task of this.tasks.values()) {
			const callback = task.callback;
			if (!callback || callback.done) continue;
			active = true;
			if (callback.validated !== true) continue;
			const phase = this.phase(task);
			const word = CALLBACK_WORDS[phase];
			if (!word || callback.sent.includes(word)) continue;
			const words =
				word !== 'processing' && !callback.sent.includes('processing')
					? ['processing', word]
					: [word];
			for (const next of words) {
				callback.sent.push(next);
				const body = this.callbackBody(task, next);
				const poster = {
					log: this.callbacks,
					challengeTimeoutMs: this.challengeTimeoutMs,
					signal: this.abort.signal,
					token: () => '',
				};
				callback.chain = callback.chain.then(() =>
					postStatus(poster, task.taskId, callback.url, body),
				);
			}
			if (TERMINAL.includes(phase)) callback.done = true;
		}
		if (!active) this.stopTicker();
	}

	/** The query response's shape with a lower-case status word (docs/minimax-api.md §7.4). */
	private callbackBody(task: VideoTask, word: string): Record<string, unknown> {
		const failed = word === 'failed';
		const failure = this.failureOf(task);
		const body: Record<string, unknown> = { task_id: task.taskId, status: word };
		if (task.kind === 'v1')
			body.file_id = word === 'success' && task.fileId !== undefined ? String(task.fileId) : '';
		body.base_resp =
			failed && failure.code !== 0
				? { status_code: failure.code, status_msg: failure.message }
				: { status_code: 0, status_msg: 'success' };
		return body;
	}
}

/** The family's state for one sandbox (created on first use, reset with it). */
export function videoStore(state: SandboxState): VideoStore {
	return state.family('video', (clock, ids) => new VideoStore(state, clock, ids));
}
