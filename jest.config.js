/**
 * `npm run test:unit` (all of it, part of `npm test`) runs two Jest projects:
 * - fast (`npm run test:fast`): test/unit/, small unit tests of pure decisions (the transport's retry
 *   table, pacing, parsers, descriptions), with mocks where a decision needs one; no sandbox, no build.
 * - sandbox: everything else under test/: whole workflows through n8n-core against the local sandbox
 *   over real HTTP, the reliability suite, and the self-tests of the sandbox and the harness. Its global
 *   setup builds dist/ first when it is missing or older than the sources.
 * End-to-end tests in a real n8n have their own config (test/e2e/jest.config.js).
 */
const transform = {
	'^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.test.json' }],
};

/** @type {import('jest').Config} */
module.exports = {
	testTimeout: 60000,
	maxWorkers: 2,
	projects: [
		{
			displayName: 'fast',
			rootDir: __dirname,
			testEnvironment: 'node',
			roots: ['<rootDir>/test/unit'],
			testMatch: ['**/*.test.ts'],
			transform,
			// Unit tests that load a node the way package.json lists it (dist/nodes/…/X.node.js) get its
			// TypeScript source instead, so this project never needs a build.
			moduleNameMapper: { '^(.*)/dist/((?:nodes|credentials)/.*)\\.js$': '$1/$2.ts' },
		},
		{
			displayName: 'sandbox',
			rootDir: __dirname,
			testEnvironment: 'node',
			roots: ['<rootDir>/test'],
			testMatch: ['**/*.test.ts'],
			testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/unit/', '<rootDir>/test/e2e/'],
			transform,
			setupFiles: ['<rootDir>/test/harness/jest-env.ts'],
			globalSetup: '<rootDir>/test/harness/jest-global-setup.js',
		},
	],
};
