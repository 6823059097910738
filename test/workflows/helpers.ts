import axios from 'axios';
import type {
	IDataObject,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	INode,
	INodeExecutionData,
	INodeParameters,
	NodeConnectionType,
} from 'n8n-workflow';

import { MiniMaxApi } from '../../credentials/MiniMaxApi.credentials';

import type { FixtureItem, HarnessCredentials, RunOptions, WorkflowJson } from '../harness';
import { runWorkflow } from '../harness';
import { SANDBOX_KEYS, startSandbox, type RequestLogEntry, type Sandbox } from '../sandbox';

export const TTS_TYPE = 'n8n-nodes-minimax.miniMaxTextToSpeech';

export interface NodeUnderTest {
	type: string;
	parameters: IDataObject;
	onError?: INode['onError'];
}

/** Start → node under test; the start node emits the given items (with binaries) or one empty item. */
export function workflowOf(node: NodeUnderTest, items?: FixtureItem[]): WorkflowJson {
	const start: INode = items
		? {
				id: 'start',
				name: 'Start',
				type: 'test.items',
				typeVersion: 1,
				position: [0, 0],
				parameters: { items: JSON.stringify(items) },
			}
		: {
				id: 'start',
				name: 'Start',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			};
	const subject: INode = {
		id: 'subject',
		name: 'MiniMax',
		type: node.type,
		typeVersion: 1,
		position: [200, 0],
		parameters: node.parameters as INodeParameters,
		credentials: { miniMaxApi: { id: 'cred-1', name: 'MiniMax account' } },
		...(node.onError ? { onError: node.onError } : {}),
	};
	return {
		name: 'test',
		nodes: [start, subject],
		connections: { Start: { main: [[{ node: 'MiniMax', type: 'main', index: 0 }]] } },
	};
}

/** Start → a root node, with a MiniMax sub-node connected to it on `connection` (e.g. ai_embedding). */
export function subNodeWorkflow(
	root: { name: string; type: string; parameters: IDataObject },
	subNode: { name: string; type: string; parameters: IDataObject },
	connection: NodeConnectionType,
): WorkflowJson {
	const start = workflowOf({ type: TTS_TYPE, parameters: {} }).nodes[0];
	const nodes: INode[] = [
		start,
		{
			id: 'root',
			name: root.name,
			type: root.type,
			typeVersion: 1,
			position: [200, 0],
			parameters: root.parameters as INodeParameters,
		},
		{
			id: 'sub-node',
			name: subNode.name,
			type: subNode.type,
			typeVersion: 1,
			position: [200, 200],
			parameters: subNode.parameters as INodeParameters,
			credentials: { miniMaxApi: { id: 'cred-1', name: 'MiniMax account' } },
		},
	];
	return {
		name: `${subNode.name} under ${root.name}`,
		nodes,
		connections: {
			[start.name]: { main: [[{ node: root.name, type: 'main', index: 0 }]] },
			[subNode.name]: { [connection]: [[{ node: root.name, type: connection, index: 0 }]] },
		},
	};
}

export function credentialsFor(sandbox: Sandbox, overrides: IDataObject = {}): HarnessCredentials {
	return {
		miniMaxApi: {
			apiKey: SANDBOX_KEYS.global,
			region: 'custom',
			customBaseUrl: sandbox.url,
			...overrides,
		},
	};
}

export async function run(
	sandbox: Sandbox,
	node: NodeUnderTest,
	options: { items?: FixtureItem[]; credentials?: IDataObject } & Omit<
		RunOptions,
		'credentials'
	> = {},
) {
	const { items, credentials, ...rest } = options;
	return await runWorkflow(workflowOf(node, items), {
		credentials: credentialsFor(sandbox, credentials),
		...rest,
	});
}

/** Runs and returns the node's items, failing with the execution error when there is one. */
export async function runOk(
	sandbox: Sandbox,
	node: NodeUnderTest,
	options: Parameters<typeof run>[2] = {},
): Promise<INodeExecutionData[]> {
	const result = await run(sandbox, node, options);
	if (result.status !== 'success')
		throw result.error ?? new Error(`execution ended with status ${result.status}`);
	return result.output('MiniMax');
}

export function tts(parameters: IDataObject, onError?: INode['onError']): NodeUnderTest {
	return { type: TTS_TYPE, parameters, onError };
}

