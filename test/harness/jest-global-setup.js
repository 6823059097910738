// Jest globalSetup: whole-workflow tests load the compiled package from dist/ (as n8n does),
// so stop early with a clear message when the build is missing.
// N8N_HARNESS_SKIP_BUILD_CHECK=1 skips the check, for tests that do not need dist/
// (for example `N8N_HARNESS_SKIP_BUILD_CHECK=1 npx jest test/unit/harness.test.ts`).
const { existsSync, readFileSync } = require('node:fs');
const path = require('node:path');

module.exports = async function globalSetup(globalConfig) {
	if (process.env.N8N_HARNESS_SKIP_BUILD_CHECK === '1') return;
	const rootDir = globalConfig.rootDir;
	const { n8n = {} } = JSON.parse(readFileSync(path.join(rootDir, 'package.json'), 'utf8'));
	const files = [...(n8n.nodes || []), ...(n8n.credentials || [])];
	const missing = files.filter((file) => !existsSync(path.join(rootDir, file)));
	if (missing.length > 0) {
		throw new Error(
			`The compiled package is missing (${missing.join(', ')}). Run "npm run build" before the tests.`,
		);
	}
};
