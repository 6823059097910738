import { readFileSync } from 'fs';
import { join } from 'path';

import { queueEnvironment } from '../queue/lib/cluster';

/**
 * examples/queue-mode/docker-compose.yml is documented as the topology `npm run test:queue` runs: it must
 * have the same processes and give them the same n8n variables as the test (test/queue/lib/cluster.ts).
 */

const compose = readFileSync(
	join(__dirname, '..', '..', 'examples', 'queue-mode', 'docker-compose.yml'),
	'utf8',
);

describe('the queue-mode docker-compose example', () => {
	it('has main, worker, webhook processor, Redis and Postgres', () => {
		const services = compose.slice(compose.indexOf('\nservices:'));
		for (const name of ['postgres', 'redis', 'main', 'worker', 'webhook'])
			expect(services).toMatch(new RegExp(`\\n  ${name}:\\n`));
		expect(compose).toMatch(/\n {4}command: start\n/);
		expect(compose).toMatch(/\n {4}command: worker\b/);
		expect(compose).toMatch(/\n {4}command: webhook\n/);
	});

	it.each(Object.entries(queueEnvironment({ redisPort: 6379, postgresPort: 5432 })))(
		'sets %s like the test (%s)',
		(name, value) => {
			const match = new RegExp(`\\n {4}${name}: (.+)\\n`).exec(compose);
			expect(match).not.toBeNull();
			if (
				[
					'EXECUTIONS_MODE',
					'DB_TYPE',
					'N8N_DEFAULT_BINARY_DATA_MODE',
					'OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS',
					'EXECUTIONS_DATA_PRUNE',
				].includes(name)
			) {
				expect(match![1].replace(/"/g, '')).toBe(value);
			}
		},
	);

	it('installs the package as a community package in the image', () => {
		const dockerfile = readFileSync(
			join(__dirname, '..', '..', 'examples', 'queue-mode', 'Dockerfile'),
			'utf8',
		);
		expect(dockerfile).toMatch(/cd \/home\/node\/\.n8n\/nodes/);
		expect(dockerfile).toMatch(/npm install .*n8n-nodes-minimax@/);
	});
});
