#!/usr/bin/env node
// What n8n's community-package scanner (@n8n/scan-community-package, scanner/scanner.mjs in
// n8n-io/n8n) checks before a package can be verified, run locally:
//   1. the shippable sources (package.json, nodes/, credentials/) and
//   2. the JavaScript and package.json of the packed tarball (npm pack, extracted),
// both linted with the scanner's flat config, `no-console`, and inline eslint-disable comments
// ignored (allowInlineConfig: false, like `eslint --no-inline-config`).
// Usage: node scripts/lint-scan.mjs (builds dist/ first when it is missing or older than the sources).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';
import { ESLint } from 'eslint';
import { defineConfig } from 'eslint/config';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';
import tseslint from 'typescript-eslint';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The scanner's SOURCE_FILE_PATTERNS: what `n8n-node lint` covers and what ships. */
const SOURCE_FILES = ['package.json', '{nodes,credentials}/**/*.{js,ts,json}'];
/** The scanner's tarball leg: compiled JavaScript and the published package.json. */
const TARBALL_FILES = ['**/*.js', 'package.json'];

/** The scanner's buildScanConfig(), rule for rule. */
function scanConfig() {
	return defineConfig(
		n8nCommunityNodesPlugin.configs.recommended,
		{ rules: { 'no-console': 'error' } },
		{ plugins: { 'n8n-nodes-base': n8nNodesBase } },
		{ files: ['package.json'], rules: { ...n8nNodesBase.configs.community.rules } },
		{
			files: ['**/credentials/**/*.ts'],
			rules: {
				...n8nNodesBase.configs.credentials.rules,
				'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
				'n8n-nodes-base/cred-class-field-type-options-password-missing': 'off',
			},
		},
		{
			files: ['**/nodes/**/*.ts'],
			rules: {
				...n8nNodesBase.configs.nodes.rules,
				'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
				'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
				'n8n-nodes-base/node-param-type-options-max-value-present': 'off',
			},
		},
		{ files: ['**/*.json'], languageOptions: { parser: tseslint.parser } },
		{ files: ['**/*.ts'], languageOptions: { parser: tseslint.parser } },
	);
}

/** Lints `patterns` under `cwd` the way the scanner does; returns the number of errors. */
async function lint(label, cwd, patterns) {
	const eslint = new ESLint({
		cwd,
		allowInlineConfig: false,
		overrideConfigFile: true,
		overrideConfig: scanConfig(),
		errorOnUnmatchedPattern: false,
		ignorePatterns: ['node_modules/**', '**/package-lock.json'],
	});
	const results = await eslint.lintFiles(patterns);
	const errors = results.reduce((sum, result) => sum + result.errorCount, 0);
	const output = await (await eslint.loadFormatter('stylish')).format(results);
	if (output) process.stdout.write(output);
	process.stdout.write(`scan lint, ${label}: ${results.length} files, ${errors} errors\n`);
	return errors;
}

function run(command, args, options = {}) {
	const result = spawnSync(command, args, { cwd: root, encoding: 'utf8', ...options });
	if (result.status !== 0) {
		throw new Error(`${command} ${args.join(' ')} failed (${result.status}):\n${result.stderr}`);
	}
	return result.stdout;
}

/** Modification times of the files below `dir` whose names end with `suffix`. */
function mtimes(dir, suffix) {
	const times = [];
	for (const entry of readdirSync(join(root, dir), { recursive: true, withFileTypes: true })) {
		if (entry.isFile() && entry.name.endsWith(suffix))
			times.push(statSync(join(entry.parentPath ?? entry.path, entry.name)).mtimeMs);
	}
	return times;
}

/** Builds when dist/ is missing or a TypeScript source is newer than the oldest compiled file. */
function ensureBuild() {
	let stale;
	try {
		const compiled = mtimes('dist', '.js');
		if (compiled.length === 0) throw new Error('dist/ is empty');
		const built = Math.min(...compiled);
		const sources = Math.max(...['nodes', 'credentials'].flatMap((dir) => mtimes(dir, '.ts')));
		stale = !(built >= sources);
	} catch {
		stale = true;
	}
	if (stale) {
		process.stdout.write('scan lint: dist/ is missing or older than the sources; building\n');
		run('npm', ['run', 'build'], { stdio: ['ignore', 'ignore', 'pipe'] });
	}
}

/** npm pack into a temporary folder and extract it, as the scanner does with the published one. */
function packAndExtract(dir) {
	const [{ filename }] = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', dir]));
	const packageDir = join(dir, 'package');
	run('tar', ['-xzf', join(dir, filename), '-C', dir]);
	return packageDir;
}

async function main() {
	let errors = await lint('sources (package.json, nodes/, credentials/)', root, SOURCE_FILES);
	ensureBuild();
	const dir = mkdtempSync(join(tmpdir(), 'n8n-nodes-minimax-scan-'));
	try {
		const packageDir = packAndExtract(dir);
		errors += await lint(
			`packed tarball (${relative(dir, packageDir)}/)`,
			packageDir,
			TARBALL_FILES,
		);
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
	if (errors > 0) process.exitCode = 1;
}

main().catch((error) => {
	process.stderr.write(`${error.stack ?? error}\n`);
	process.exitCode = 1;
});
