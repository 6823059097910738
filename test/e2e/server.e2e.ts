import { mkdirSync } from 'fs';
import { join } from 'path';

import { startSandbox, type Sandbox } from '../sandbox';
import { EXAMPLE_CHECKS } from './exampleChecks';
import {
	launchChromium,
	loopbackOnly,
	openRoute,
	signIn,
	type Browser,
	type BrowserContext,
	type Page,
} from './lib/browser';
import { PACKAGE } from './lib/communityPackage';
import { exportedNodeTypes, newInstance, SCREENSHOT_DIR } from './lib/context';
import { CREDENTIAL_ID, sandboxCredential } from './lib/credential';
import { CREDENTIAL_TYPE, EXAMPLES_DIR, loadExamples, webhookPath } from './lib/examples';
import { CANVAS_ID, canvasWorkflow, galleryWorkflow } from './lib/gallery';
import { importCredentials, importWorkflow, n8nOk, type N8nInstance } from './lib/n8nCli';
import {
	activateWorkflow,
	BROWSER_ID,
	callWebhook,
	createApiKey,
	publicApi,
	setupOwner,
	startServer,
	type N8nServer,
} from './lib/n8nServer';
import { freePort } from './lib/ports';

/**
 * A live `n8n start` with the package installed: the credential through the public API, the webhook
 * examples activated and called over HTTP, and every MiniMax node's parameter panel opened in the real
 * editor in headless Chromium (one screenshot per node in test-output/e2e/screenshots/).
 */

const webhookExamples = loadExamples().filter(
	(example) => EXAMPLE_CHECKS[example.file]?.kind === 'webhook',
);
const liveExamples = loadExamples().filter(
	(example) => EXAMPLE_CHECKS[example.file]?.kind === 'live',
);
const gallery = galleryWorkflow(
	exportedNodeTypes().filter(
		(type) => type.name.startsWith(`${PACKAGE.name}.`) && !type.name.endsWith('Tool'),
	),
);
const canvas = canvasWorkflow(PACKAGE.name);

let sandbox: Sandbox;
let instance: N8nInstance;
let server: N8nServer;

beforeAll(async () => {
	sandbox = await startSandbox({ timeScale: 50 });
	instance = newInstance('server');
	await importCredentials(instance, [sandboxCredential(sandbox.url)]);
	await n8nOk(instance, ['import:workflow', '--separate', `--input=${EXAMPLES_DIR}`]);
	await importWorkflow(instance, gallery.workflow);
	await importWorkflow(instance, canvas.workflow);
	server = await startServer(instance, await freePort());
	await setupOwner(server);
	await createApiKey(server);
});

afterAll(async () => {
	await server?.stop();
	await sandbox?.close();
});

describe('the credential in a running n8n (public API)', () => {
	test(`${CREDENTIAL_TYPE} is registered with its fields`, async () => {
		const { data } = await publicApi<{ properties: Record<string, unknown>; required: string[] }>(
			server,
			'GET',
			`/credentials/schema/${CREDENTIAL_TYPE}`,
		);
		expect(Object.keys(data.properties)).toEqual(
			expect.arrayContaining(['apiKey', 'region', 'customBaseUrl', 'groupId']),
		);
		expect(data.required).toContain('apiKey');
	});

	test('the credential test passes against the sandbox (and lists voice-clone files there)', async () => {
		sandbox.reset();
		const { data } = await publicApi<{ status: string; message: string }>(
			server,
			'POST',
			`/credentials/${CREDENTIAL_ID}/test`,
		);
		expect(data.status).toBe('OK');
		expect(sandbox.log.map((entry) => entry.path)).toEqual(['/v1/files/list']);
	});
});

describe('webhook examples on a live n8n', () => {
	beforeEach(() => sandbox.reset());

	test.each(webhookExamples.map((example) => [example.file, example]))(
		'%s: activate, call, receive the file',
		async (file, example) => {
			const check = EXAMPLE_CHECKS[file];
			if (check.kind !== 'webhook')
				throw new Error(`${file} starts with a Webhook but its check is "${check.kind}"`);
			await activateWorkflow(server, example.workflow.id);
			const response = await callWebhook(server, webhookPath(example.workflow), check.request());
			const body = Buffer.from(await response.arrayBuffer());
			if (response.status !== 200)
				throw new Error(`${file}: HTTP ${response.status} ${body.toString('utf8').slice(0, 500)}`);
			await check.check({ response, body, sandbox });
		},
	);
});

describe('live scenarios on a running n8n', () => {
	beforeEach(() => sandbox.reset());

	test.each(liveExamples.map((example) => [example.file]))('%s', async (file) => {
		const check = EXAMPLE_CHECKS[file];
		if (check.kind !== 'live') throw new Error(`${file}: not a live scenario`);
		await check.run({ server, instance, sandbox });
	});
});

