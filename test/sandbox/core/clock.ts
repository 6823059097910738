/**
 * Virtual time. It runs `timeScale` times faster than real time, so a 9 h URL expiry or a
 * 2 s async task can be crossed quickly; advance() jumps ahead instantly.
 */
export class VirtualClock {
	private realBase = Date.now();
	private virtualBase: number;
	private scale: number;

	constructor(timeScale = 1, start = Date.now()) {
		this.virtualBase = start;
		this.scale = checkScale(timeScale);
	}

	get timeScale(): number {
		return this.scale;
	}

	/** Virtual epoch milliseconds. */
	now(): number {
		return this.virtualBase + (Date.now() - this.realBase) * this.scale;
	}

	nowSeconds(): number {
		return Math.floor(this.now() / 1000);
	}

	setTimeScale(timeScale: number): void {
		const current = this.now();
		this.realBase = Date.now();
		this.virtualBase = current;
		this.scale = checkScale(timeScale);
	}

	advance(ms: number): void {
		if (!Number.isFinite(ms) || ms < 0)
			throw new RangeError(`advance(ms) needs a finite ms >= 0, got ${ms}`);
		this.virtualBase += ms;
	}
}

function checkScale(n: number): number {
	if (!Number.isFinite(n) || n <= 0)
		throw new RangeError(`timeScale must be a finite number > 0, got ${n}`);
	return n;
}
