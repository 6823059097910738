import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { dirname, join } from 'path';

import {
	buildPackage,
	installedPackageDir,
	installPackedPackage,
	packPackage,
} from './communityPackage';
import { ffmpegPath } from '../../support/mediaTools';
import type { ExportedNodeType } from './gallery';
import { ensureN8n, REPO_ROOT, type N8nInstall } from './install';
import { createInstance, n8nOk, type N8nInstance } from './n8nCli';
import { elapsed, say } from './progress';

/**
 * Shared state of one end-to-end run, prepared once by the Jest global setup:
 * the cached n8n, the packed package, and a template user folder (database migrated, package installed,
 * `export:nodes` done). Each test file copies the template into its own user folder.
 */

export const OUTPUT_DIR = join(REPO_ROOT, 'test-output', 'e2e');
export const SCREENSHOT_DIR = join(OUTPUT_DIR, 'screenshots');
const CONTEXT_FILE = join(OUTPUT_DIR, 'context.json');
const TEMPLATE_DIR = join(OUTPUT_DIR, 'template');

export interface E2EContext {
	install: N8nInstall;
	tarball: string;
	/** `n8n export:nodes` of the template instance. */
	nodeTypesFile: string;
}

/** The ffmpeg of the @ffmpeg-installer dev dependency, put on n8n's PATH for the Execute Command node. */
export const FFMPEG_DIR = dirname(ffmpegPath());

export async function prepareRun(): Promise<E2EContext> {
	const begin = Date.now();
	const install = await ensureN8n();
	if (process.env.E2E_SKIP_BUILD !== '1') await buildPackage();
	rmSync(OUTPUT_DIR, { recursive: true, force: true });
	mkdirSync(OUTPUT_DIR, { recursive: true });
	const tarball = await packPackage(OUTPUT_DIR);
	await installPackedPackage(tarball, TEMPLATE_DIR);
	const instance = createInstance(install, TEMPLATE_DIR);
	const nodeTypesFile = join(OUTPUT_DIR, 'node-types.json');
	say('n8n export:nodes (first command: creates and migrates the database)…');
	await n8nOk(instance, ['export:nodes', `--output=${nodeTypesFile}`]);
	const context: E2EContext = { install, tarball, nodeTypesFile };
	writeFileSync(CONTEXT_FILE, JSON.stringify(context, null, 2));
	say(`end-to-end run prepared (${elapsed(begin)})`);
	return context;
}

export function runContext(): E2EContext {
	if (!existsSync(CONTEXT_FILE))
		throw new Error('no end-to-end context: run the suite with `npm run test:e2e`');
	return JSON.parse(readFileSync(CONTEXT_FILE, 'utf8')) as E2EContext;
}

export function exportedNodeTypes(): ExportedNodeType[] {
	return JSON.parse(readFileSync(runContext().nodeTypesFile, 'utf8')) as ExportedNodeType[];
}

/** The package as n8n installed it from the tarball (what the checks read, never the repo's dist/). */
export const INSTALLED_PACKAGE_DIR = installedPackageDir(TEMPLATE_DIR);

/** A fresh n8n user folder for one test file, copied from the template. */
export function newInstance(name: string): N8nInstance {
	const userFolder = join(OUTPUT_DIR, name);
	rmSync(userFolder, { recursive: true, force: true });
	cpSync(TEMPLATE_DIR, userFolder, { recursive: true });
	return createInstance(runContext().install, userFolder, { pathPrepend: [FFMPEG_DIR] });
}
