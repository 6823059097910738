/** MiniMax business error: answered as HTTP 200 with base_resp {status_code, status_msg}. */
export class ApiError extends Error {
	constructor(
		readonly code: number,
		message: string,
	) {
		super(message);
		this.name = 'ApiError';
	}
}

export const CODES = {
	unknown: 1000,
	timeout: 1001,
	rateLimit: 1002,
	auth: 1004,
	balance: 1008,
	invisibleChars: 1042,
	invalidParams: 2013,
	invalidKey: 2049,
	voiceNotExist: 2054,
} as const;

export const MESSAGES = {
	loginFail:
		"login fail: Please carry the API secret key in the 'Authorization' field of the request header",
	groupMismatch: 'token not match group',
	invalidKey: 'invalid api key',
	rateLimit: 'rate limit exceeded(RPM)',
	voiceNotExist: 'voice id not exist',
} as const;

/** Default status_msg for a code, used by faults that only give a code. */
export function defaultMessage(code: number): string {
	switch (code) {
		case 0:
			return 'success';
		case 1000:
			return 'unknown error';
		case 1001:
			return 'request timeout';
		case 1002:
			return MESSAGES.rateLimit;
		case 1004:
			return MESSAGES.loginFail;
		case 1008:
			return 'insufficient balance';
		case 1024:
			return 'internal error';
		case 1026:
			return 'input new_sensitive';
		case 1033:
			return 'system error';
		case 1039:
			return 'token limit exceeded(TPM)';
		case 1041:
			return 'conn limit exceeded';
		case 2013:
			return 'invalid params';
		case 2045:
			return 'rate growth limit exceeded';
		case 2049:
			return MESSAGES.invalidKey;
		case 2054:
			return MESSAGES.voiceNotExist;
		case 2056:
			return 'usage limit exceeded';
		default:
			return 'error';
	}
}

export function invalidParams(field: string, reason: string): ApiError {
	return new ApiError(CODES.invalidParams, `invalid params, ${field}: ${reason}`);
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

/** Runs fn and returns its value or what it threw, so callers can map errors outside a catch clause. */
export function capture<T>(fn: () => T): Outcome<T> {
	try {
		return { ok: true, value: fn() };
	} catch (error) {
		return { ok: false, error };
	}
}
