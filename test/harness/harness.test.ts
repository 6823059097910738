/**
 * Self-test of the whole-workflow harness (test/harness), with a fixture node and credentials
 * loaded from source, so it does not need dist/.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INode, INodeParameters } from 'n8n-workflow';

import { binaryPath, readBinary, runWorkflow, startWorkflow, testCredential } from './';
import type { RunOptions, WorkflowJson } from './';
import { SelfTest, SelfTestApi, SelfTestFnApi, sleepProbe } from './selftest/nodes';
import { API_KEY, AUDIO, startSelfTestServer } from './selftest/server';
import type { SelfTestServer } from './selftest/server';

let server: SelfTestServer;
beforeAll(async () => {
	server = await startSelfTestServer();
});
afterAll(async () => {
	await server.close();
});
beforeEach(() => {
	server.requests.length = 0;
});

const types: RunOptions = {
	extraNodeTypes: { 'test.selfTest': new SelfTest() },
	extraCredentialTypes: [new SelfTestApi(), new SelfTestFnApi()],
	loadPackage: false,
};
const credentials = (apiKey = API_KEY) => ({
	selfTestApi: { apiKey, baseUrl: server.baseUrl },
	selfTestFnApi: { apiKey, baseUrl: server.baseUrl },
});

const node = (
	name: string,
	type: string,
	parameters: INodeParameters = {},
	extra: Partial<INode> = {},
): INode => ({
	id: name,
	name,
	type,
	typeVersion: 1,
	position: [0, 0],
	parameters,
	...extra,
});
const trigger = node('Trigger', 'n8n-nodes-base.manualTrigger');
const selfTest = (parameters: INodeParameters, extra: Partial<INode> = {}) =>
	node('Self Test', 'test.selfTest', parameters, {
		credentials: {
			selfTestApi: { id: '1', name: 'Self-Test account' },
			selfTestFnApi: { id: '2', name: 'Self-Test account (function)' },
		},
		...extra,
	});
/** A linear workflow: each node feeds the next. */
const chain = (...nodes: INode[]): WorkflowJson => ({
	name: 'Harness self-test',
	nodes,
	connections: Object.fromEntries(
		nodes
			.slice(0, -1)
			.map((from, i) => [
				from.name,
				{ main: [[{ node: nodes[i + 1].name, type: 'main', index: 0 }]] },
			]),
	),
});
const authHeaders = () => server.requests.map((request) => request.headers.authorization);

describe('runWorkflow', () => {
	it('applies generic auth and streams a download into a filesystem binary', async () => {
		const run = await runWorkflow(chain(trigger, selfTest({ operation: 'download' })), {
			...types,
			credentials: credentials(),
		});

		expect(run.error).toBeUndefined();
		expect(run.status).toBe('success');
		expect(authHeaders()).toEqual([`Bearer ${API_KEY}`]);
		const [item] = run.output('Self Test');
		const binary = item.binary!.data;
		expect(binary.id).toMatch(
			new RegExp(
				`^filesystem-v2:workflows/harnessWorkflow/executions/${run.executionId}/binary_data/[0-9a-f-]{36}$`,
			),
		);
		expect(binary).toMatchObject({
			data: 'filesystem-v2', // not base64: the bytes are on disk
			fileName: 'speech.mp3',
			mimeType: 'audio/mpeg',
			bytes: AUDIO.length,
		});
		const file = binaryPath(binary)!;
		expect(file.startsWith(join(process.env.N8N_USER_FOLDER!, '.n8n', 'storage'))).toBe(true);
		expect((await readFile(file)).equals(AUDIO)).toBe(true);
		expect((await readBinary(binary)).equals(AUDIO)).toBe(true);
		expect(item.pairedItem).toEqual({ item: 0 });
	});

	it('applies function auth', async () => {
		const run = await runWorkflow(
			chain(trigger, selfTest({ authentication: 'function', operation: 'download' })),
			{
				...types,
				credentials: credentials(),
			},
		);

		expect(run.status).toBe('success');
		expect(authHeaders()).toEqual([`Bearer ${API_KEY}`]);
		expect((await readBinary(run.output('Self Test')[0].binary!.data)).equals(AUDIO)).toBe(true);
	});

	it("keeps binaries inline in 'default' mode", async () => {
		const run = await runWorkflow(chain(trigger, selfTest({ operation: 'download' })), {
			...types,
			credentials: credentials(),
			binaryMode: 'default',
		});

		const binary = run.output('Self Test')[0].binary!.data;
		expect(binary.id).toBeUndefined();
		expect(Buffer.from(binary.data, 'base64').equals(AUDIO)).toBe(true);
		expect(binaryPath(binary)).toBeUndefined();
		expect((await readBinary(binary)).equals(AUDIO)).toBe(true);
	});

	it('stores test.items binaries on disk, downstream nodes stream them, pairedItem is kept', async () => {
		const dir = await mkdtemp(join(tmpdir(), 'harness-fixture-'));
		const filePath = join(dir, 'b.txt');
		await writeFile(filePath, 'from a file');
		try {
			const base64 = Buffer.from('hello').toString('base64');
			const items = [
				{ json: { n: 1 }, binary: { data: { base64, fileName: 'a.txt', mimeType: 'text/plain' } } },
				{
					json: { n: 2 },
					binary: { data: { filePath, fileName: 'b.txt', mimeType: 'text/plain' } },
				},
			];
			const itemsNode = node('Items', 'test.items', { items: JSON.stringify(items) });
			const run = await runWorkflow(
				chain(trigger, itemsNode, selfTest({ operation: 'readBinary' })),
				types,
			);

			expect(run.status).toBe('success');
			const stored = run.output('Items');
			expect(stored.map((item) => item.binary?.data.id?.split(':')[0])).toEqual([
				'filesystem-v2',
				'filesystem-v2',
			]);
			expect(stored.map((item) => item.json)).toEqual([{ n: 1 }, { n: 2 }]);
			expect(run.output('Self Test')).toEqual([
				{ json: { size: 5, text: 'hello', stored: true }, pairedItem: { item: 0 } },
				{ json: { size: 11, text: 'from a file', stored: true }, pairedItem: { item: 1 } },
			]);
		} finally {
			await rm(dir, { recursive: true, force: true });
		}
	});

	it('keeps json and pairedItem per item through a download', async () => {
		const items = [{ json: { text: 'a' } }, { json: { text: 'b' } }];
		const run = await runWorkflow(
			chain(
				trigger,
				node('Items', 'test.items', { items: JSON.stringify(items) }),
				selfTest({ operation: 'download' }),
			),
			{ ...types, credentials: credentials() },
		);

		const output = run.output('Self Test');
		expect(output.map((item) => [item.json, item.pairedItem])).toEqual([
			[{ text: 'a', downloaded: true }, { item: 0 }],
			[{ text: 'b', downloaded: true }, { item: 1 }],
		]);
		expect(new Set(output.map((item) => item.binary!.data.id)).size).toBe(2);
	});

	it("turns a failure into an error item with onError 'continueRegularOutput'", async () => {
		const run = await runWorkflow(
			chain(
				trigger,
				selfTest({ operation: 'request', path: '/fail' }, { onError: 'continueRegularOutput' }),
			),
			{ ...types, credentials: credentials() },
		);

		expect(run.status).toBe('success');
		const [item] = run.output('Self Test');
		expect(item.json.error).toEqual(expect.any(String));
		expect(item.pairedItem).toEqual({ item: 0 });
	});

	it("makes the execution fail with the node's NodeApiError", async () => {
		const run = await runWorkflow(chain(trigger, selfTest({ operation: 'download' })), {
			...types,
			credentials: credentials('wrong-key'),
		});

		expect(run.status).toBe('error');
		expect(run.error).toBeInstanceOf(Error);
		expect(run.error).toMatchObject({ name: 'NodeApiError', httpCode: '401' });
		expect(() => run.output('Self Test')).toThrow(run.error!.message);
	});

	it('fails clearly on an unknown node type', async () => {
		await expect(
			runWorkflow(chain(trigger, node('X', 'n8n-nodes-minimax.nope')), types),
		).rejects.toThrow('Unknown node type "n8n-nodes-minimax.nope"');
	});
});

