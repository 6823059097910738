import { inflateRawSync } from 'zlib';

/** Reads the entries of a ZIP archive (stored or deflated) through its central directory. */
export interface ZipEntry {
	name: string;
	data: Buffer;
}

export function isZip(buf: Buffer): boolean {
	return buf.length >= 4 && buf.readUInt32LE(0) === 0x04034b50;
}

export function readZip(buf: Buffer): ZipEntry[] {
	const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
	if (eocd < 0) throw new Error('zip: end of central directory not found');
	const count = buf.readUInt16LE(eocd + 10);
	let pos = buf.readUInt32LE(eocd + 16);
	const entries: ZipEntry[] = [];
	for (let i = 0; i < count; i++) {
		if (buf.readUInt32LE(pos) !== 0x02014b50) throw new Error('zip: bad central directory entry');
		const method = buf.readUInt16LE(pos + 10);
		const compressedSize = buf.readUInt32LE(pos + 20);
		const nameLength = buf.readUInt16LE(pos + 28);
		const extraLength = buf.readUInt16LE(pos + 30);
		const commentLength = buf.readUInt16LE(pos + 32);
		const localOffset = buf.readUInt32LE(pos + 42);
		const name = buf.subarray(pos + 46, pos + 46 + nameLength).toString('utf8');
		pos += 46 + nameLength + extraLength + commentLength;
		if (name.endsWith('/')) continue;
		const dataStart =
			localOffset + 30 + buf.readUInt16LE(localOffset + 26) + buf.readUInt16LE(localOffset + 28);
		const raw = buf.subarray(dataStart, dataStart + compressedSize);
		if (method === 0) entries.push({ name, data: Buffer.from(raw) });
		else if (method === 8) entries.push({ name, data: inflateRawSync(raw) });
		else throw new Error(`zip: unsupported compression method ${method} for ${name}`);
	}
	return entries;
}