export function apiRequests(sandbox: Sandbox, path?: string): RequestLogEntry[] {
	return sandbox.log.filter((entry) => entry.kind === 'api' && (!path || entry.path === path));
}

export function downloads(sandbox: Sandbox): RequestLogEntry[] {
	return sandbox.log.filter((entry) => entry.kind === 'download');
}

/** One sandbox per test file; state, faults and log reset before each test. */
export function useSandbox(options: Parameters<typeof startSandbox>[0] = {}): () => Sandbox {
	let sandbox: Sandbox | undefined;
	beforeAll(async () => {
		sandbox = await startSandbox({ timeScale: 20, ...options });
	});
	beforeEach(() => sandbox?.reset());
	afterEach(() => {
		// Signed download links must never receive the API key, in any test that uses the sandbox.
		const leaked = (sandbox?.log ?? []).filter(
			(entry) =>
				entry.kind === 'download' &&
				(entry.headers.authorization !== undefined ||
					Object.values(SANDBOX_KEYS).some((key) => JSON.stringify(entry).includes(key))),
		);
		expect(leaked).toEqual([]);
	});
	afterAll(async () => {
		await sandbox?.close();
	});
	return () => {
		if (!sandbox) throw new Error('sandbox not started');
		return sandbox;
	};
}

export { SANDBOX_KEYS };

/** A cloned and a designed voice, as a user who used Voice Clone and Voice Design would have. */
export function readyVoices(sandbox: Sandbox): void {
	sandbox.state.addClonedVoice('MyNarrator01');
	sandbox.state.addDesignedVoice('ttv-voice-2026112100000001');
}

export interface Step {
	name: string;
	type: string;
	parameters: IDataObject;
}

/** Start → step 1 → step 2 …, each MiniMax step with the test credential. */
export function pipeline(steps: Step[], items?: FixtureItem[]): WorkflowJson {
	const start = workflowOf({ type: TTS_TYPE, parameters: {} }, items).nodes[0];
	const nodes: INode[] = [
		start,
		...steps.map((step, index) => ({
			id: `step-${index}`,
			name: step.name,
			type: step.type,
			typeVersion: 1,
			position: [200 * (index + 1), 0] as [number, number],
			parameters: step.parameters as INodeParameters,
			credentials: { miniMaxApi: { id: 'cred-1', name: 'MiniMax account' } },
		})),
	];
	const connections: WorkflowJson['connections'] = {};
	nodes.slice(0, -1).forEach((node, index) => {
		connections[node.name] = { main: [[{ node: nodes[index + 1].name, type: 'main', index: 0 }]] };
	});
	return { name: 'pipeline', nodes, connections };
}

export const CLONE_TYPE = 'n8n-nodes-minimax.miniMaxVoiceClone';
export const DESIGN_TYPE = 'n8n-nodes-minimax.miniMaxVoiceDesign';

/** The few members of a load-options context that the voice search uses, doing real HTTP. */
export function loadOptionsContext(credentials: IDataObject): ILoadOptionsFunctions {
	const credential = new MiniMaxApi();
	return {
		getNode: () => ({
			id: 'n',
			name: 'TTS',
			type: 'n8n-nodes-minimax.miniMaxTextToSpeech',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		}),
		getCredentials: async () => credentials,
		helpers: {
			httpRequestWithAuthentication: async (_type: string, options: IHttpRequestOptions) => {
				const signed = await (
					credential.authenticate as (
						c: IDataObject,
						o: IHttpRequestOptions,
					) => Promise<IHttpRequestOptions>
				)(credentials, options);
				const response = await axios.request({
					url: signed.url,
					method: signed.method,
					params: signed.qs,
					data: signed.body,
					headers: signed.headers as Record<string, string>,
					validateStatus: () => true,
				});
				return { body: response.data, headers: response.headers, statusCode: response.status };
			},
		},
	} as unknown as ILoadOptionsFunctions;
}

/** A workflow of one trigger node (type and parameters given) using the "MiniMax account" credential. */
export function triggerWorkflow(type: string, parameters: INodeParameters): WorkflowJson {
	return {
		name: 'trigger',
		nodes: [
			{
				id: 't',
				name: 'Trigger',
				type,
				typeVersion: 1,
				position: [0, 0],
				parameters,
				credentials: { miniMaxApi: { id: 'cred-1', name: 'MiniMax account' } },
			},
		],
		connections: {},
	};
}
