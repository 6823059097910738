import { existsSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

import type { IDataObject } from 'n8n-workflow';

import { binaryPath, readBinary, runWorkflow, type FixtureItem } from '../../harness';
import { encodePng } from '../../sandbox/media/png';
import { base64, encodedTone, sineWav } from '../../support/audioSamples';
import {
	apiRequests,
	credentialsFor,
	downloads,
	pipeline,
	run,
	runOk,
	SANDBOX_KEYS,
	useSandbox,
} from '../helpers';

const FILES_TYPE = 'n8n-nodes-minimax.miniMaxFiles';
const sandbox = useSandbox();

function files(parameters: IDataObject) {
	return { type: FILES_TYPE, parameters };
}

const wavItem = (seconds: number, fileName = 'sample.wav') => ({
	json: {},
	binary: { data: { base64: base64(sineWav(seconds)), fileName, mimeType: 'audio/wav' } },
});

/** A generated file of `size` bytes with a recognisable pattern, as a finished video job would leave. */
function generatedFile(size: number, filename = 'output.mp4', purpose = 'video_generation') {
	const data = Buffer.alloc(size);
	for (let i = 0; i + 4 <= size; i += 4) data.writeUInt32LE((i * 2654435761) >>> 0, i);
	const stored = sandbox().state.addFile({ purpose, filename, data, contentType: 'video/mp4' });
	return { data, fileId: String(stored.file_id) };
}

describe('Files', () => {
	it('uploads a voice sample and hands its ID on as a string', async () => {
		const [item] = await runOk(sandbox(), files({ operation: 'upload', purpose: 'voice_clone' }), {
			items: [wavItem(12, 'ada.wav')],
		});
		expect(item.json).toEqual({
			fileId: expect.stringMatching(/^\d{15}$/),
			fileName: 'ada.wav',
			bytes: sineWav(12).length,
			purpose: 'voice_clone',
			createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
			createdAtUnix: expect.any(Number),
			mimeType: 'audio/wav',
			durationSeconds: 12,
		});
		expect(apiRequests(sandbox(), '/v1/files/upload')[0].body).toEqual({
			fields: { purpose: 'voice_clone' },
			files: [
				{ field: 'file', filename: 'ada.wav', contentType: 'audio/wav', bytes: sineWav(12).length },
			],
		});
		expect(sandbox().state.files.get(Number(item.json.fileId))?.data.equals(sineWav(12))).toBe(
			true,
		);
	});

	it('uploads prompt audio and long-speech texts, named by what they really are', async () => {
		const items = [
			{
				json: { purpose: 'prompt_audio' },
				binary: {
					data: {
						base64: base64(encodedTone(4, 'mp3')),
						fileName: 'prompt.audio',
						mimeType: 'application/octet-stream',
					},
				},
			},
			{
				json: { purpose: 't2a_async_input' },
				binary: {
					data: {
						base64: base64(Buffer.from('Chapter one.\nIt was a dark night.')),
						fileName: 'chapter.md',
						mimeType: 'text/markdown',
					},
				},
			},
		];
		const output = await runOk(
			sandbox(),
			files({ operation: 'upload', purpose: '={{ $json.purpose }}' }),
			{ items },
		);
		expect(output.map((item) => [item.json.fileName, item.json.mimeType, item.pairedItem])).toEqual(
			[
				['prompt.mp3', 'audio/mpeg', { item: 0 }],
				['chapter.txt', 'text/plain', { item: 1 }],
			],
		);
	});

	it('lists files of a purpose, all or up to a limit', async () => {
		for (const name of ['a.mp3', 'b.mp3', 'c.mp3'])
			sandbox().state.addFile({ purpose: 'voice_clone', filename: name, data: Buffer.from(name) });
		sandbox().state.addFile({ purpose: 'prompt_audio', filename: 'p.mp3', data: Buffer.from('p') });
		const all = await runOk(
			sandbox(),
			files({ operation: 'list', purpose: 'voice_clone', returnAll: true }),
		);
		expect(all.map((item) => item.json.fileName).sort()).toEqual(['a.mp3', 'b.mp3', 'c.mp3']);
		expect(
			all.every((item) => typeof item.json.fileId === 'string' && item.pairedItem !== undefined),
		).toBe(true);
		expect(apiRequests(sandbox(), '/v1/files/list')[0].query).toEqual({ purpose: 'voice_clone' });
		const two = await runOk(
			sandbox(),
			files({ operation: 'list', purpose: 'voice_clone', returnAll: false, limit: 2 }),
		);
		expect(two).toHaveLength(2);
		expect(
			await runOk(sandbox(), files({ operation: 'list', purpose: 'video_generation' })),
		).toHaveLength(0);
	});

	it("gets a file's details with a fresh 9-hour link, from an ID given as a number", async () => {
		const { fileId } = generatedFile(1000);
		const [item] = await runOk(sandbox(), files({ operation: 'get', fileId: `={{ ${fileId} }}` }));
		expect(item.json).toMatchObject({
			fileId,
			fileName: 'output.mp4',
			bytes: 1000,
			purpose: 'video_generation',
			downloadUrl: expect.stringMatching(/\/dl\/.+\/output\.mp4\?expires=/),
			downloadUrlValidFor: '9 hours',
		});
		expect(apiRequests(sandbox(), '/v1/files/retrieve')[0].query).toEqual({ file_id: fileId });
	});

	it('streams a large download into filesystem storage without the API key, bytes intact', async () => {
		const { data, fileId } = generatedFile(8 * 1024 * 1024);
		const [item] = await runOk(
			sandbox(),
			files({ operation: 'download', fileId, options: { binaryPropertyOutput: 'video' } }),
		);
		const binary = item.binary!.video;
		expect(binary).toMatchObject({
			fileName: 'output.mp4',
			mimeType: 'video/mp4',
			fileExtension: 'mp4',
		});
		expect(binary.id).toMatch(/^filesystem/);
		expect(existsSync(binaryPath(binary) as string)).toBe(true);
		expect((await readBinary(binary)).equals(data)).toBe(true);
		expect(item.json).toMatchObject({
			fileId,
			bytes: data.length,
			source: 'download_url',
			purpose: 'video_generation',
		});
		const [download] = downloads(sandbox());
		expect(download.headers.authorization).toBeUndefined();
		expect(JSON.stringify(download.headers)).not.toContain(SANDBOX_KEYS.global);
	});

	it('renews an expired link through retrieve', async () => {
		const { data, fileId } = generatedFile(4096);
		sandbox().faults.add({ path: /^\/dl\//, kind: 'expired_url' });
		const [item] = await runOk(sandbox(), files({ operation: 'download', fileId }));
		expect((await readBinary(item.binary!.data)).equals(data)).toBe(true);
		expect(apiRequests(sandbox(), '/v1/files/retrieve')).toHaveLength(2);
		expect(downloads(sandbox())).toHaveLength(2);
	});

	it('streams files without a link from retrieve_content through the authenticated API', async () => {
		const tar = Buffer.alloc(3 * 1024 * 1024, 7);
		tar.write('ustar', 257, 'ascii');
		const stored = sandbox().state.addFile({
			purpose: 't2a_async',
			filename: 'speech.no-url.tar',
			data: tar,
			contentType: 'application/x-tar',
		});
		const [item] = await runOk(
			sandbox(),
			files({ operation: 'download', fileId: String(stored.file_id) }),
		);
		expect(item.json).toMatchObject({
			source: 'retrieve_content',
			fileName: 'speech.no-url.tar',
			mimeType: 'application/x-tar',
			bytes: tar.length,
		});
		expect(item.binary!.data.id).toMatch(/^filesystem/);
		expect((await readBinary(item.binary!.data)).equals(tar)).toBe(true);
		const [content] = apiRequests(sandbox(), '/v1/files/retrieve_content');
		expect(content.query).toEqual({ file_id: String(stored.file_id) });
		expect(content.headers.authorization).toBe(`Bearer ${SANDBOX_KEYS.global}`);
		expect(downloads(sandbox())).toHaveLength(0);
	});

	it('types a download without an extension by its bytes', async () => {
		const png = encodePng(16, 16, () => [0, 128, 255]);
		const stored = sandbox().state.addFile({
			purpose: 'video_generation',
			filename: 'cover',
			data: png,
		});
		const [item] = await runOk(
			sandbox(),
			files({ operation: 'download', fileId: String(stored.file_id) }),
		);
		expect(item.binary!.data).toMatchObject({
			fileName: 'cover.png',
			mimeType: 'image/png',
			fileExtension: 'png',
		});
	});

	it('uploads, downloads and deletes in one workflow, sending file_id back as a JSON number', async () => {
		const workflow = pipeline(
			[
				{
					name: 'Upload',
					type: FILES_TYPE,
					parameters: { operation: 'upload', purpose: 'voice_clone' },
				},
				{
					name: 'Download',
					type: FILES_TYPE,
					parameters: { operation: 'download', fileId: '={{ $json.fileId }}' },
				},
				{
					name: 'Delete',
					type: FILES_TYPE,
					parameters: {
						operation: 'delete',
						fileId: '={{ $json.fileId }}',
						purpose: 'voice_clone',
					},
				},
			],
			[wavItem(11)],
		);
		const result = await runWorkflow(workflow, { credentials: credentialsFor(sandbox()) });
		expect(result.status).toBe('success');
		const [uploaded] = result.output('Upload');
		const [downloaded] = result.output('Download');
		expect((await readBinary(downloaded.binary!.data)).equals(sineWav(11))).toBe(true);
		expect(downloaded.binary!.data.mimeType).toBe('audio/wav');
		expect(result.output('Delete')[0].json).toMatchObject({
			fileId: uploaded.json.fileId,
			purpose: 'voice_clone',
			deleted: true,
		});
		const deleteBody = apiRequests(sandbox(), '/v1/files/delete')[0].body as { file_id: unknown };
		expect(deleteBody).toEqual({ file_id: Number(uploaded.json.fileId), purpose: 'voice_clone' });
		expect(typeof deleteBody.file_id).toBe('number');
		expect(sandbox().state.files.has(Number(uploaded.json.fileId))).toBe(false);
	});

	it("surfaces MiniMax's refusal to delete a file under the wrong purpose", async () => {
		const { fileId } = generatedFile(10);
		const result = await run(
			sandbox(),
			files({ operation: 'delete', fileId, purpose: 'voice_clone' }),
		);
		expect(result.error?.message).toMatch(/\(2013\)/);
		expect(sandbox().state.files.has(Number(fileId))).toBe(true);
	});

	const bigFile = join(tmpdir(), 'n8n-nodes-minimax-files-21mb.wav');
	beforeAll(() =>
		writeFileSync(bigFile, Buffer.concat([sineWav(1), Buffer.alloc(21 * 1024 * 1024)])),
	);
	const text = {
		json: {},
		binary: {
			data: { base64: base64(Buffer.from('hello')), fileName: 'notes.mp3', mimeType: 'audio/mpeg' },
		},
	};
	const binaryBlob = {
		json: {},
		binary: {
			data: {
				base64: base64(Buffer.from([0, 1, 2, 3, 0, 255])),
				fileName: 'book.txt',
				mimeType: 'text/plain',
			},
		},
	};
	it.each([
		[
			'a text file as a voice sample',
			{ operation: 'upload', purpose: 'voice_clone' },
			[text],
			/"Input Binary Field" for item 0: the file "notes.mp3" is not MP3, M4A or WAV audio/,
		],
		[
			'a 5 s voice sample',
			{ operation: 'upload', purpose: 'voice_clone' },
			[wavItem(5)],
			/the audio "sample.wav" lasts 5.0 s; voice_clone audio must be 10 s to 5 min/,
		],
		[
			'a 9 s prompt clip',
			{ operation: 'upload', purpose: 'prompt_audio' },
			[wavItem(9)],
			/the audio "sample.wav" lasts 9.0 s; prompt_audio audio must be under 8 s/,
		],
		[
			'a voice sample over 20 MB',
			{ operation: 'upload', purpose: 'voice_clone' },
			'big',
			/the file "big.wav" is 21.0 MB; voice_clone files may be at most 20 MB/,
		],
		[
			'binary data as long-speech text',
			{ operation: 'upload', purpose: 't2a_async_input' },
			[binaryBlob],
			/the file "book.txt" is not a .txt or .zip file/,
		],
		[
			'a missing binary field',
			{ operation: 'upload', purpose: 'voice_clone', binaryPropertyName: 'sample' },
			[wavItem(12)],
			/"Input Binary Field" for item 0: there is no binary field "sample"/,
		],
		// n8n-io/n8n#20481, #22125: the file dragged in (an object) or its path typed instead of the field name.
		[
			'the file dragged in instead of its field name',
			{ operation: 'upload', purpose: 'voice_clone', binaryPropertyName: '={{ $binary.data }}' },
			[wavItem(12)],
			/"Input Binary Field" for item 0: it is a file, not the name of a binary field; type the field name, e.g. "data"/,
		],
		[
			'a binary path instead of the field name',
			{ operation: 'upload', purpose: 'voice_clone', binaryPropertyName: '$binary.data' },
			[wavItem(12)],
			/"Input Binary Field" for item 0: there is no binary field "\$binary\.data"; type only the field name: "data"/,
		],
		[
			'a file ID with letters',
			{ operation: 'download', fileId: 'file-123' },
			undefined,
			/"File ID" for item 0: "file-123" is not a MiniMax file ID/,
		],
		[
			'a blank file ID',
			{ operation: 'get', fileId: ' ' },
			undefined,
			/"File ID" for item 0: it is empty/,
		],
		[
			'a file ID beyond JSON precision',
			{ operation: 'delete', fileId: '99999999999999999999', purpose: 'voice_clone' },
			undefined,
			/too large to send exactly as a JSON number/,
		],
	])('rejects %s before any request', async (_label, parameters, items, message) => {
		const result = await run(sandbox(), files(parameters), {
			items:
				items === 'big'
					? [
							{
								json: {},
								binary: { data: { filePath: bigFile, fileName: 'big.wav', mimeType: 'audio/wav' } },
							},
						]
					: (items as FixtureItem[] | undefined),
		});
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(message);
		expect(sandbox().log).toHaveLength(0);
	});
});
