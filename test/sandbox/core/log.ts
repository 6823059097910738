import type { RequestLogEntry } from './types';

/** Every request in arrival order. The array object stays the same across clear() so callers may hold it. */
export class RequestLog {
	readonly entries: RequestLogEntry[] = [];
	private seq = 0;

	open(entry: Omit<RequestLogEntry, 'seq' | 'status'>): RequestLogEntry {
		const full: RequestLogEntry = { seq: ++this.seq, status: 0, ...entry };
		this.entries.push(full);
		return full;
	}

	clear(): void {
		this.entries.length = 0;
		this.seq = 0;
	}
}
