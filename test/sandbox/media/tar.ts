/** POSIX ustar archive writer. */

export interface TarEntry {
	name: string;
	data: Buffer;
	/** Seconds since the epoch. */
	mtime: number;
}

const BLOCK = 512;
const RECORD = BLOCK * 20;

function writeString(header: Buffer, value: string, offset: number, length: number): void {
	const bytes = Buffer.from(value, 'utf8');
	if (bytes.length > length) throw new RangeError(`tar: "${value}" is longer than ${length} bytes`);
	bytes.copy(header, offset);
}

function writeOctal(header: Buffer, value: number, offset: number, length: number): void {
	writeString(header, value.toString(8).padStart(length - 1, '0'), offset, length - 1);
}

export function tarHeader(entry: TarEntry): Buffer {
	const header = Buffer.alloc(BLOCK);
	writeString(header, entry.name, 0, 100);
	writeOctal(header, 0o644, 100, 8);
	writeOctal(header, 0, 108, 8);
	writeOctal(header, 0, 116, 8);
	writeOctal(header, entry.data.length, 124, 12);
	writeOctal(header, Math.floor(entry.mtime), 136, 12);
	header.fill(0x20, 148, 156);
	header.write('0', 156, 'ascii');
	header.write('ustar\u000000', 257, 'ascii');
	writeString(header, 'minimax', 265, 32);
	writeString(header, 'minimax', 297, 32);
	let sum = 0;
	for (const byte of header) sum += byte;
	writeString(header, `${sum.toString(8).padStart(6, '0')}\u0000 `, 148, 8);
	return header;
}

export function createTar(entries: readonly TarEntry[]): Buffer {
	const parts: Buffer[] = [];
	let size = 0;
	for (const entry of entries) {
		const padding = (BLOCK - (entry.data.length % BLOCK)) % BLOCK;
		parts.push(tarHeader(entry), entry.data, Buffer.alloc(padding));
		size += BLOCK + entry.data.length + padding;
	}
	size += 2 * BLOCK;
	parts.push(Buffer.alloc(2 * BLOCK + ((RECORD - (size % RECORD)) % RECORD)));
	return Buffer.concat(parts);
}
