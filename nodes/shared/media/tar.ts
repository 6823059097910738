export interface TarEntry {
	name: string;
	data: Buffer;
}

const BLOCK = 512;

export function isTar(buffer: Buffer): boolean {
	return buffer.length >= BLOCK && buffer.toString('ascii', 257, 262) === 'ustar';
}

/** Reads the regular files of a POSIX/GNU tar archive (ustar prefixes, GNU long names, pax paths). */
export function readTar(buffer: Buffer): TarEntry[] {
	const entries: TarEntry[] = [];
	let offset = 0;
	let pendingName: string | undefined;
	while (offset + BLOCK <= buffer.length) {
		const header = buffer.subarray(offset, offset + BLOCK);
		if (header.every((byte) => byte === 0)) break;
		const size = parseOctal(header.subarray(124, 136));
		const type = String.fromCharCode(header[156] || 48);
		const dataStart = offset + BLOCK;
		const data = buffer.subarray(dataStart, dataStart + size);
		offset = dataStart + Math.ceil(size / BLOCK) * BLOCK;

		if (type === 'L') {
			pendingName = cString(data);
			continue;
		}
		if (type === 'x') {
			const path = /\d+ path=([^\n]*)\n/.exec(data.toString('utf8'));
			if (path) pendingName = path[1];
			continue;
		}
		const prefix = cString(header.subarray(345, 500));
		const name =
			pendingName ??
			(prefix ? `${prefix}/${cString(header.subarray(0, 100))}` : cString(header.subarray(0, 100)));
		pendingName = undefined;
		if (type === '0' || type === '\0' || type === '7')
			entries.push({ name, data: Buffer.from(data) });
	}
	return entries;
}

function cString(bytes: Buffer): string {
	const end = bytes.indexOf(0);
	return bytes.toString('utf8', 0, end < 0 ? bytes.length : end);
}

function parseOctal(bytes: Buffer): number {
	const text = cString(bytes).trim();
	return text ? parseInt(text, 8) : 0;
}
