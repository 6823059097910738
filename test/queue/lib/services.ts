import {
	chownSync,
	cpSync,
	existsSync,
	mkdirSync,
	readdirSync,
	readFileSync,
	rmSync,
	writeFileSync,
} from 'fs';
import { delimiter, join } from 'path';

import { cleanEnv, execOk } from '../../e2e/lib/exec';
import { REPO_ROOT } from '../../e2e/lib/install';
import { freePort } from '../../e2e/lib/ports';
import { elapsed, say } from '../../e2e/lib/progress';
import { startService, waitFor, type Service } from './processes';

/**
 * Redis and Postgres for n8n's queue mode, from Debian's packages (`redis-server`, `postgresql`), each
 * started by the test on a free 127.0.0.1 port with its data in a temporary folder. Postgres runs as the
 * `postgres` system user (it refuses to run as root): every folder above `dir` must let it through.
 */

const POSTGRES_USER = 'postgres';
export const DB_NAME = 'n8n';
export const DB_USER = 'n8n';
export const DB_PASSWORD = 'n8n-queue-test';

/** Installs the Debian packages that are missing (apt-get update first). Needs root or sudo. */
export async function ensureDebianPackages(): Promise<void> {
	const missing: string[] = [];
	if (!has('redis-server')) missing.push('redis-server');
	if (!postgresBinDir()) missing.push('postgresql');
	if (!missing.length) return;
	const begin = Date.now();
	const sudo = process.getuid?.() === 0 ? [] : ['sudo'];
	say(`installing Debian packages: ${missing.join(', ')} (apt-get)…`);
	const run = (args: string[]) =>
		execOk(sudo.length ? 'sudo' : args[0], sudo.length ? args : args.slice(1), {
			env: cleanEnv({ DEBIAN_FRONTEND: 'noninteractive' }),
		});
	await run(['apt-get', 'update']);
	await run(['apt-get', 'install', '-y', '--no-install-recommends', ...missing]);
	say(`installed ${missing.join(', ')} (${elapsed(begin)})`);
}

/** Whether an executable is on PATH. */
function has(command: string): boolean {
	return (process.env.PATH ?? '')
		.split(delimiter)
		.some((dir) => dir && existsSync(join(dir, command)));
}

/** /usr/lib/postgresql/<newest major>/bin, where initdb, postgres and createdb live. */
export function postgresBinDir(): string | undefined {
	const root = '/usr/lib/postgresql';
	if (!existsSync(root)) return undefined;
	const majors = readdirSync(root)
		.filter((name) => existsSync(join(root, name, 'bin', 'initdb')))
		.sort((a, b) => Number(b) - Number(a));
	return majors.length ? join(root, majors[0], 'bin') : undefined;
}

function systemUser(name: string): { uid: number; gid: number } {
	const line = readFileSync('/etc/passwd', 'utf8')
		.split('\n')
		.find((entry) => entry.startsWith(`${name}:`));
	if (!line) throw new Error(`no system user "${name}" (the postgresql package creates it)`);
	const [, , uid, gid] = line.split(':');
	return { uid: Number(uid), gid: Number(gid) };
}

function chownTree(dir: string, owner: { uid: number; gid: number }): void {
	chownSync(dir, owner.uid, owner.gid);
	for (const entry of readdirSync(dir, { withFileTypes: true })) {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) chownTree(path, owner);
		else chownSync(path, owner.uid, owner.gid);
	}
}

export interface Redis {
	port: number;
	service: Service;
}

export async function startRedis(dir: string, logDir: string): Promise<Redis> {
	mkdirSync(dir, { recursive: true });
	const port = await freePort();
	const service = startService(
		'redis',
		'redis-server',
		[
			'--port',
			String(port),
			'--bind',
			'127.0.0.1',
			'--dir',
			dir,
			'--save',
			'',
			'--appendonly',
			'no',
			'--daemonize',
			'no',
			'--protected-mode',
			'yes',
		],
		{ logFile: join(logDir, 'redis.log'), env: cleanEnv() },
	);
	await waitFor(
		'Redis to accept connections',
		async () => {
			if (service.exited) throw new Error(`redis-server exited; see ${service.logFile}`);
			return /Ready to accept connections/.test(service.log()) ? true : undefined;
		},
		20000,
	);
	say(`Redis ${port} ready`);
	return { port, service };
}

export interface Postgres {
	port: number;
	service: Service;
	/** Runs SQL in the n8n database with psql; returns the unaligned output. */
	query(sql: string): Promise<string>;
}

