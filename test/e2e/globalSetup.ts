import { prepareRun } from './lib/context';

/** Jest global setup of the end-to-end suite: n8n (cached), the packed package, a template user folder. */
export default async function globalSetup(): Promise<void> {
	process.stdout.write('\n');
	await prepareRun();
}
