/**
 * Self-test fixtures, loaded from source (RunOptions.extraNodeTypes / extraCredentialTypes):
 * two credentials with the two `authenticate` forms and a node exercising what the package's
 * nodes do: httpRequestWithAuthentication, streamed downloads into prepareBinaryData, reading
 * stored binaries back, continueOnFail, and honouring the execution's cancel signal.
 */
import { NodeApiError, NodeConnectionTypes, sleep } from 'n8n-workflow';
import type {
	IAuthenticateGeneric,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IExecuteFunctions,
	IHttpRequestOptions,
	INodeExecutionData,
	INodeProperties,
	INodeType,
	INodeTypeDescription,
	JsonObject,
} from 'n8n-workflow';
import type { Readable } from 'node:stream';

const credentialProperties: INodeProperties[] = [
	{
		displayName: 'API Key',
		name: 'apiKey',
		type: 'string',
		typeOptions: { password: true },
		default: '',
	},
	{ displayName: 'Base URL', name: 'baseUrl', type: 'string', default: '' },
	// Not given by the tests: proves getDecrypted merges the type's defaults.
	{ displayName: 'Scheme', name: 'scheme', type: 'string', default: 'Bearer' },
];

/** Generic authenticate, resolved with n8n's expression engine. */
export class SelfTestApi implements ICredentialType {
	name = 'selfTestApi';
	displayName = 'Self-Test API';
	properties = credentialProperties;
	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: { headers: { Authorization: '={{$credentials.scheme}} {{$credentials.apiKey}}' } },
	};
	test: ICredentialTestRequest = {
		request: { baseURL: '={{$credentials.baseUrl}}', url: '/v1/check' },
		rules: [
			{
				type: 'responseSuccessBody',
				properties: { key: 'base_resp.status_code', value: 1004, message: 'Invalid API key' },
			},
		],
	};
}

/** Function authenticate. */
export class SelfTestFnApi implements ICredentialType {
	name = 'selfTestFnApi';
	displayName = 'Self-Test API (function auth)';
	properties = credentialProperties;
	authenticate = async (
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> => ({
		...requestOptions,
		headers: {
			...requestOptions.headers,
			Authorization: `${credentials.scheme} ${credentials.apiKey}`,
		},
	});
	test: ICredentialTestRequest = {
		request: { baseURL: '={{$credentials.baseUrl}}', url: '/v1/strict' },
		rules: [{ type: 'responseCode', properties: { value: 401, message: 'API key rejected' } }],
	};
}

/** What the sleeping node saw; the test reads it. */
export const sleepProbe = { started: false, finished: false, signalAborted: false };

async function streamToBuffer(stream: Readable): Promise<Buffer> {
	const chunks: Buffer[] = [];
	for await (const chunk of stream) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks);
}

export class SelfTest implements INodeType {
	description: INodeTypeDescription = {
		usableAsTool: true,
		displayName: 'Self Test',
		name: 'selfTest',
		group: ['transform'],
		version: 1,
		description: 'Harness self-test node',
		defaults: { name: 'Self Test' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'selfTestApi',
				required: true,
				displayOptions: { show: { authentication: ['generic'] } },
			},
			{
				name: 'selfTestFnApi',
				required: true,
				displayOptions: { show: { authentication: ['function'] } },
			},
		],
		properties: [
			{
				displayName: 'Authentication',
				name: 'authentication',
				type: 'options',
				options: [
					{ name: 'Generic', value: 'generic' },
					{ name: 'Function', value: 'function' },
				],
				default: 'generic',
			},
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				options: [
					{ name: 'Download', value: 'download' },
					{ name: 'Request', value: 'request' },
					{ name: 'Read Binary', value: 'readBinary' },
					{ name: 'Sleep', value: 'sleep' },
				],
				default: 'download',
			},
			{ displayName: 'Path', name: 'path', type: 'string', default: '/audio' },
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const returnData: INodeExecutionData[] = [];
		for (let i = 0; i < items.length; i++) {
			try {
				const operation = this.getNodeParameter('operation', i) as string;
				if (operation === 'sleep') {
					const signal = this.getExecutionCancelSignal();
					sleepProbe.started = true;
					try {
						for (const deadline = Date.now() + 20_000; Date.now() < deadline; )
							await sleep(20, signal);
					} finally {
						sleepProbe.signalAborted = signal?.aborted === true;
						sleepProbe.finished = true;
					}
					returnData.push({ json: { slept: true }, pairedItem: { item: i } });
					continue;
				}
				if (operation === 'readBinary') {
					const binary = this.helpers.assertBinaryData(i, 'data');
					const buffer = binary.id
						? await streamToBuffer(await this.helpers.getBinaryStream(binary.id))
						: await this.helpers.getBinaryDataBuffer(i, 'data');
					returnData.push({
						json: {
							size: buffer.length,
							text: buffer.toString('utf8'),
							stored: Boolean(binary.id),
						},
						pairedItem: { item: i },
					});
					continue;
				}
				const credentialType =
					this.getNodeParameter('authentication', i) === 'function'
						? 'selfTestFnApi'
						: 'selfTestApi';
				const { baseUrl } = await this.getCredentials<{ baseUrl: string }>(credentialType, i);
				const url = `${baseUrl}${this.getNodeParameter('path', i) as string}`;
				if (operation === 'download') {
					const stream = (await this.helpers.httpRequestWithAuthentication.call(
						this,
						credentialType,
						{
							method: 'GET',
							url,
							encoding: 'stream',
						},
					)) as Readable;
					const binary = await this.helpers.prepareBinaryData(stream, 'speech.mp3', 'audio/mpeg');
					returnData.push({
						json: { ...items[i].json, downloaded: true },
						binary: { data: binary },
						pairedItem: { item: i },
					});
				} else {
					const body = (await this.helpers.httpRequestWithAuthentication.call(
						this,
						credentialType,
						{
							method: 'GET',
							url,
							json: true,
						},
					)) as INodeExecutionData['json'];
					returnData.push({ json: body, pairedItem: { item: i } });
				}
			} catch (error) {
				if (this.continueOnFail()) {
					returnData.push({ json: { error: (error as Error).message }, pairedItem: { item: i } });
					continue;
				}
				// Re-wrapping the NodeApiError httpRequestWithAuthentication threw hands back the original.
				throw new NodeApiError(this.getNode(), error as JsonObject, { itemIndex: i });
			}
		}
		return [returnData];
	}
}