/**
 * A migrated n8n database is cached in `.cache/queue-postgres-<key>/` (a stopped data directory): a warm
 * run copies it instead of running n8n's migrations. `migrate` creates it on a cold run (it runs an n8n
 * command against the fresh database).
 */
export async function startPostgres(
	dir: string,
	logDir: string,
	templateKey: string,
	migrate: (port: number) => Promise<void>,
): Promise<Postgres> {
	const bin = postgresBinDir();
	if (!bin) throw new Error('PostgreSQL is not installed (apt-get install postgresql)');
	const owner = systemUser(POSTGRES_USER);
	const data = join(dir, 'data');
	const template = join(REPO_ROOT, '.cache', `queue-postgres-${templateKey}`);
	const stamp = join(template, '.complete');
	mkdirSync(dir, { recursive: true });
	chownSync(dir, owner.uid, owner.gid);

	const warm = existsSync(stamp);
	if (warm) {
		cpSync(join(template, 'data'), data, { recursive: true });
		chownTree(data, owner);
	} else {
		const begin = Date.now();
		// Postgres refuses to run as root: initdb and the server run as the `postgres` user.
		await execOk(
			'runuser',
			[
				'-u',
				POSTGRES_USER,
				'--',
				join(bin, 'initdb'),
				'-D',
				data,
				'-U',
				DB_USER,
				'--auth=trust',
				'-E',
				'UTF8',
				'--locale=C.UTF-8',
				'--no-sync',
			],
			{
				cwd: dir,
				env: cleanEnv({ LANG: 'C.UTF-8' }),
			},
		);
		say(`initdb done (${elapsed(begin)})`);
	}

	let postgres = await launch(bin, data, dir, logDir, owner);
	if (!warm) {
		await execOk(
			join(bin, 'createdb'),
			['-h', '127.0.0.1', '-p', String(postgres.port), '-U', DB_USER, DB_NAME],
			{ env: cleanEnv() },
		);
		const begin = Date.now();
		say('migrating the n8n database (cold run only; the migrated database is then cached)…');
		await migrate(postgres.port);
		say(`n8n database migrated (${elapsed(begin)}); caching it in ${template}`);
		await postgres.service.stop();
		rmSync(template, { recursive: true, force: true });
		mkdirSync(template, { recursive: true });
		cpSync(data, join(template, 'data'), { recursive: true });
		writeFileSync(stamp, `${new Date().toISOString()}\n`);
		postgres = await launch(bin, data, dir, logDir, owner);
	}
	return postgres;
}

async function launch(
	bin: string,
	data: string,
	dir: string,
	logDir: string,
	owner: { uid: number; gid: number },
): Promise<Postgres> {
	const port = await freePort();
	const service = startService(
		'postgres',
		join(bin, 'postgres'),
		[
			'-D',
			data,
			'-p',
			String(port),
			'-k',
			dir,
			'-c',
			'listen_addresses=127.0.0.1',
			// A throw-away test database: no durability needed.
			'-c',
			'fsync=off',
			'-c',
			'synchronous_commit=off',
			'-c',
			'full_page_writes=off',
			'-c',
			'max_connections=100',
		],
		// SIGINT is Postgres' "fast" shutdown (SIGTERM would wait for every client to disconnect).
		{
			logFile: join(logDir, 'postgres.log'),
			stopSignal: 'SIGINT',
			cwd: dir,
			env: cleanEnv({ LANG: 'C.UTF-8' }),
			uid: owner.uid,
			gid: owner.gid,
		},
	);
	const query = async (sql: string) =>
		(
			await execOk(
				join(bin, 'psql'),
				[
					'-h',
					'127.0.0.1',
					'-p',
					String(port),
					'-U',
					DB_USER,
					'-d',
					DB_NAME,
					'-At',
					'-v',
					'ON_ERROR_STOP=1',
					'-c',
					sql,
				],
				{ env: cleanEnv() },
			)
		).stdout.trim();
	await waitFor(
		'Postgres to accept connections',
		async () => {
			if (service.exited)
				throw new Error(`postgres exited; see ${service.logFile}\n${service.log().slice(-1500)}`);
			await execOk(join(bin, 'pg_isready'), ['-h', '127.0.0.1', '-p', String(port)]);
			return true;
		},
		30000,
	);
	say(`Postgres ${port} ready`);
	return { port, service, query };
}
