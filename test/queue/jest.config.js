/**
 * The queue-mode test (`npm run test:queue`): Redis, Postgres and n8n 2.41.1 in queue mode (main, two
 * workers, a webhook processor) with the packed package. Separate from `npm test` and the e2e suite
 * (its files end in .queue.ts); one file, run alone: it starts many processes.
 */
const path = require('path');

/** @type {import('jest').Config} */
module.exports = {
	rootDir: path.resolve(__dirname, '..', '..'),
	testEnvironment: 'node',
	roots: ['<rootDir>/test/queue'],
	testMatch: ['**/*.queue.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.test.json' }],
	},
	testTimeout: 300000,
	maxWorkers: 1,
	verbose: true,
};
