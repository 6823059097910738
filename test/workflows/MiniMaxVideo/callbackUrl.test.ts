/**
 * Video create with a callback URL whose challenge fails (issue 11 case 8): MiniMax answers 2013
 * "invalid params, fail to check callback url", and the node explains the challenge handshake and
 * the usual n8n causes. Also what docs/minimax-api.md says cannot work is refused before any request.
 */
import { createServer, type Server } from 'http';
import type { AddressInfo } from 'net';
import type { IDataObject } from 'n8n-workflow';

import { videoStore } from '../../sandbox/families/video/store';
import { apiRequests, run, runOk, useSandbox } from '../helpers';

const sandbox = useSandbox({ timeScale: 100 });
const video = (parameters: IDataObject) => ({ type: 'n8n-nodes-minimax.miniMaxVideo', parameters });

function said(result: Awaited<ReturnType<typeof run>>): string {
	return `${result.error?.message ?? ''} ${(result.error as { description?: string } | undefined)?.description ?? ''}`;
}

describe('MiniMax Video › callback URL check (issue 11 case 8)', () => {
	let receiver: Server;
	let base: string;
	beforeAll(async () => {
		// /echo answers the challenge; /silent answers 200 without it (like an inactive workflow's 404 page or a wrong secret).
		receiver = createServer((req, res) => {
			let text = '';
			req.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
			req.on('end', () => {
				const body = JSON.parse(text || '{}') as IDataObject;
				res.writeHead(200, { 'content-type': 'application/json' });
				res.end(
					JSON.stringify(
						req.url?.startsWith('/echo') && body.challenge ? { challenge: body.challenge } : {},
					),
				);
			});
		});
		await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
		base = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
	});
	afterAll(() => new Promise<void>((resolve) => receiver.close(() => resolve())));

	beforeEach(() => {
		videoStore(sandbox().state).checkCallbackOnCreate = true;
	});

	it('a challenge that is not echoed fails the create with 2013 and a hint about the handshake and n8n causes', async () => {
		const result = await run(
			sandbox(),
			video({ prompt: 'Fireworks', waitMode: 'callback', callbackUrl: `${base}/silent` }),
		);
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe(
			'MiniMax: invalid params, fail to check callback url (2013)',
		);
		const text = said(result);
		expect(text).toMatch(
			/POSTs \{"challenge": "…"\} to the URL and needs the same value back within about 3 seconds/,
		);
		expect(text).toMatch(/MiniMax Video Callback Trigger is not active/);
		expect(text).toMatch(/test URL \(…\/webhook-test\/…\) was used instead of the production URL/);
		expect(text).toMatch(/\?secret=/);
		expect(text).toMatch(/not reachable from the internet/);
		expect(text).not.toMatch(/MiniMax rejected a parameter/);
		expect(videoStore(sandbox().state).callbacks.map((entry) => [entry.kind, entry.ok])).toEqual([
			['challenge', false],
		]);
		expect(apiRequests(sandbox(), '/v1/video_generation')).toHaveLength(1);
	});

	it('a challenge that is echoed creates the task (one challenge only)', async () => {
		const [item] = await runOk(
			sandbox(),
			video({ prompt: 'Fireworks', waitMode: 'callback', callbackUrl: `${base}/echo` }),
		);
		expect(item.json).toMatchObject({ status: 'Submitted', callbackUrl: `${base}/echo` });
		await videoStore(sandbox().state).settled();
		expect(
			videoStore(sandbox().state).callbacks.filter((entry) => entry.kind === 'challenge'),
		).toHaveLength(1);
	});

	it('a template task gets the same hint', async () => {
		const result = await run(
			sandbox(),
			video({
				resource: 'template',
				templateId: '392753057216684038',
				textInputs: { values: [{ value: 'Lion' }] },
				waitMode: 'callback',
				callbackUrl: `${base}/silent`,
			}),
		);
		expect(result.status).toBe('error');
		expect(said(result)).toMatch(/fail to check callback url[\s\S]*challenge/);
	});
});

describe('MiniMax Video › MiniMax-H3 ratio that cannot work', () => {
	it('refuses "Adaptive" without an input image before any request', async () => {
		const result = await run(
			sandbox(),
			video({ resource: 'h3', prompt: 'Waves at sunset', ratio: 'adaptive' }),
		);
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe(
			'Invalid "Aspect Ratio" for item 0: "Adaptive" takes the ratio from an input image, and this task has none',
		);
		expect(apiRequests(sandbox())).toHaveLength(0);
	});
});
