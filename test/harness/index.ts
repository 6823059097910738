/**
 * Whole-workflow test harness: runs an n8n workflow export through n8n-core's real execution
 * engine (WorkflowExecute), with the compiled package's nodes and credentials, n8n's binary data
 * service in filesystem mode, and n8n's HTTP and authentication helpers.
 */
import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import { createRunExecutionData, deepCopy, Workflow } from 'n8n-workflow';
import type {
	ExecutionError,
	ExecutionStatus,
	IConnections,
	IDataObject,
	INode,
	INodeExecutionData,
	IPinData,
	IRun,
	IRunData,
	IWorkflowBase,
	IWorkflowSettings,
} from 'n8n-workflow';

import { createAdditionalData } from './additionalData';
import { useBinaryMode } from './binaryData';
import type { BinaryMode } from './binaryData';
import { HarnessCredentialsHelper } from './credentialsHelper';
import { withPacingOff } from './pacing';
import type { HarnessCredentials } from './credentialsHelper';
import { assertNoSecretLeak, secretsOf } from './secrets';
import { TypeRegistry } from './types';
import type { TypeOptions } from './types';

export { binaryPath, databaseBinaryManager, readBinary } from './binaryData';
export { testCredential } from './credentialTester';
export type { BinaryMode } from './binaryData';
export type { HarnessCredentials } from './credentialsHelper';
export type { FixtureBinary, FixtureItem } from './fixtureNodes';
export type { AnyNodeType, TypeOptions } from './types';

/** An n8n workflow export (the JSON "Download" or `n8n export:workflow` produces). */
export interface WorkflowJson {
	id?: string;
	name?: string;
	nodes: INode[];
	connections: IConnections;
	settings?: IWorkflowSettings;
	pinData?: IPinData;
	staticData?: IDataObject;
	[key: string]: unknown;
}

export interface RunOptions extends TypeOptions {
	/** Credential data by credential type; nodes still reference them in `node.credentials`. */
	credentials?: HarnessCredentials;
	/** Default 'filesystem' (n8n 2.x): binaries are files under $N8N_USER_FOLDER/.n8n/storage. */
	binaryMode?: BinaryMode;
	/** Default 30000. When exceeded the execution is canceled and the promise rejects. */
	timeoutMs?: number;
	/** 'off' (default): MiniMax nodes without a Requests per Minute option run unpaced (see pacing.ts). */
	pacing?: 'off' | 'defaults';
}

export interface WorkflowRun {
	/** 'success' | 'error' | 'canceled' | 'waiting' ... as n8n records it. */
	status: ExecutionStatus;
	/** Execution-level error, e.g. the NodeApiError a node threw (its own fields copied onto an Error). */
	error?: Error;
	runData: IRunData;
	executionId: string;
	workflowId: string;
	/** The IRun n8n-core returned, for anything not covered above. */
	raw: IRun;
	/** Items of the node's last run on that main output; throws if the node did not run or failed. */
	output(nodeName: string, outputIndex?: number): INodeExecutionData[];
}

type Execution = ReturnType<WorkflowExecute['processRunExecutionData']>;

const DEFAULT_TIMEOUT_MS = 30_000;
let executionCount = 0;

export async function runWorkflow(
	workflow: WorkflowJson,
	options?: RunOptions,
): Promise<WorkflowRun> {
	return await startWorkflow(workflow, options).done;
}

/** Starts a workflow; cancel() is the user pressing Stop (the execution's cancel signal fires). */
export function startWorkflow(
	workflow: WorkflowJson,
	options: RunOptions = {},
): { done: Promise<WorkflowRun>; cancel(): void } {
	let canceled = false;
	let execution: Execution | undefined;
	const done = execute(workflow, options, (started) => {
		execution = started;
		if (canceled) started.cancel();
	});
	return {
		done,
		cancel() {
			canceled = true;
			execution?.cancel();
		},
	};
}

