/**
 * Checks that a download delivered the whole file (docs/minimax-api.md §17.4): a body shorter or longer than
 * its Content-Length, an empty body, or an HTML/JSON page where media was expected is an error,
 * never a result. Pure decisions on headers and counts, so every download path can use them.
 */

export type Headers = Record<string, string | string[] | undefined>;

function header(headers: Headers, name: string): string | undefined {
	const value = headers[name] ?? headers[name.toLowerCase()];
	return Array.isArray(value) ? value[0] : value;
}

/** The announced size in bytes, when the server sent a usable Content-Length (and no encoding that changes it). */
export function announcedLength(headers: Headers): number | undefined {
	const encoding = header(headers, 'content-encoding');
	if (encoding && encoding !== 'identity') return undefined;
	const raw = header(headers, 'content-length');
	if (raw === undefined || !/^\d+$/.test(raw.trim())) return undefined;
	return Number(raw);
}

/**
 * Why a successful (2xx) response cannot be the expected file, judged by its Content-Type:
 * an HTML page (a gateway or login page) never is; a JSON body is not when media was expected.
 */
export function wrongContentType(headers: Headers, expectMedia: boolean): string | undefined {
	const type = (header(headers, 'content-type') ?? '').toLowerCase();
	if (type.includes('text/html')) return 'the server sent an HTML page instead of the file';
	if (expectMedia && type.includes('application/json'))
		return 'the server sent a JSON document instead of the file';
	return undefined;
}

/** Why `received` bytes cannot be the whole file: none at all, or not the announced count. */
export function sizeProblem(received: number, announced: number | undefined): string | undefined {
	if (received === 0) return 'the server sent an empty body (0 bytes)';
	if (announced !== undefined && received !== announced)
		return `the body ended after ${received} of the ${announced} bytes announced`;
	return undefined;
}

/** A short readable excerpt of an unexpected body: an HTML page's title, else its text without tags. */
export function bodyExcerpt(text: string, max = 200): string {
	const title = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(text)?.[1];
	const plain = (title ?? text.replace(/<[^>]*>/g, ' ')).replace(/\s+/g, ' ').trim();
	return plain.length > max ? `${plain.slice(0, max)}…` : plain;
}
