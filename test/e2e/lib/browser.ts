import { execFileSync } from 'child_process';
import { existsSync } from 'fs';
import { createRequire } from 'module';

/**
 * Headless Chromium (Debian's `chromium`) driven by playwright-core (no bundled browser).
 * Only the few playwright calls the editor check needs are typed here, so type-checking the repo does
 * not depend on the driver's own types.
 */

export interface Locator {
	count(): Promise<number>;
	first(): Locator;
	nth(index: number): Locator;
	locator(selector: string): Locator;
	click(options?: { timeout?: number }): Promise<void>;
	innerText(options?: { timeout?: number }): Promise<string>;
	isVisible(): Promise<boolean>;
	waitFor(options?: {
		state?: 'attached' | 'detached' | 'visible' | 'hidden';
		timeout?: number;
	}): Promise<void>;
	allInnerTexts(): Promise<string[]>;
}

export interface Route {
	request(): { url(): string };
	abort(): Promise<void>;
	continue(): Promise<void>;
}

export interface BrowserResponse {
	url(): string;
	status(): number;
}

export interface Page {
	goto(
		url: string,
		options?: { waitUntil?: 'load' | 'domcontentloaded' | 'networkidle'; timeout?: number },
	): Promise<unknown>;
	locator(selector: string): Locator;
	screenshot(options: { path: string; fullPage?: boolean }): Promise<Buffer>;
	keyboard: { press(key: string): Promise<void> };
	waitForTimeout(ms: number): Promise<void>;
	/** Runs a JavaScript expression in the page. */
	evaluate(expression: string): Promise<unknown>;
	on(event: 'console', listener: (message: { type(): string; text(): string }) => void): void;
	on(event: 'pageerror', listener: (error: Error) => void): void;
	on(event: 'response', listener: (response: BrowserResponse) => void): void;
	close(): Promise<void>;
}

export interface BrowserContext {
	newPage(): Promise<Page>;
	addCookies(cookies: Array<{ name: string; value: string; url: string }>): Promise<void>;
	route(url: string | RegExp, handler: (route: Route) => Promise<void>): Promise<void>;
	addInitScript(script: string): Promise<void>;
	close(): Promise<void>;
}

export interface Browser {
	newContext(options: {
		viewport: { width: number; height: number };
		deviceScaleFactor?: number;
	}): Promise<BrowserContext>;
	close(): Promise<void>;
}

interface PlaywrightCore {
	chromium: {
		launch(options: {
			executablePath: string;
			headless: boolean;
			args: string[];
		}): Promise<Browser>;
	};
}

export const CHROMIUM_FLAGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--disable-dev-shm-usage',
];

export function chromiumPath(): string | undefined {
	if (process.env.CHROMIUM_PATH && existsSync(process.env.CHROMIUM_PATH))
		return process.env.CHROMIUM_PATH;
	for (const name of ['chromium', 'chromium-browser']) {
		try {
			const found = execFileSync('which', [name], { encoding: 'utf8' }).trim();
			if (found) return found;
		} catch {
			// not on PATH
		}
	}
	return undefined;
}

function loadPlaywright(): PlaywrightCore {
	// E2E_PLAYWRIGHT_CORE: a path to playwright-core when it is not (yet) a dev dependency.
	const name = process.env.E2E_PLAYWRIGHT_CORE ?? 'playwright-core';
	try {
		return createRequire(__filename)(name) as PlaywrightCore;
	} catch (error) {
		throw new Error(
			`cannot load ${name} (the editor check drives Chromium with the dev dependency playwright-core): ${(error as Error).message}`,
		);
	}
}

export async function launchChromium(): Promise<Browser> {
	const executablePath = chromiumPath();
	if (!executablePath)
		throw new Error(
			'Chromium not found: install it with `apt-get install -y chromium fonts-liberation` (or set CHROMIUM_PATH)',
		);
	return loadPlaywright().chromium.launch({ executablePath, headless: true, args: CHROMIUM_FLAGS });
}

/**
 * Signs the page in with a session cookie made over REST. n8n binds a session to the `browser-id`
 * header, which the editor reads from localStorage `n8n-browserId`: seed it with the same id.
 */
export async function signIn(
	context: BrowserContext,
	baseUrl: string,
	cookie: string,
	browserId: string,
): Promise<void> {
	await context.addInitScript(
		`localStorage.setItem('n8n-browserId', ${JSON.stringify(browserId)});`,
	);
	await context.addCookies([{ name: 'n8n-auth', value: cookie, url: baseUrl }]);
}

/**
 * Opens an editor route: the first time with a full page load (the deep link itself), afterwards through the
 * editor's router (history.pushState + popstate), which skips reloading the whole editor for every node.
 */
export async function openRoute(
	page: Page,
	baseUrl: string,
	path: string,
	fullLoad: boolean,
): Promise<void> {
	if (fullLoad) {
		await page.goto(`${baseUrl}${path}`, {
			waitUntil: 'domcontentloaded',
			// Playwright's 30-s default is too short for a cold editor on a loaded 2-core machine.
			timeout: 120000,
		});
		return;
	}
	await page.evaluate(
		`history.pushState(history.state, '', ${JSON.stringify(path)}); window.dispatchEvent(new PopStateEvent('popstate', { state: history.state }));`,
	);
}

/** Aborts every request that leaves the machine, recording it, so the editor check never goes online. */
export async function loopbackOnly(context: BrowserContext, blocked: string[]): Promise<void> {
	await context.route(/.*/, async (route) => {
		const url = route.request().url();
		const { protocol, hostname } = new URL(url);
		const local =
			protocol === 'data:' ||
			protocol === 'blob:' ||
			hostname === '127.0.0.1' ||
			hostname === 'localhost';
		if (local) return route.continue();
		blocked.push(url);
		return route.abort();
	});
}
