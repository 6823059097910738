import { spawn, type ChildProcess } from 'child_process';
import { createWriteStream } from 'fs';
import { join } from 'path';
import { setTimeout as sleep } from 'node:timers/promises';

import type { N8nInstance } from './n8nCli';
import { freePort } from './ports';
import { say } from './progress';

/**
 * A live `n8n start` for the webhook path and the editor: owner account, an API key for the public API,
 * webhooks activated through it.
 */

export const BROWSER_ID = 'n8n-nodes-minimax-e2e';

export const OWNER = {
	email: 'owner@example.com',
	firstName: 'Demo',
	lastName: 'Owner',
	password: 'MiniMax-e2e-1',
};

export interface N8nServer {
	url: string;
	port: number;
	process: ChildProcess;
	logFile: string;
	/** Session cookie of the owner (`n8n-auth`), once `setupOwner` ran. */
	authCookie?: string;
	apiKey?: string;
	stop(): Promise<void>;
}

export async function startServer(instance: N8nInstance, port: number): Promise<N8nServer> {
	const logFile = join(instance.userFolder, 'n8n-start.log');
	const log = createWriteStream(logFile);
	const env = {
		...instance.env,
		N8N_PORT: String(port),
		N8N_RUNNERS_BROKER_PORT: String(await freePort()),
	};
	// Its own process group, so stop() also ends the task runner n8n spawns.
	const child = spawn(instance.install.node, [instance.install.n8nBin, 'start'], {
		cwd: instance.userFolder,
		env,
		detached: true,
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	child.stdout?.pipe(log);
	child.stderr?.pipe(log);
	let exited = false;
	child.once('exit', () => {
		exited = true;
	});
	const url = `http://127.0.0.1:${port}`;
	const server: N8nServer = {
		url,
		port,
		process: child,
		logFile,
		stop: async () => {
			if (exited || child.pid === undefined) return;
			const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
			try {
				process.kill(-child.pid, 'SIGTERM');
			} catch {
				return;
			}
			const timer = setTimeout(() => {
				try {
					process.kill(-child.pid!, 'SIGKILL');
				} catch {
					// already gone
				}
			}, 15000);
			await gone;
			clearTimeout(timer);
		},
	};
	const begin = Date.now();
	for (;;) {
		if (exited) throw new Error(`n8n start exited early; see ${logFile}`);
		if (Date.now() - begin > 120000) {
			await server.stop();
			throw new Error(`n8n did not become ready within 120 s; see ${logFile}`);
		}
		try {
			const response = await fetch(`${url}/healthz/readiness`);
			if (response.ok) break;
		} catch {
			// not listening yet
		}
		await sleep(500);
	}
	say(`n8n is up at ${url} (${((Date.now() - begin) / 1000).toFixed(1)} s)`);
	return server;
}

async function rest<T>(
	server: N8nServer,
	method: string,
	path: string,
	body?: unknown,
): Promise<{ status: number; data: T; headers: Headers }> {
	const response = await fetch(`${server.url}${path}`, {
		method,
		headers: {
			'content-type': 'application/json',
			...(server.authCookie ? { cookie: `n8n-auth=${server.authCookie}` } : {}),
			// n8n's browser-id check binds sessions to this header.
			'browser-id': BROWSER_ID,
		},
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await response.text();
	let data: unknown = text;
	try {
		data = JSON.parse(text);
	} catch {
		// not JSON
	}
	if (!response.ok)
		throw new Error(`${method} ${path} → ${response.status}: ${text.slice(0, 500)}`);
	return {
		status: response.status,
		data: ((data as { data?: unknown })?.data ?? data) as T,
		headers: response.headers,
	};
}

/** POST /rest/owner/setup, keeping the session cookie. */
export async function setupOwner(server: N8nServer): Promise<void> {
	const { headers } = await rest(server, 'POST', '/rest/owner/setup', OWNER);
	const cookie = headers.getSetCookie().find((line) => line.startsWith('n8n-auth='));
	if (!cookie) throw new Error('owner setup returned no n8n-auth cookie');
	server.authCookie = cookie.split(';')[0].slice('n8n-auth='.length);
}

/** POST /rest/api-keys with every scope the instance offers. */
export async function createApiKey(server: N8nServer): Promise<string> {
	const { data: scopes } = await rest<string[]>(server, 'GET', '/rest/api-keys/scopes');
	const { data } = await rest<{ rawApiKey?: string; apiKey?: string }>(
		server,
		'POST',
		'/rest/api-keys',
		{
			label: 'e2e',
			scopes,
			expiresAt: null,
		},
	);
	const key = data.rawApiKey ?? data.apiKey;
	if (!key) throw new Error('n8n returned no API key');
	server.apiKey = key;
	return key;
}

/** The public API (`/api/v1`), authenticated with the API key. */
export async function publicApi<T>(
	server: N8nServer,
	method: string,
	path: string,
	body?: unknown,
): Promise<{ status: number; data: T }> {
	if (!server.apiKey) throw new Error('createApiKey first');
	const response = await fetch(`${server.url}/api/v1${path}`, {
		method,
		headers: { 'content-type': 'application/json', 'x-n8n-api-key': server.apiKey },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await response.text();
	let data: unknown = text;
	try {
		data = JSON.parse(text);
	} catch {
		// not JSON
	}
	if (!response.ok)
		throw new Error(`public API ${method} ${path} → ${response.status}: ${text.slice(0, 500)}`);
	return { status: response.status, data: data as T };
}

export async function activateWorkflow(server: N8nServer, workflowId: string): Promise<void> {
	await publicApi(server, 'POST', `/workflows/${workflowId}/activate`);
}

/** Calls a production webhook, retrying 404 while n8n registers it after activation. */
export async function callWebhook(
	server: N8nServer,
	path: string,
	init: RequestInit,
	timeoutMs = 30000,
): Promise<Response> {
	const begin = Date.now();
	for (;;) {
		const response = await fetch(`${server.url}/webhook/${path}`, init);
		if (response.status !== 404 || Date.now() - begin > timeoutMs) return response;
		await response.arrayBuffer();
		await sleep(500);
	}
}
