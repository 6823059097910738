/**
 * n8n-core's BinaryDataService, from the same DI container the engine uses. `filesystem` mode (the
 * n8n 2.x default) stores binaries under $N8N_USER_FOLDER/.n8n/storage and items carry an
 * `id` such as `filesystem-v2:workflows/<id>/executions/<id>/binary_data/<uuid>`; `default` mode
 * keeps them inline as base64. The container lives as long as Jest's module registry, i.e. one
 * test file, and the service is initialised on first use and again only when the mode changes.
 */
import { Container } from '@n8n/di';
import { BinaryDataConfig, BinaryDataService } from 'n8n-core';
import type { IBinaryData } from 'n8n-workflow';

import { DatabaseBinaryManager } from './databaseBinaryManager';

/** `database`: n8n's queue-mode default, through a stand-in manager with n8n's size cap (databaseBinaryManager.ts). */
export type BinaryMode = 'filesystem' | 'default' | 'database';

let currentMode: BinaryMode | undefined;

/** The manager of `database` mode; set `maxFileSizeMb` to test n8n's N8N_BINARY_DATA_DATABASE_MAX_FILE_SIZE cap. */
export const databaseBinaryManager = new DatabaseBinaryManager();

export async function useBinaryMode(mode: BinaryMode): Promise<void> {
	if (currentMode === mode) return;
	Container.get(BinaryDataConfig).mode = mode;
	const service = Container.get(BinaryDataService);
	await service.init();
	if (mode === 'database') service.setManager('database', databaseBinaryManager);
	currentMode = mode;
}

/** The bytes of a binary, whether stored by the binary data service (`id`) or inline (`data`). */
export async function readBinary(binary: IBinaryData): Promise<Buffer> {
	await useBinaryMode(currentMode ?? 'filesystem');
	return await Container.get(BinaryDataService).getAsBuffer(binary);
}

/** The file holding a binary stored in filesystem mode; undefined for inline binaries. */
export function binaryPath(binary: IBinaryData): string | undefined {
	if (!binary.id) return undefined;
	if (!currentMode) throw new Error('binaryPath: no workflow has run in this test file yet');
	return Container.get(BinaryDataService).getPath(binary.id);
}