describe('the editor: every MiniMax node panel in headless Chromium', () => {
	let browser: Browser;
	let context: BrowserContext;
	let page: Page;
	const blocked: string[] = [];
	const pageErrors: string[] = [];
	const failedCalls: string[] = [];

	beforeAll(async () => {
		mkdirSync(SCREENSHOT_DIR, { recursive: true });
		browser = await launchChromium();
		context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
		await loopbackOnly(context, blocked);
		await signIn(context, server.url, server.authCookie!, BROWSER_ID);
		page = await context.newPage();
		page.on('pageerror', (error) => pageErrors.push(error.message));
		page.on('response', (response) => {
			if (response.url().includes('/rest/') && response.status() >= 400)
				failedCalls.push(`${response.status()} ${response.url()}`);
		});
	});

	afterAll(async () => {
		await browser?.close();
	});

	beforeEach(() => {
		pageErrors.length = 0;
		failedCalls.length = 0;
	});

	test.each(gallery.nodes.map((node, index) => [node.name, node, index]))(
		'%s: parameter panel renders, lists load, screenshot saved',
		async (_name, node, index) => {
			await openRoute(page, server.url, `/workflow/${gallery.workflow.id}/${node.id}`, index === 0);
			const panel = page.locator('[data-test-id="ndv"]');
			await panel.waitFor({ state: 'visible', timeout: 60000 });
			const parameters = page.locator('[data-test-id="ndv"] [data-test-id="node-parameters"]');
			await parameters.waitFor({ state: 'visible', timeout: 30000 });
			expect(
				await page
					.locator('[data-test-id="ndv"] [data-test-id="node-title-container"]')
					.first()
					.innerText(),
			).toContain(node.name);
			expect(await parameters.locator('[data-test-id="parameter-item"]').count()).toBeGreaterThan(
				0,
			);
			// The credential resolved by name is selected (its name shows in the panel).
			expect(await panel.locator('[data-test-id="node-credentials-select"]').count()).toBe(1);

			// Resource locators in "From List" mode load their items from the sandbox (e.g. the voice list).
			const lists = page.locator('[data-test-id="ndv"] [data-test-id="rlc-input"]');
			const listCount = await lists.count();
			for (let index = listCount - 1; index >= 0; index--) {
				sandbox.reset();
				await lists.nth(index).click();
				await page
					.locator('[data-test-id="rlc-item"]')
					.first()
					.waitFor({ state: 'visible', timeout: 30000 });
				expect(await page.locator('[data-test-id="rlc-item"]').count()).toBeGreaterThan(0);
				expect(await page.locator('[data-test-id="rlc-error-container"]').count()).toBe(0);
				// Lists that call MiniMax (voices, chat models) got answers without errors; static lists make no call.
				for (const entry of sandbox.log)
					expect({ path: entry.path, status: entry.status, code: entry.baseRespCode ?? 0 }).toEqual(
						{ path: entry.path, status: 200, code: 0 },
					);
				if (node.type.endsWith('.miniMaxTextToSpeech'))
					expect(sandbox.log.map((entry) => entry.path)).toContain('/v1/get_voice');
				// The chat model pickers merge GET /v1/models with the built-in list.
				if (/\.miniMaxChat(Model)?$/.test(node.type))
					expect(sandbox.log.map((entry) => entry.path)).toContain('/v1/models');
				// Leave the first list open for the screenshot.
				if (index > 0) await page.keyboard.press('Escape');
			}
			await page.screenshot({
				path: join(SCREENSHOT_DIR, `${node.type.slice(PACKAGE.name.length + 1)}.png`),
			});
			expect(pageErrors).toEqual([]);
			expect(failedCalls).toEqual([]);
			expect(blocked).toEqual([]);
			await page.keyboard.press('Escape');
			await page.keyboard.press('Escape');
			await panel.waitFor({ state: 'hidden', timeout: 10000 });
		},
	);

	test('the canvas shows each operation in words under the node name, screenshot saved', async () => {
		// A full load: routed in place, the gallery workflow's nodes can still be on the canvas for a moment,
		// and the check could read them instead of this workflow's (it failed once on CI's loaded machine).
		await openRoute(page, server.url, `/workflow/${CANVAS_ID}`, true);
		const nodes = page.locator('[data-test-id="canvas-node"]');
		const shownFor = (texts: string[], { name, subtitle }: { name: string; subtitle: string }) =>
			texts.some((text) => text.includes(name) && text.includes(subtitle));
		// Subtitles render once the node types have loaded, which can come after the nodes themselves.
		let texts: string[] = [];
		const deadline = Date.now() + 120000;
		while (Date.now() < deadline) {
			texts = (await nodes.allInnerTexts()).map((text) => text.replace(/\s+/g, ' ').trim());
			if (canvas.cases.every((entry) => shownFor(texts, entry))) break;
			await page.waitForTimeout(250);
		}
		for (const entry of canvas.cases)
			expect(shownFor(texts, entry) ? entry.subtitle : texts).toBe(entry.subtitle);
		await page.screenshot({ path: join(SCREENSHOT_DIR, 'canvas-subtitles.png') });
		expect(pageErrors).toEqual([]);
		expect(failedCalls).toEqual([]);
	});
});
