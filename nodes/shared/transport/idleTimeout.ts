import { sleep } from 'n8n-workflow';

/**
 * Reads `source` but fails when no chunk arrives for `idleMs` (a stream that went silent while
 * keeping its socket open, docs/minimax-api.md §17.4): `onIdle()` builds the error, `close()` releases the
 * connection. Each wait is a cancellable n8n `sleep`, so no timer outlives the chunk it guards.
 * `idleMs` ≤ 0 turns the check off.
 */
export async function* withIdleTimeout<T>(
	source: AsyncIterable<T>,
	idleMs: number,
	onIdle: () => Error,
	close?: () => void,
): AsyncGenerator<T> {
	if (!(idleMs > 0)) {
		yield* source;
		return;
	}
	const iterator = source[Symbol.asyncIterator]();
	let idled = false;
	try {
		for (;;) {
			const timer = new AbortController();
			const idle = sleep(idleMs, timer.signal).then(
				() => 'idle' as const,
				() => undefined,
			);
			const pending = iterator.next();
			let next: IteratorResult<T> | 'idle' | undefined;
			try {
				next = await Promise.race([pending, idle]);
			} finally {
				timer.abort();
			}
			if (next === 'idle' || next === undefined) {
				idled = true;
				// The read still waiting fails once the stream is closed: nobody needs its result.
				pending.catch(() => undefined);
				close?.();
				throw onIdle();
			}
			if (next.done) return;
			yield next.value;
		}
	} finally {
		// After an idle timeout the source is still busy with the abandoned read: do not wait for it.
		if (!idled) await iterator.return?.()?.catch(() => undefined);
	}
}

/** Destroys a Node stream if it is one (releases the socket of an abandoned response). */
export function destroyStream(stream: unknown): void {
	const destroy = (stream as { destroy?: () => void } | undefined)?.destroy;
	if (typeof destroy === 'function') destroy.call(stream);
}