async function execute(
	json: WorkflowJson,
	options: RunOptions,
	onStarted: (execution: Execution) => void,
): Promise<WorkflowRun> {
	const data = deepCopy(json); // new Workflow() writes parameter defaults into the nodes
	if (options.pacing !== 'defaults') withPacingOff(data.nodes);
	const credentials = deepCopy(options.credentials ?? {});
	const types = await TypeRegistry.create(options, {
		nodeTypes: data.nodes.map((node) => node.type),
		credentialTypes: [
			...Object.keys(credentials),
			...data.nodes.flatMap((node) => Object.keys(node.credentials ?? {})),
		],
	});
	await useBinaryMode(options.binaryMode ?? 'filesystem');

	const workflowId = data.id ?? 'harnessWorkflow';
	const executionId = String(++executionCount);
	const workflow = new Workflow({
		id: workflowId,
		name: data.name ?? 'Harness workflow',
		nodes: data.nodes,
		connections: data.connections,
		active: false,
		nodeTypes: types,
		settings: { executionOrder: 'v1', ...data.settings },
		pinData: data.pinData,
		staticData: data.staticData,
	});
	const startNode =
		workflow.getStartNode() ??
		data.nodes.find((node) => !node.disabled && !workflow.connectionsByDestinationNode[node.name]);
	if (!startNode) throw new Error('The workflow has no node to start from');

	const workflowData = {
		...data,
		id: workflowId,
		name: workflow.name,
		active: false,
		isArchived: false,
		createdAt: new Date(),
		updatedAt: new Date(),
		activeVersionId: null,
	} as IWorkflowBase;
	const hooks = new ExecutionLifecycleHooks('manual', executionId, workflowData);
	let firstReport: IRun | undefined; // on Stop, n8n records the run this hook gets at that moment
	hooks.addHandler('workflowExecuteAfter', async (fullRunData) => {
		firstReport ??= fullRunData;
	});
	const additionalData = createAdditionalData(new HarnessCredentialsHelper(types, credentials), {
		executionId,
		workflowId,
		hooks,
	});
	const runExecutionData = createRunExecutionData({
		executionData: {
			nodeExecutionStack: [{ node: startNode, data: { main: [[{ json: {} }]] }, source: null }],
		},
		resultData: { pinData: data.pinData },
	});

	let execution: Execution;
	try {
		execution = new WorkflowExecute(
			additionalData,
			'manual',
			runExecutionData,
		).processRunExecutionData(workflow);
	} catch (error) {
		// Thrown before the run starts, e.g. WorkflowHasIssuesError: n8n records an errored execution.
		runExecutionData.resultData.error = error as ExecutionError;
		const raw: IRun = {
			data: runExecutionData,
			mode: 'manual',
			startedAt: new Date(),
			storedAt: 'db',
			status: 'error',
		};
		return toWorkflowRun(raw, 'error', executionId, workflowId);
	}
	onStarted(execution);
	const raw = await withTimeout(execution, options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
	assertNoSecretLeak(raw, secretsOf(credentials));
	return toWorkflowRun(raw, finalStatus(firstReport ?? raw), executionId, workflowId);
}

/** The status n8n saves for a run (determineFinalExecutionStatus in packages/cli). */
function finalStatus(run: IRun): ExecutionStatus {
	if (run.waitTill) return 'waiting';
	if (run.status === 'crashed' || run.status === 'canceled') return run.status;
	return run.status === 'error' || run.data.resultData.error ? 'error' : 'success';
}

async function withTimeout(execution: Execution, timeoutMs: number): Promise<IRun> {
	let timer: NodeJS.Timeout | undefined;
	const timeout = new Promise<never>((_resolve, reject) => {
		timer = setTimeout(() => {
			execution.cancel();
			reject(new Error(`The workflow did not finish within ${timeoutMs} ms; it was canceled`));
		}, timeoutMs);
	});
	try {
		return await Promise.race([execution, timeout]);
	} finally {
		clearTimeout(timer);
	}
}

function toError(error: ExecutionError | Error | undefined): Error | undefined {
	if (!error || error instanceof Error) return error;
	// The engine stores a spread copy ({ ...error, message, stack }): restore an Error around it.
	return Object.assign(new Error((error as Error).message), error);
}

function toWorkflowRun(
	raw: IRun,
	status: ExecutionStatus,
	executionId: string,
	workflowId: string,
): WorkflowRun {
	const { runData } = raw.data.resultData;
	return {
		status,
		error: toError(raw.data.resultData.error),
		runData,
		executionId,
		workflowId,
		raw,
		output(nodeName, outputIndex = 0) {
			const runs = runData[nodeName];
			if (!runs?.length) {
				throw new Error(
					`Node "${nodeName}" did not run. Nodes that ran: ${Object.keys(runData).join(', ')}`,
				);
			}
			const last = runs[runs.length - 1];
			if (last.error && !last.data) {
				throw new Error(`Node "${nodeName}" failed: ${last.error.message}`, {
					cause: toError(last.error),
				});
			}
			return last.data?.main?.[outputIndex] ?? [];
		},
	};
}
