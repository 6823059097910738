/**
 * End-to-end tests in a real n8n (`npm run test:e2e`): separate from `npm test` (their files end in
 * .e2e.ts). The global setup installs the pinned n8n into .cache/ (first run only), builds and packs
 * the package, and prepares a template n8n user folder. One file at a time: each starts n8n processes.
 */
const path = require('path');

/** @type {import('jest').Config} */
module.exports = {
	rootDir: path.resolve(__dirname, '..', '..'),
	testEnvironment: 'node',
	roots: ['<rootDir>/test/e2e'],
	testMatch: ['**/*.e2e.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.test.json' }],
	},
	globalSetup: '<rootDir>/test/e2e/globalSetup.ts',
	testTimeout: 300000,
	maxWorkers: 1,
	verbose: true,
};
