import { existsSync, readFileSync } from 'fs';
import { join } from 'path';

import type { BinaryRef } from './n8nCli';

/**
 * n8n 2.x stores binaries on the filesystem by default: an item carries
 * `binary.<field>.id = "filesystem-v2:workflows/<wf>/executions/<n>/binary_data/<uuid>"` and the bytes are
 * under `<user folder>/.n8n/storage/<that path>`.
 */
export function binaryPath(userFolder: string, ref: BinaryRef): string {
	if (!ref.id)
		throw new Error(`binary "${ref.fileName}" has no id (stored inline, not in filesystem mode)`);
	const match = /^filesystem(?:-v2)?:(.+)$/.exec(ref.id);
	if (!match) throw new Error(`unexpected binary id "${ref.id}"`);
	const file = join(userFolder, '.n8n', 'storage', match[1]);
	if (!existsSync(file)) throw new Error(`binary "${ref.fileName}" is not on disk at ${file}`);
	return file;
}

export function readBinary(userFolder: string, ref: BinaryRef): Buffer {
	return readFileSync(binaryPath(userFolder, ref));
}
