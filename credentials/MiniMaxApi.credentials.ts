import type {
	IAuthenticate,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

const REGION_MISMATCH_HINT =
	'Keys created on platform.minimax.io only work with Region "Global", keys created on platform.minimaxi.com only with "China". Check that the key and the region match, and that the key was copied whole.';

export class MiniMaxApi implements ICredentialType {
	name = 'miniMaxApi';

	displayName = 'MiniMax API';

	icon: Icon = { light: 'file:../icons/minimax.svg', dark: 'file:../icons/minimax.dark.svg' };

	documentationUrl = 'https://platform.minimax.io/docs/guides/quickstart-preparation';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description:
				'Your MiniMax API key (Account → API Keys). A pasted "Bearer " prefix is ignored.',
		},
		{
			displayName: 'Region',
			name: 'region',
			type: 'options',
			default: 'global',
			options: [
				{
					name: 'Global (api.minimax.io)',
					value: 'global',
					description: 'For keys created on platform.minimax.io',
				},
				{
					name: 'China (api.minimaxi.com)',
					value: 'china',
					description: 'For keys created on platform.minimaxi.com',
				},
				{
					name: 'Custom Base URL',
					value: 'custom',
					description: 'A proxy, gateway or local MiniMax-compatible server',
				},
			],
			description: 'Where the key was issued. A key only works on the host of its own platform.',
		},
		{
			displayName: 'Base URL',
			name: 'customBaseUrl',
			type: 'string',
			default: '',
			placeholder: 'https://my-gateway.example.com',
			required: true,
			displayOptions: { show: { region: ['custom'] } },
			description: 'Base URL without the /v1 path, e.g. https://api-uw.minimax.io',
		},
		{
			displayName: 'Group ID',
			name: 'groupId',
			type: 'string',
			default: '',
			description:
				'Only for legacy accounts that still need it. Leave empty: current MiniMax hosts do not require a Group ID, and a wrong one causes error 1004.',
		},
	];

	authenticate: IAuthenticate = async (
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> => {
		const apiKey = String(credentials.apiKey ?? '')
			.trim()
			.replace(/^bearer\s+/i, '')
			.trim();
		const groupId = String(credentials.groupId ?? '').trim();
		return {
			...requestOptions,
			headers: { ...(requestOptions.headers ?? {}), Authorization: `Bearer ${apiKey}` },
			qs: groupId ? { ...(requestOptions.qs ?? {}), GroupId: groupId } : requestOptions.qs,
		};
	};

	// Listing voice-clone files is free, authenticated and available on every account.
	test: ICredentialTestRequest = {
		request: {
			baseURL:
				'={{ $credentials.region === "china" ? "https://api.minimaxi.com" : $credentials.region === "custom" ? String($credentials.customBaseUrl).trim().replace(/\\/+$/, "").replace(/\\/v1$/, "") : "https://api.minimax.io" }}',
			url: '/v1/files/list',
			method: 'GET',
			qs: { purpose: 'voice_clone' },
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'base_resp.status_code',
					value: 2049,
					message: `Invalid API key for this region (MiniMax 2049). ${REGION_MISMATCH_HINT}`,
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'base_resp.status_code',
					value: 1004,
					message: `Authentication failed (MiniMax 1004). ${REGION_MISMATCH_HINT} If a Group ID is set, clear it: a Group ID that does not belong to the key is rejected.`,
				},
			},
		],
	};
}
