import type { VirtualClock } from './clock';
import { SYSTEM_VOICES } from '../families/voices/catalog';
import type { IdGenerator } from './random';
import type { StreamedBody } from '../http/reply';
import type { Region } from './types';

export type VoiceType = 'system' | 'voice_cloning' | 'voice_generation';

export interface VoiceRecord {
	voice_id: string;
	type: VoiceType;
	voice_name?: string;
	description: string[];
	/** Virtual epoch ms. */
	createdAt: number;
	/** Cloned voices only appear in get_voice once used in a real TTS call. */
	activated: boolean;
}

export interface StoredFile {
	file_id: number;
	bytes: number;
	/** Seconds. */
	created_at: number;
	filename: string;
	purpose: string;
	region: Region;
	contentType: string;
	data: Buffer;
	/** Content too large to hold in memory (large videos); `data` is empty and `bytes` is its size. */
	streamed?: StreamedBody;
}

/** State a route family keeps for itself (e.g. video tasks): reset with the sandbox, settled with its files. */
export interface FamilyState {
	reset(): void;
	settle(): void;
}

export type TaskStatus = 'Processing' | 'Success' | 'Failed' | 'Expired';

export interface TaskResult {
	filename: string;
	contentType: string;
	data: Buffer;
}

export interface AsyncTask {
	task_id: number;
	/** The result file's id (exists once the task succeeds). */
	file_id: number;
	region: Region;
	/** Virtual epoch ms. */
	createdAt: number;
	/** Virtual ms spent Processing. */
	durationMs: number;
	/** Status after Processing, from the text markers. */
	outcome: Exclude<TaskStatus, 'Processing'>;
	forced?: TaskStatus;
	/** Builds the result archive; called once, when the task first settles as Success. */
	produce(): TaskResult;
	materialized: boolean;
}

export interface VoiceOptions {
	description?: string[];
	/** Cloned voices default to activated (listed); false mimics a fresh, never-used clone. */
	activated?: boolean;
}

export interface NewFile {
	purpose: string;
	filename: string;
	data: Buffer;
	contentType?: string;
	region?: Region;
	streamed?: StreamedBody;
}

/** Everything the sandbox remembers between requests. */
export class SandboxState {
	readonly voices = new Map<string, VoiceRecord>();
	/** Deleted cloned/designed ids cannot be reused. */
	readonly deletedVoiceIds = new Set<string>();
	readonly files = new Map<number, StoredFile>();
	readonly tasks = new Map<number, AsyncTask>();
	private readonly families = new Map<string, FamilyState>();

	constructor(
		private readonly clock: VirtualClock,
		private ids: IdGenerator,
	) {
		this.seedSystemVoices();
	}

	reset(ids: IdGenerator): void {
		this.ids = ids;
		this.voices.clear();
		this.deletedVoiceIds.clear();
		this.files.clear();
		this.tasks.clear();
		this.seedSystemVoices();
		for (const family of this.families.values()) family.reset();
	}

	/** The named family state, created on first use (`create` gets the clock and the current id generator). */
	family<T extends FamilyState>(
		name: string,
		create: (clock: VirtualClock, ids: () => IdGenerator) => T,
	): T {
		let family = this.families.get(name);
		if (!family) {
			family = create(this.clock, () => this.ids);
			this.families.set(name, family);
		}
		return family as T;
	}

	private seedSystemVoices(): void {
		for (const voice of SYSTEM_VOICES) {
			this.voices.set(voice.voice_id, { ...voice, type: 'system', createdAt: 0, activated: true });
		}
	}

	addClonedVoice(voiceId: string, options: VoiceOptions = {}): VoiceRecord {
		return this.addVoice(voiceId, 'voice_cloning', options.activated ?? true, options.description);
	}

	addDesignedVoice(voiceId: string, options: VoiceOptions = {}): VoiceRecord {
		return this.addVoice(voiceId, 'voice_generation', true, options.description);
	}

	private addVoice(
		voiceId: string,
		type: VoiceType,
		activated: boolean,
		description: string[] = [],
	): VoiceRecord {
		if (this.voices.has(voiceId) || this.deletedVoiceIds.has(voiceId))
			throw new Error(`voice id "${voiceId}" already exists or was deleted`);
		const record: VoiceRecord = {
			voice_id: voiceId,
			type,
			description,
			createdAt: this.clock.now(),
			activated,
		};
		this.voices.set(voiceId, record);
		return record;
	}

	findVoice(voiceId: string): VoiceRecord | undefined {
		return this.voices.get(voiceId);
	}

	listVoices(type: VoiceType): VoiceRecord[] {
		return [...this.voices.values()].filter((v) => v.type === type && v.activated);
	}

	deleteVoice(voiceId: string): void {
		this.voices.delete(voiceId);
		this.deletedVoiceIds.add(voiceId);
	}

	addFile(file: NewFile): StoredFile {
		const stored: StoredFile = {
			file_id: this.ids.fileId(),
			bytes: file.streamed?.size ?? file.data.length,
			created_at: this.clock.nowSeconds(),
			filename: file.filename,
			purpose: file.purpose,
			region: file.region ?? 'global',
			contentType: file.contentType ?? 'application/octet-stream',
			data: file.data,
			...(file.streamed ? { streamed: file.streamed } : {}),
		};
		this.files.set(stored.file_id, stored);
		return stored;
	}

	/** Files belong to the platform (host) they were created on. */
	getFile(region: Region, fileId: number): StoredFile | undefined {
		this.settle();
		const file = this.files.get(fileId);
		return file && file.region === region ? file : undefined;
	}

	listFiles(region: Region, purpose: string): StoredFile[] {
		this.settle();
		return [...this.files.values()].filter((f) => f.region === region && f.purpose === purpose);
	}

	deleteFile(fileId: number): void {
		this.files.delete(fileId);
	}

	addTask(task: Omit<AsyncTask, 'materialized' | 'createdAt' | 'task_id' | 'file_id'>): AsyncTask {
		const full: AsyncTask = {
			...task,
			task_id: this.ids.taskId(),
			file_id: this.ids.fileId(),
			createdAt: this.clock.now(),
			materialized: false,
		};
		this.tasks.set(full.task_id, full);
		return full;
	}

	getTask(region: Region, taskId: number): AsyncTask | undefined {
		this.settle();
		const task = this.tasks.get(taskId);
		return task && task.region === region ? task : undefined;
	}

	taskStatus(task: AsyncTask): TaskStatus {
		if (task.forced) return task.forced;
		return this.clock.now() < task.createdAt + task.durationMs ? 'Processing' : task.outcome;
	}

	/** Test hook: pins a task's status (e.g. 'Failed' mid-way, or 'Success' at once). */
	forceTaskStatus(taskId: number | string, status: TaskStatus): void {
		const task = this.tasks.get(Number(taskId));
		if (!task) throw new Error(`no async task ${taskId}`);
		task.forced = status;
		this.settle();
	}

	/** Materializes result files of tasks that have become Success. */
	settle(): void {
		for (const task of this.tasks.values()) {
			if (task.materialized || this.taskStatus(task) !== 'Success') continue;
			task.materialized = true;
			const result = task.produce();
			const stored: StoredFile = {
				file_id: task.file_id,
				bytes: result.data.length,
				created_at: this.clock.nowSeconds(),
				filename: result.filename,
				purpose: 't2a_async',
				region: task.region,
				contentType: result.contentType,
				data: result.data,
			};
			this.files.set(stored.file_id, stored);
		}
		for (const family of this.families.values()) family.settle();
	}
}
