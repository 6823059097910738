/**
 * Runs a trigger node's poll() or webhook() through n8n-core's real PollContext / WebhookContext,
 * with the package's node types, the harness credentials and real HTTP — the way an active
 * workflow runs them. Workflow static data persists across calls through the `staticData` object.
 */
import { PollContext, WebhookContext } from 'n8n-core';
import { deepCopy, Workflow } from 'n8n-workflow';
import type {
	IDataObject,
	INode,
	INodeExecutionData,
	IWebhookData,
	IWebhookResponseData,
	WorkflowActivateMode,
} from 'n8n-workflow';

import { createAdditionalData } from './additionalData';
import { useBinaryMode } from './binaryData';
import { HarnessCredentialsHelper, type HarnessCredentials } from './credentialsHelper';
import type { WorkflowJson } from './index';
import { assertNoSecretLeak, secretsOf } from './secrets';
import { TypeRegistry } from './types';

export interface TriggerOptions {
	credentials?: HarnessCredentials;
	/** The workflow's static data; pass the same object across calls to keep trigger state. */
	staticData?: IDataObject;
	mode?: 'trigger' | 'manual';
}

async function prepare(json: WorkflowJson, nodeName: string, options: TriggerOptions) {
	const data = deepCopy(json);
	const credentials = deepCopy(options.credentials ?? {});
	const types = await TypeRegistry.create(
		{},
		{
			nodeTypes: data.nodes.map((node) => node.type),
			credentialTypes: [
				...Object.keys(credentials),
				...data.nodes.flatMap((node) => Object.keys(node.credentials ?? {})),
			],
		},
	);
	await useBinaryMode('filesystem');
	const workflow = new Workflow({
		id: data.id ?? 'harnessTriggerWorkflow',
		name: data.name ?? 'Trigger workflow',
		nodes: data.nodes,
		connections: data.connections,
		active: true,
		nodeTypes: types,
		settings: { executionOrder: 'v1', ...data.settings },
		staticData: options.staticData ?? {},
	});
	const node = workflow.getNode(nodeName) as INode;
	if (!node) throw new Error(`No node named "${nodeName}"`);
	const additionalData = createAdditionalData(new HarnessCredentialsHelper(types, credentials));
	const nodeType = types.getByNameAndVersion(node.type, node.typeVersion);
	const secrets = secretsOf(credentials);
	const syncStaticData = () => {
		if (options.staticData) Object.assign(options.staticData, workflow.staticData);
	};
	return { workflow, node, nodeType, additionalData, secrets, syncStaticData };
}

function checkSecrets(result: unknown, secrets: string[]): void {
	const text = JSON.stringify(result ?? null);
	for (const secret of secrets) {
		if (text.includes(secret))
			throw new Error(`A credential secret leaked into a trigger's output (…${secret.slice(-4)})`);
	}
}

/** One poll tick; returns the items it emitted (null = no execution started). */
export async function runPoll(
	json: WorkflowJson,
	nodeName: string,
	options: TriggerOptions = {},
): Promise<INodeExecutionData[] | null> {
	const { workflow, node, nodeType, additionalData, secrets, syncStaticData } = await prepare(
		json,
		nodeName,
		options,
	);
	if (!nodeType.poll) throw new Error(`${node.type} has no poll()`);
	const activation: WorkflowActivateMode = 'activate';
	const context = new PollContext(
		workflow,
		node,
		additionalData,
		options.mode ?? 'trigger',
		activation,
	);
	const result = await nodeType.poll.call(context);
	syncStaticData();
	checkSecrets(result, secrets);
	return result ? result[0] : null;
}

export interface WebhookCall {
	body?: unknown;
	query?: Record<string, string>;
	headers?: Record<string, string>;
	params?: Record<string, string>;
	webhookName?: 'default';
}

/** One HTTP request to a trigger's webhook; returns what n8n would answer and emit. */
/** What a node wrote to the response object itself (when it answers with noWebhookResponse). */
export interface CapturedResponse {
	statusCode?: number;
	body?: unknown;
}

export async function callWebhook(
	json: WorkflowJson,
	nodeName: string,
	call: WebhookCall,
	options: TriggerOptions = {},
): Promise<IWebhookResponseData & { response: CapturedResponse }> {
	const { workflow, node, nodeType, additionalData, secrets, syncStaticData } = await prepare(
		json,
		nodeName,
		options,
	);
	if (!nodeType.webhook) throw new Error(`${node.type} has no webhook()`);
	additionalData.httpRequest = {
		body: call.body ?? {},
		query: call.query ?? {},
		headers: { 'content-type': 'application/json', ...call.headers },
		params: call.params ?? {},
		method: 'POST',
	} as unknown as typeof additionalData.httpRequest;
	const response: CapturedResponse = {};
	additionalData.httpResponse = {
		status(code: number) {
			response.statusCode = code;
			return this;
		},
		json(body: unknown) {
			response.body = body;
			return this;
		},
		send(body: unknown) {
			response.body = body;
			return this;
		},
		end() {
			return this;
		},
	} as unknown as typeof additionalData.httpResponse;
	const webhookData = {
		httpMethod: 'POST',
		node: node.name,
		path: 'webhook',
		webhookDescription: {
			name: call.webhookName ?? 'default',
			httpMethod: 'POST',
			path: 'webhook',
		},
		workflowId: workflow.id,
		workflowExecuteAdditionalData: additionalData,
	} as unknown as IWebhookData;
	const context = new WebhookContext(
		workflow,
		node,
		additionalData,
		options.mode ?? 'trigger',
		webhookData,
		[],
		null,
	);
	const result = await nodeType.webhook.call(context);
	syncStaticData();
	checkSecrets(result, secrets);
	if (result.workflowData) {
		const run = {
			data: { resultData: { runData: { [nodeName]: [{ data: { main: result.workflowData } }] } } },
		};
		assertNoSecretLeak(run as never, secrets);
	}
	return { ...result, response };
}
