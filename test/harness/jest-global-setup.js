// Jest globalSetup of the sandbox project: whole-workflow tests load the compiled package from
// dist/ (as n8n does), so a single test file (`npx jest test/workflows/MiniMaxImage`) must never run
// against a stale build. Builds with `npm run build` when dist/ is missing or a source (nodes/,
// credentials/, icons/, package.json, tsconfig.json) is newer than the oldest compiled file; when
// dist/ is fresh this costs one walk over the sources. `npm test` builds first, so it pays once.
// N8N_HARNESS_SKIP_BUILD_CHECK=1 skips it, for tests that do not need dist/
// (for example `N8N_HARNESS_SKIP_BUILD_CHECK=1 npx jest test/harness/harness.test.ts`).
const { execFileSync } = require('node:child_process');
const { existsSync, readFileSync, readdirSync, statSync } = require('node:fs');
const path = require('node:path');

/** What `npm run build` reads: a change to any of these makes dist/ stale. */
const SOURCE_DIRS = ['nodes', 'credentials', 'icons'];
const SOURCE_FILES = ['package.json', 'tsconfig.json', 'gulpfile.js'];

/** Modification times (ms) of the files below `dir` whose names match `pattern`. */
function mtimes(dir, pattern) {
	if (!existsSync(dir)) return [];
	const times = [];
	for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
		if (entry.isFile() && pattern.test(entry.name)) {
			times.push(statSync(path.join(entry.parentPath ?? entry.path, entry.name)).mtimeMs);
		}
	}
	return times;
}

/** Why dist/ must be rebuilt, or undefined when it is up to date. */
function staleReason(rootDir) {
	const { n8n = {} } = JSON.parse(readFileSync(path.join(rootDir, 'package.json'), 'utf8'));
	const entries = [...(n8n.nodes || []), ...(n8n.credentials || [])];
	const missing = entries.filter((file) => !existsSync(path.join(rootDir, file)));
	if (missing.length > 0) return `dist/ is missing ${missing.join(', ')}`;
	const compiled = mtimes(path.join(rootDir, 'dist'), /\.js$/);
	if (compiled.length === 0) return 'dist/ is empty';
	const built = Math.min(...compiled);
	const sources = [
		...SOURCE_DIRS.flatMap((dir) => mtimes(path.join(rootDir, dir), /\.(ts|json|svg|png)$/)),
		...SOURCE_FILES.filter((file) => existsSync(path.join(rootDir, file))).map(
			(file) => statSync(path.join(rootDir, file)).mtimeMs,
		),
	];
	const newest = Math.max(...sources);
	return newest > built ? 'a source is newer than dist/' : undefined;
}

module.exports = async function globalSetup(globalConfig) {
	if (process.env.N8N_HARNESS_SKIP_BUILD_CHECK === '1') return;
	const rootDir = globalConfig.rootDir;
	const reason = staleReason(rootDir);
	if (reason === undefined) return;
	process.stdout.write(`\nBuilding the package (${reason}): npm run build\n`);
	try {
		execFileSync('npm', ['run', 'build'], { cwd: rootDir, stdio: ['ignore', 'ignore', 'pipe'] });
	} catch (error) {
		const stderr = error.stderr ? String(error.stderr).trim() : '';
		throw new Error(`"npm run build" failed, so the tests cannot load dist/.\n${stderr}`);
	}
	const after = staleReason(rootDir);
	if (after !== undefined)
		throw new Error(`dist/ is still not usable after "npm run build": ${after}`);
};
