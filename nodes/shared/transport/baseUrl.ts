import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject } from 'n8n-workflow';

import type { MiniMaxContext } from './context';
import { CREDENTIAL_TYPE } from './credential';

/** Base URLs per node execution context: credentials are per node, so one lookup serves every item. */
const baseUrlCache = new WeakMap<object, Promise<string>>();

/** The API host of the node's credential (region or custom base URL), looked up once per execution. */
export async function resolveBaseUrl(this: MiniMaxContext, itemIndex?: number): Promise<string> {
	const cached = baseUrlCache.get(this);
	if (cached) return await cached;
	const pending = (async () => {
		const credentials = await this.getCredentials(CREDENTIAL_TYPE, itemIndex);
		return baseUrlFromCredentials(credentials, (message) => {
			throw new NodeOperationError(this.getNode(), message, { itemIndex });
		});
	})();
	baseUrlCache.set(this, pending);
	pending.catch(() => baseUrlCache.delete(this));
	return await pending;
}

/** Host for a credential: global, China, or a validated custom URL without `/v1` or trailing slash. */
export function baseUrlFromCredentials(
	credentials: IDataObject,
	fail: (message: string) => never,
): string {
	const region = String(credentials.region ?? 'global');
	if (region === 'china') return 'https://api.minimaxi.com';
	if (region !== 'custom') return 'https://api.minimax.io';
	const raw = String(credentials.customBaseUrl ?? '').trim();
	const cleaned = raw.replace(/\/+$/, '').replace(/\/v1$/, '');
	if (!/^https?:\/\/[^\s/]+/i.test(cleaned)) {
		fail(
			`The credential's Base URL "${raw}" is not a valid http(s) URL. Set it to the host only, e.g. https://api.minimax.io`,
		);
	}
	return cleaned;
}
