import { SANDBOX_KEYS } from '../../sandbox';
import { CREDENTIAL_NAME, CREDENTIAL_TYPE } from './examples';
import type { CredentialImport } from './n8nCli';

/**
 * The "MiniMax account" credential the examples reference by name. Its id deliberately differs from the
 * id in the example files, so every import goes through n8n's match-by-name, as it does for users.
 */
export const CREDENTIAL_ID = 'e2eMiniMaxAccount1';

export function sandboxCredential(sandboxUrl: string): CredentialImport {
	return {
		id: CREDENTIAL_ID,
		name: CREDENTIAL_NAME,
		type: CREDENTIAL_TYPE,
		data: { apiKey: SANDBOX_KEYS.global, region: 'custom', customBaseUrl: sandboxUrl, groupId: '' },
	};
}

/** The real MiniMax API: region `global` or `china`. */
export function realApiCredential(apiKey: string, region: string): CredentialImport {
	if (region !== 'global' && region !== 'china')
		throw new Error(`MINIMAX_REGION must be "global" or "china", got "${region}"`);
	return {
		id: CREDENTIAL_ID,
		name: CREDENTIAL_NAME,
		type: CREDENTIAL_TYPE,
		data: { apiKey, region, groupId: '' },
	};
}
