/** A loopback HTTP server standing in for an API, for the harness self-test. */
import { createServer } from 'node:http';
import type { IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export const API_KEY = 'selftest-key';

/** 256 KiB of deterministic bytes, sent in several chunks so downloads really stream. */
export const AUDIO = Buffer.alloc(256 * 1024);
for (let i = 0, x = 7; i < AUDIO.length; i++) {
	x = (x * 1103515245 + 12345) & 0x7fffffff;
	AUDIO[i] = x >> 16;
}

export interface SelfTestServer {
	baseUrl: string;
	requests: Array<{ path: string; headers: IncomingHttpHeaders }>;
	close(): Promise<void>;
}

export async function startSelfTestServer(): Promise<SelfTestServer> {
	const requests: SelfTestServer['requests'] = [];
	const server = createServer((req, res) => {
		const path = req.url ?? '/';
		requests.push({ path, headers: req.headers });
		const authorized = req.headers.authorization === `Bearer ${API_KEY}`;
		const json = (status: number, body: unknown) => {
			res.writeHead(status, { 'content-type': 'application/json' });
			res.end(JSON.stringify(body));
		};
		if (path === '/v1/check') {
			// MiniMax style: HTTP 200 with an error code in the body.
			const status = authorized
				? { status_code: 0, status_msg: 'success' }
				: { status_code: 1004, status_msg: 'invalid api key' };
			json(200, { base_resp: status });
		} else if (path === '/hang') {
			// Never answers: only the execution's cancel signal ends this request.
		} else if (!authorized) {
			json(401, { error: { message: 'invalid api key' } });
		} else if (path === '/v1/strict') {
			json(200, { ok: true });
		} else if (path === '/audio') {
			res.writeHead(200, { 'content-type': 'audio/mpeg' });
			const chunk = AUDIO.length / 4;
			for (let offset = 0; offset < AUDIO.length; offset += chunk)
				res.write(AUDIO.subarray(offset, offset + chunk));
			res.end();
		} else if (path === '/fail') {
			json(400, { error: { message: 'bad request from the self-test server' } });
		} else {
			json(404, { error: { message: 'not found' } });
		}
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		baseUrl: `http://127.0.0.1:${port}`,
		requests,
		close: async () => {
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}
