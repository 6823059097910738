import { mkdirSync, readFileSync, rmSync } from 'fs';
import { createRequire } from 'module';
import { join } from 'path';

import { cleanEnv, execOk } from './exec';
import { REPO_ROOT } from './install';
import { elapsed, say } from './progress';

/**
 * Builds the package and installs the packed tarball the way n8n installs a community package:
 * extracted into `<user folder>/.n8n/nodes/node_modules/<name>`. Node types become `<name>.<node>`.
 * Packing (not copying dist/) proves that package.json `files` and the `n8n` section are right.
 */

export interface PackageJson {
	name: string;
	version: string;
	n8n: { credentials: string[]; nodes: string[] };
}

export const PACKAGE: PackageJson = JSON.parse(
	readFileSync(join(REPO_ROOT, 'package.json'), 'utf8'),
);

export const installedPackageDir = (userFolder: string) =>
	join(userFolder, '.n8n', 'nodes', 'node_modules', PACKAGE.name);

export async function buildPackage(): Promise<void> {
	const begin = Date.now();
	say('building the package (npm run build)…');
	await execOk('npm', ['run', 'build'], { cwd: REPO_ROOT, env: cleanEnv() });
	say(`built (${elapsed(begin)})`);
}

/** `npm pack` into `dir`; returns the tarball path. */
export async function packPackage(dir: string): Promise<string> {
	mkdirSync(dir, { recursive: true });
	const { stdout } = await execOk('npm', ['pack', '--json', '--pack-destination', dir], {
		cwd: REPO_ROOT,
		env: cleanEnv(),
	});
	const [info] = JSON.parse(stdout.slice(stdout.indexOf('['))) as Array<{
		filename: string;
		files: unknown[];
	}>;
	say(`packed ${info.filename} (${info.files.length} files)`);
	return join(dir, info.filename);
}

/** Extracts the tarball into the user folder's community-package directory (replacing an older copy). */
export async function installPackedPackage(tarball: string, userFolder: string): Promise<string> {
	const target = installedPackageDir(userFolder);
	rmSync(target, { recursive: true, force: true });
	mkdirSync(target, { recursive: true });
	await execOk('tar', ['-xzf', tarball, '--strip-components=1', '-C', target]);
	say(`installed ${PACKAGE.name} as a community package in ${target}`);
	return target;
}

/** package.json of a package directory (the repo, or the copy n8n installed from the tarball). */
export function readPackageJson(dir: string): PackageJson {
	return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as PackageJson;
}

interface BuiltType {
	description?: { name: string; displayName: string; usableAsTool?: boolean; group: string[] };
	name?: string;
}

/** Instantiates a built node or credential class from `dir` (the first export of the file). */
export function loadBuilt(dir: string, file: string): BuiltType {
	const exported = createRequire(__filename)(join(dir, file)) as Record<
		string,
		new () => BuiltType
	>;
	return new (Object.values(exported)[0])();
}

/**
 * The node and credential type names n8n registers for the package in `dir`, read from its built files:
 * nodes as `<package>.<description.name>`, credentials by their `name`.
 */
export function packageTypeNames(dir: string): { nodes: string[]; credentials: string[] } {
	const manifest = readPackageJson(dir);
	return {
		nodes: manifest.n8n.nodes.map(
			(file) => `${manifest.name}.${loadBuilt(dir, file).description?.name}`,
		),
		credentials: manifest.n8n.credentials.map((file) => loadBuilt(dir, file).name ?? ''),
	};
}