describe('startWorkflow().cancel()', () => {
	it('fires the cancel signal a running node sees', async () => {
		Object.assign(sleepProbe, { started: false, finished: false, signalAborted: false });
		const execution = startWorkflow(chain(trigger, selfTest({ operation: 'sleep' })), {
			...types,
			timeoutMs: 5000,
		});
		while (!sleepProbe.started) await new Promise((resolve) => setTimeout(resolve, 10));
		const stoppedAt = Date.now();
		execution.cancel();
		const run = await execution.done;

		expect(run.status).toBe('canceled');
		expect(sleepProbe).toEqual({ started: true, finished: true, signalAborted: true });
		expect(Date.now() - stoppedAt).toBeLessThan(1000);
	});

	it('aborts an HTTP request in flight', async () => {
		const execution = startWorkflow(
			chain(trigger, selfTest({ operation: 'request', path: '/hang' })),
			{
				...types,
				credentials: credentials(),
				timeoutMs: 5000,
			},
		);
		while (!server.requests.some((request) => request.path === '/hang')) {
			await new Promise((resolve) => setTimeout(resolve, 10));
		}
		execution.cancel();
		const run = await execution.done;

		expect(run.status).toBe('canceled');
		expect(run.runData['Self Test'][0].error?.message).toMatch(/cancel|abort/i);
	});

	it('rejects when the workflow outlives timeoutMs', async () => {
		await expect(
			runWorkflow(chain(trigger, selfTest({ operation: 'sleep' })), { ...types, timeoutMs: 200 }),
		).rejects.toThrow('did not finish within 200 ms');
	});
});

describe('testCredential', () => {
	it('fails with the rule message when responseSuccessBody matches, passes otherwise', async () => {
		const data = { apiKey: API_KEY, baseUrl: server.baseUrl };
		expect(await testCredential('selfTestApi', data, types)).toEqual({
			status: 'OK',
			message: 'Connection successful!',
		});
		expect(await testCredential('selfTestApi', { ...data, apiKey: 'wrong' }, types)).toEqual({
			status: 'Error',
			message: 'Invalid API key',
		});
		expect(authHeaders()).toEqual([`Bearer ${API_KEY}`, 'Bearer wrong']);
	});

	it('applies responseCode rules and reports unreachable servers', async () => {
		const data = { apiKey: API_KEY, baseUrl: server.baseUrl };
		expect(await testCredential('selfTestFnApi', data, types)).toMatchObject({ status: 'OK' });
		expect(await testCredential('selfTestFnApi', { ...data, apiKey: 'wrong' }, types)).toEqual({
			status: 'Error',
			message: 'API key rejected',
		});
		expect(
			await testCredential('selfTestFnApi', { ...data, baseUrl: 'http://127.0.0.1:1' }, types),
		).toEqual({
			status: 'Error',
			message: 'ECONNREFUSED',
		});
	});
});
