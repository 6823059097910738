/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }],
	},
	setupFiles: ['<rootDir>/test/harness/jest-env.ts'],
	globalSetup: '<rootDir>/test/harness/jest-global-setup.js',
	testTimeout: 60000,
	maxWorkers: 2,
};
