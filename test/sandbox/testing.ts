import axios, { type AxiosInstance, type CreateAxiosDefaults } from 'axios';

import { SANDBOX_KEYS, type Sandbox, type SandboxOptions, startSandbox } from '.';

/**
 * For a sandbox self-test file: starts one sandbox before its tests (closed after them, reset before
 * each), and an axios client on it that sends the global key and never throws on an HTTP status.
 * `started` receives both once the sandbox is up.
 */
export function useSandbox(
	started: (sandbox: Sandbox, api: AxiosInstance) => void,
	options: SandboxOptions = {},
	client: CreateAxiosDefaults = {},
): void {
	let sandbox: Sandbox | undefined;
	beforeAll(async () => {
		sandbox = await startSandbox(options);
		const api = axios.create({
			baseURL: sandbox.url,
			headers: { Authorization: `Bearer ${SANDBOX_KEYS.global}` },
			validateStatus: () => true,
			...client,
		});
		started(sandbox, api);
	});
	afterAll(async () => await sandbox?.close());
	beforeEach(() => sandbox?.reset());
}
