import { SANDBOX_GROUP_ID, SANDBOX_KEYS, startSandbox } from './index';

/**
 * `npm run sandbox -- --port 4010 --time-scale 10 --latency 50 --seed 1 --rate-limit /v1/t2a_v2=20/10000`
 * (`--rate-limit PATH=REQUESTS/WINDOW_MS`, repeatable: a per-account limit answered with 1002).
 */

function rateLimits(): Array<{ path: string; limit: number; windowMs: number }> {
	const args = process.argv.slice(2);
	const specs: Array<{ path: string; limit: number; windowMs: number }> = [];
	args.forEach((arg, index) => {
		if (arg !== '--rate-limit' && !arg.startsWith('--rate-limit=')) return;
		const raw = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : args[index + 1];
		const match = /^(\/\S+)=(\d+)\/(\d+)$/.exec(raw ?? '');
		if (!match) {
			console.error(`--rate-limit needs PATH=REQUESTS/WINDOW_MS, got ${raw}`);
			process.exit(2);
		}
		specs.push({ path: match[1], limit: Number(match[2]), windowMs: Number(match[3]) });
	});
	return specs;
}

function option(name: string, fallback: number): number {
	const args = process.argv.slice(2);
	const index = args.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
	if (index < 0) return fallback;
	const raw = args[index].includes('=') ? args[index].split('=')[1] : args[index + 1];
	const value = Number(raw);
	if (raw === undefined || !Number.isFinite(value)) {
		console.error(`--${name} needs a number, got ${raw}`);
		process.exit(2);
	}
	return value;
}

async function main(): Promise<void> {
	const sandbox = await startSandbox({
		port: option('port', 4010),
		timeScale: option('time-scale', 1),
		latencyMs: option('latency', 0),
		seed: option('seed', 1),
	});
	for (const spec of rateLimits()) sandbox.limits.set(spec);
	console.log('MiniMax API sandbox is running');
	console.log(`  global host: ${sandbox.url}        key: ${SANDBOX_KEYS.global}`);
	console.log(`  china host:  ${sandbox.chinaUrl}  key: ${SANDBOX_KEYS.china}`);
	console.log(`  GroupId (optional): ${SANDBOX_GROUP_ID}`);
	console.log('Press Ctrl+C to stop.');
	const stop = () => {
		console.log(`\nstopping (${sandbox.log.length} requests served)`);
		sandbox.close().then(
			() => process.exit(0),
			() => process.exit(1),
		);
	};
	process.once('SIGINT', stop);
	process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
	console.error(error);
	process.exit(1);
});
