/** Small seeded PRNG (mulberry32) so ids, trace ids and probabilistic faults are reproducible. */
export class SeededRandom {
	private state: number;

	constructor(seed: number) {
		this.state = seed >>> 0 || 0x9e3779b9;
	}

	next(): number {
		this.state = (this.state + 0x6d2b79f5) >>> 0;
		let t = this.state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	}

	/** Integer in [min, max]. */
	int(min: number, max: number): number {
		return min + Math.floor(this.next() * (max - min + 1));
	}

	hex(length: number): string {
		let out = '';
		while (out.length < length)
			out += Math.floor(this.next() * 0x10000)
				.toString(16)
				.padStart(4, '0');
		return out.slice(0, length);
	}
}

/** Id sources shaped like MiniMax's: 15-digit numeric file/task ids (JSON-safe) and 32-hex trace ids. */
export class IdGenerator {
	private rng: SeededRandom;
	private lastFileId: number;
	private lastTaskId: number;

	constructor(seed: number) {
		this.rng = new SeededRandom(seed ^ 0x5bd1e995);
		this.lastFileId = 300_000_000_000_000 + this.rng.int(0, 999_999_999) * 1000;
		this.lastTaskId = 100_000_000_000_000 + this.rng.int(0, 999_999_999) * 1000;
	}

	fileId(): number {
		this.lastFileId += this.rng.int(1, 99_999);
		return this.lastFileId;
	}

	taskId(): number {
		this.lastTaskId += this.rng.int(1, 99_999);
		return this.lastTaskId;
	}

	traceId(): string {
		return this.rng.hex(32);
	}

	token(length = 24): string {
		return this.rng.hex(length);
	}
}
