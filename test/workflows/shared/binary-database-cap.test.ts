import { FileTooLargeError } from 'n8n-core';

import { databaseBinaryManager, readBinary } from '../../harness';
import {
	binaryStorageLimitError,
	isBinaryStorageLimitError,
} from '../../../nodes/shared/media/binaryLimit';
import { apiRequests, downloads, run, useSandbox } from '../helpers';

/**
 * n8n's `database` binary data mode (the queue-mode default) refuses files over
 * N8N_BINARY_DATA_DATABASE_MAX_FILE_SIZE after reading them. The nodes turn that into one clear error
 * naming the setting and their URL-only output, without downloading again. (A 2 MiB cap stands in for
 * n8n's 512 MiB; `npm run test:queue` does the same with 600 MB in a real n8n on Postgres.)
 */

const sandbox = useSandbox({ timeScale: 100 });
const MB = 1024 * 1024;
const video = (prompt: string, options: Record<string, unknown> = {}) => ({
	type: 'n8n-nodes-minimax.miniMaxVideo',
	parameters: {
		prompt,
		options: { pollIntervalSeconds: 0.1, retryDelayMs: 10, maxRetries: 3, ...options },
	},
});
const description = (error: unknown) =>
	String((error as { description?: string })?.description ?? '');

beforeEach(() => {
	databaseBinaryManager.maxFileSizeMb = 2;
});

afterAll(() => {
	databaseBinaryManager.maxFileSizeMb = 512;
	databaseBinaryManager.files.clear();
});

describe('MiniMax Video › binary data in the database (queue mode)', () => {
	it('stores a video under the cap in the database mode', async () => {
		const result = await run(sandbox(), video('A small clip [[sandbox:size=1MB]]'), {
			binaryMode: 'database',
		});
		expect(result.status).toBe('success');
		const [item] = result.output('MiniMax');
		expect(item.binary?.data.id).toMatch(/^database:/);
		expect((await readBinary(item.binary!.data)).length).toBe(MB);
		expect(item.json.fileSizeBytes).toBe(MB);
	});

	it('fails a video over the cap with one clear error naming the setting and "Download URL Only", downloading it once', async () => {
		const result = await run(sandbox(), video('A long take [[sandbox:size=3MB]]'), {
			binaryMode: 'database',
		});
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe(
			"The video is too large for n8n's binary data storage (3 MB; the limit is 2 MB)",
		);
		expect(description(result.error)).toContain('N8N_BINARY_DATA_DATABASE_MAX_FILE_SIZE');
		expect(description(result.error)).toContain('Options › Output: "Download URL Only"');
		// No retry: the same file cannot fit the next time either. The paid task was created once.
		expect(downloads(sandbox())).toHaveLength(1);
		expect(apiRequests(sandbox(), '/v1/video_generation')).toHaveLength(1);
	});

	it('with Continue On Fail, the item carries the error and the task ID is not lost', async () => {
		const result = await run(
			sandbox(),
			{ ...video('A long take [[sandbox:size=3MB]]'), onError: 'continueRegularOutput' },
			{ binaryMode: 'database' },
		);
		expect(result.status).toBe('success');
		const [item] = result.output('MiniMax');
		expect(String(item.json.error)).toContain("too large for n8n's binary data storage");
		const [created] = apiRequests(sandbox(), '/v1/video_generation');
		const taskId = String(created.jobId);
		expect(String(item.json.errorDescription)).toMatch(
			new RegExp(`^It is finished and billed \\(task ${taskId}, file \\d+\\)`),
		);
	});

	it('"Download URL Only" returns the link of the same video without storing it', async () => {
		const result = await run(
			sandbox(),
			video('A long take [[sandbox:size=3MB]]', { output: 'url' }),
			{ binaryMode: 'database' },
		);
		expect(result.status).toBe('success');
		const [item] = result.output('MiniMax');
		expect(item.binary).toBeUndefined();
		expect(String(item.json.downloadUrl)).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
		expect(downloads(sandbox())).toHaveLength(0);
	});
});

describe("recognising n8n's storage limit error", () => {
	const tooLarge = new FileTooLargeError({
		fileSizeMb: 600,
		maxFileSizeMb: 512,
		fileId: 'f1',
		fileName: 'clip.mp4',
	});

	it("recognises n8n-core's FileTooLargeError and nothing else", () => {
		expect(isBinaryStorageLimitError(tooLarge)).toBe(true);
		expect(isBinaryStorageLimitError(new Error('socket hang up'))).toBe(false);
		expect(isBinaryStorageLimitError('N8N_BINARY_DATA_DATABASE_MAX_FILE_SIZE')).toBe(false);
	});

	it("keeps n8n's sizes and message", () => {
		const node = {
			id: 'n',
			name: 'Video',
			type: 't',
			typeVersion: 1,
			position: [0, 0] as [number, number],
			parameters: {},
		};
		const error = binaryStorageLimitError(node, tooLarge, { itemIndex: 2, what: 'the song' });
		expect(error.message).toBe(
			"The song is too large for n8n's binary data storage (600 MB; the limit is 512 MB)",
		);
		expect(error.description).toContain("the node's option to return the download URL only");
		expect(error.description).toContain(tooLarge.message);
		expect(error.context.itemIndex).toBe(2);
	});
});
