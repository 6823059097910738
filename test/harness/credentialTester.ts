/**
 * testCredential: what n8n does when the user clicks "Test" on a credential whose type declares
 * `test` (packages/cli/src/services/credentials-tester.service.ts): a temporary noOp-based node
 * whose only property routes `test.request`, run by n8n-core's RoutingNode (so expressions over
 * $credentials are resolved and the credential's authenticate is applied by the credentials
 * helper), then the `rules` evaluated the same way.
 */
import { ExecuteContext, RoutingNode } from 'n8n-core';
import { createRunExecutionData, Workflow } from 'n8n-workflow';
import type {
	ICredentialsDecrypted,
	INode,
	INodeExecutionData,
	INodeType,
	INodeTypes,
} from 'n8n-workflow';

import { createAdditionalData } from './additionalData';
import { HarnessCredentialsHelper } from './credentialsHelper';
import { TypeRegistry } from './types';
import type { TypeOptions } from './types';

export interface CredentialTestResult {
	status: 'OK' | 'Error';
	message: string;
}

interface HttpErrorCause {
	response?: { status: number; statusText?: string };
	code?: string;
}

function getPath(value: unknown, path: string): unknown {
	return path
		.replace(/\[(\w+)\]/g, '.$1')
		.split('.')
		.filter(Boolean)
		.reduce<unknown>(
			(current, key) => (current == null ? undefined : (current as Record<string, unknown>)[key]),
			value,
		);
}

export async function testCredential(
	type: string,
	data: Record<string, unknown>,
	options: TypeOptions = {},
): Promise<CredentialTestResult> {
	const types = await TypeRegistry.create(options, { nodeTypes: [], credentialTypes: [type] });
	const { test } = types.credential(type);
	if (!test) return { status: 'Error', message: 'No testing function found for this credential.' };

	const helper = new HarnessCredentialsHelper(types, { [type]: { ...data } });
	const credentialsDecrypted: ICredentialsDecrypted = {
		id: 'harness',
		name: type,
		type,
		data: helper.applyDefaults(type, data),
	};
	const noOp = types.getByNameAndVersion('n8n-nodes-base.noOp');
	const node: INode = {
		id: 'temp',
		parameters: {},
		name: 'Temp-Node',
		type: noOp.description.name,
		typeVersion: 1,
		position: [0, 0],
		credentials: { [type]: { id: 'harness', name: type } },
	};
	const nodeTypeCopy: INodeType = {
		description: {
			...noOp.description,
			credentials: [{ name: type, required: true }],
			properties: [
				{
					displayName: 'Temp',
					name: 'temp',
					type: 'string',
					routing: { request: test.request },
					default: '',
				},
			],
		},
	};
	const nodeTypes: INodeTypes = {
		getByName: () => nodeTypeCopy,
		getByNameAndVersion: () => nodeTypeCopy,
		getKnownTypes: () => ({}),
	};
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	const context = new ExecuteContext(
		workflow,
		node,
		createAdditionalData(helper),
		'internal',
		createRunExecutionData(),
		0,
		[],
		{ main: [[{ json: {} }]] },
		{ node, data: {}, source: null },
		[],
	);

	let response: INodeExecutionData[][] | null | undefined;
	try {
		response = await new RoutingNode(context, nodeTypeCopy, credentialsDecrypted).runNode();
	} catch (error) {
		const cause = (error as { cause?: HttpErrorCause }).cause;
		if (cause?.response) {
			const { status: statusCode, statusText } = cause.response;
			for (const rule of test.rules ?? []) {
				if (rule.type === 'responseCode' && statusCode === rule.properties.value) {
					return { status: 'Error', message: rule.properties.message };
				}
			}
			if (statusCode < 199 || statusCode > 299) {
				return {
					status: 'Error',
					message: statusText || `Received HTTP status code: ${statusCode}`,
				};
			}
		} else if (cause?.code) {
			return { status: 'Error', message: cause.code };
		}
		return { status: 'Error', message: String((error as Error).message) };
	}

	for (const rule of test.rules ?? []) {
		if (rule.type === 'responseSuccessBody') {
			const body = response?.[0]?.[0]?.json;
			if (getPath(body, rule.properties.key) === rule.properties.value) {
				return { status: 'Error', message: rule.properties.message };
			}
		}
	}
	return { status: 'OK', message: 'Connection successful!' };
}
