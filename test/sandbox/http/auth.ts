import { ApiError, CODES, MESSAGES } from './errors';
import type { Region } from '../core/types';

export const SANDBOX_KEYS = {
	global: 'sk-sandbox-global-0001',
	china: 'sk-sandbox-china-0001',
} as const;
export const SANDBOX_GROUP_ID = '1900000000000000001';

/**
 * Checks Bearer auth for the host the request came in on. Returns the business error to answer
 * (HTTP 200 + base_resp), or undefined when the caller is authorised.
 */
export function checkAuth(
	headers: Record<string, string>,
	query: Record<string, string>,
	region: Region,
): ApiError | undefined {
	const header = headers.authorization;
	const match = header === undefined ? null : /^Bearer\s+(\S+)\s*$/i.exec(header);
	if (!match) return new ApiError(CODES.auth, MESSAGES.loginFail);
	// A key works only on the host of the platform that issued it.
	if (match[1] !== SANDBOX_KEYS[region]) return new ApiError(CODES.invalidKey, MESSAGES.invalidKey);
	if (query.GroupId !== undefined && query.GroupId !== SANDBOX_GROUP_ID) {
		return new ApiError(CODES.auth, MESSAGES.groupMismatch);
	}
	return undefined;
}
