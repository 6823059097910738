/** Progress lines for long steps: `[e2e 12.3s] message`, plus a heartbeat while a step runs. */

const started = Date.now();
let label = 'e2e';

/** The tag in front of every progress line (`[demo 3.2s] …`). */
export function setProgressLabel(value: string): void {
	label = value;
}

export function elapsed(since = started): string {
	return `${((Date.now() - since) / 1000).toFixed(1)}s`;
}

export function say(message: string): void {
	process.stdout.write(`[${label} ${elapsed()}] ${message}\n`);
}

/** Runs `work`, printing "still <what>… Ns" every `everyMs` until it settles. */
export async function withHeartbeat<T>(
	what: string,
	work: () => Promise<T>,
	everyMs = 15000,
): Promise<T> {
	const begin = Date.now();
	const timer = setInterval(() => say(`  still ${what}… ${elapsed(begin)}`), everyMs);
	try {
		return await work();
	} finally {
		clearInterval(timer);
	}
}
