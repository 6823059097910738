import { SANDBOX_GROUP_ID, SANDBOX_KEYS, startSandbox } from './index';

/**
 * `npm run sandbox -- --port 4010 --time-scale 10 --latency 50 --seed 1 --rate-limit /v1/t2a_v2=20/10000`
 * (`--rate-limit PATH=REQUESTS/WINDOW_MS`, repeatable: a per-account limit answered with 1002).
 * Unknown flags are an error with the usage; `--help` prints it. Faults (`sandbox.faults.add`) are
 * only available programmatically (tests, `[[sandbox:…]]` markers in prompts).
 */

const USAGE = `Usage: npm run sandbox -- [options]

  --port N                     port to listen on (default 4010; the China host is under /china)
  --time-scale N               run generation jobs N times faster (default 1)
  --latency MS                 delay every response by MS milliseconds (default 0)
  --seed N                     seed for generated IDs and media (default 1)
  --rate-limit PATH=REQ/MS     per-account limit for PATH, answered with 1002 (repeatable),
                               e.g. --rate-limit /v1/t2a_v2=20/10000
  --help                       print this help

Faults (dropped connections, stalled streams, replayed replies, …) are only available
programmatically: sandbox.faults.add({...}) in tests, or [[sandbox:…]] markers in prompts
(see test/sandbox/README.md).`;

interface CliOptions {
	port: number;
	timeScale: number;
	latencyMs: number;
	seed: number;
	rateLimits: Array<{ path: string; limit: number; windowMs: number }>;
}

const NUMBER_FLAGS: Record<string, keyof Omit<CliOptions, 'rateLimits'>> = {
	port: 'port',
	'time-scale': 'timeScale',
	latency: 'latencyMs',
	seed: 'seed',
};

function usageError(problem: string): never {
	console.error(`${problem}\n\n${USAGE}`);
	process.exit(2);
}

/** Parses the command line strictly: every flag known, every value valid. */
function parseArgs(args: string[]): CliOptions {
	const options: CliOptions = { port: 4010, timeScale: 1, latencyMs: 0, seed: 1, rateLimits: [] };
	for (let i = 0; i < args.length; i++) {
		const arg = args[i];
		if (arg === '--help' || arg === '-h') {
			console.log(USAGE);
			process.exit(0);
		}
		const match = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
		if (!match) usageError(`Unexpected argument: ${arg}`);
		const [, name, inline] = match;
		if (name !== 'rate-limit' && !(name in NUMBER_FLAGS)) usageError(`Unknown flag: --${name}`);
		const raw = inline ?? args[++i];
		if (raw === undefined) usageError(`--${name} needs a value`);
		if (name === 'rate-limit') {
			const spec = /^(\/\S+)=(\d+)\/(\d+)$/.exec(raw);
			if (!spec) usageError(`--rate-limit needs PATH=REQUESTS/WINDOW_MS, got ${raw}`);
			options.rateLimits.push({ path: spec[1], limit: Number(spec[2]), windowMs: Number(spec[3]) });
			continue;
		}
		const value = Number(raw);
		if (raw.trim() === '' || !Number.isFinite(value))
			usageError(`--${name} needs a number, got ${raw}`);
		options[NUMBER_FLAGS[name]] = value;
	}
	return options;
}

async function main(): Promise<void> {
	const options = parseArgs(process.argv.slice(2));
	const sandbox = await startSandbox({
		port: options.port,
		timeScale: options.timeScale,
		latencyMs: options.latencyMs,
		seed: options.seed,
	});
	for (const spec of options.rateLimits) sandbox.limits.set(spec);
	console.log('MiniMax API sandbox is running');
	console.log(`  global host: ${sandbox.url}        key: ${SANDBOX_KEYS.global}`);
	console.log(`  china host:  ${sandbox.chinaUrl}  key: ${SANDBOX_KEYS.china}`);
	console.log(`  GroupId (optional): ${SANDBOX_GROUP_ID}`);
	if (options.rateLimits.length) {
		console.log('  rate limits (refused with 1002):');
		for (const spec of options.rateLimits) {
			console.log(`    ${spec.path}: ${spec.limit} requests per ${spec.windowMs} ms`);
		}
	} else {
		console.log('  rate limits: none (add with --rate-limit PATH=REQUESTS/WINDOW_MS)');
	}
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
