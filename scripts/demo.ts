import { copyFileSync, mkdirSync, rmSync, statSync } from 'fs';
import { join, relative } from 'path';

import { startSandbox, type Sandbox } from '../test/sandbox';
import { probeVideo } from '../test/sandbox/families/video/probe';
import { probe } from '../test/support/ffprobe';
import { binaryPath } from '../test/e2e/lib/binaries';
import {
	buildPackage,
	installedPackageDir,
	installPackedPackage,
	PACKAGE,
	packageTypeNames,
	packPackage,
} from '../test/e2e/lib/communityPackage';
import { FFMPEG_DIR } from '../test/e2e/lib/context';
import { realApiCredential, sandboxCredential } from '../test/e2e/lib/credential';
import { loadExamples, type Example } from '../test/e2e/lib/examples';
import { ensureN8n, REPO_ROOT } from '../test/e2e/lib/install';
import {
	createInstance,
	executeWorkflow,
	importCredentials,
	importWorkflow,
	nodeOutput,
	type ExecutionRun,
	type N8nInstance,
} from '../test/e2e/lib/n8nCli';
import { setupOwner, startServer, OWNER } from '../test/e2e/lib/n8nServer';
import { freePort } from '../test/e2e/lib/ports';
import { elapsed, say, setProgressLabel, withHeartbeat } from '../test/e2e/lib/progress';

/**
 * `npm run demo [-- --open]`: a real n8n (cached in .cache/), the packed package installed as a community
 * package, the "prompt to narrated video" example executed headless against the sandbox (or the real
 * MiniMax API when MINIMAX_API_KEY is set), the MP4 copied to demo-output/.
 */

/**
 * The demo workflows, best first: the first whose file exists and whose MiniMax nodes are all in the
 * package runs. Its last node must output the video as a binary.
 */
const DEMO_WORKFLOWS = ['prompt-to-narrated-video.json', 'narrated-slideshow.json'];

const DEMO_DIR = join(REPO_ROOT, '.cache', 'demo');
const OUTPUT_DIR = join(REPO_ROOT, 'demo-output');
const SANDBOX_PORT = 4010;
const EDITOR_PORT = 5678;

const args = process.argv.slice(2);
const keepOpen = args.includes('--open');

function pickWorkflow(available: string[]): Example {
	const examples = loadExamples();
	for (const file of DEMO_WORKFLOWS) {
		const example = examples.find((candidate) => candidate.file === file);
		if (example && example.packageTypes.every((type) => available.includes(type))) return example;
	}
	throw new Error(`none of ${DEMO_WORKFLOWS.join(', ')} can run with this package`);
}

function lastVideo(run: ExecutionRun, userFolder: string): { file: string; fileName: string } {
	const last = run.data.resultData.lastNodeExecuted ?? '';
	for (const item of nodeOutput(run, last)) {
		for (const ref of Object.values(item.binary ?? {})) {
			if (ref.mimeType.startsWith('video/'))
				return { file: binaryPath(userFolder, ref), fileName: ref.fileName ?? 'video.mp4' };
		}
	}
	throw new Error(`the last node "${last}" returned no video binary`);
}

function describeRun(run: ExecutionRun): string[] {
	return Object.entries(run.data.resultData.runData).map(([node, tasks]) => {
		const items = tasks.reduce((sum, task) => sum + (task.data?.main?.[0]?.length ?? 0), 0);
		return `    ${node}: ${items} item${items === 1 ? '' : 's'}`;
	});
}

function describeApiCalls(sandbox: Sandbox): string[] {
	const counts = new Map<string, number>();
	for (const entry of sandbox.log) {
		const key =
			entry.kind === 'api' ? `${entry.method} ${entry.path}` : 'download of a signed file link';
		counts.set(key, (counts.get(key) ?? 0) + 1);
	}
	return [...counts].map(([call, count]) => `    ${call} × ${count}`);
}

async function main(): Promise<void> {
	setProgressLabel('demo');
	const begin = Date.now();
	const apiKey = process.env.MINIMAX_API_KEY?.trim();
	const region = (process.env.MINIMAX_REGION ?? 'global').trim();
	const credential = apiKey ? realApiCredential(apiKey, region) : undefined;

	const install = await ensureN8n();
	await buildPackage();
	const tarball = await packPackage(DEMO_DIR);
	const userFolder = join(DEMO_DIR, 'n8n-user');
	rmSync(userFolder, { recursive: true, force: true });
	await installPackedPackage(tarball, userFolder);
	const instance: N8nInstance = createInstance(install, userFolder, { pathPrepend: [FFMPEG_DIR] });
	const example = pickWorkflow(packageTypeNames(installedPackageDir(userFolder)).nodes);

	let sandbox: Sandbox | undefined;
	if (credential) {
		say(`using the real MiniMax API (region ${region}); generations are billed to your account`);
	} else {
		sandbox = await startSandbox({ port: await freePort(SANDBOX_PORT), timeScale: 20 });
		say(`MiniMax sandbox running at ${sandbox.url} (set MINIMAX_API_KEY to use the real API)`);
	}
	const stopAll: Array<() => Promise<void>> = [async () => sandbox?.close()];
	try {
		say('importing the "MiniMax account" credential and the workflow…');
		await importCredentials(instance, [credential ?? sandboxCredential(sandbox!.url)]);
		await importWorkflow(instance, example.workflow);

		say(
			`executing "${example.workflow.name}" (examples/${example.file}) headless with n8n execute…`,
		);
		const started = Date.now();
		const result = await withHeartbeat(
			'running the workflow',
			() => executeWorkflow(instance, example.workflow.id, 30 * 60 * 1000),
			20000,
		);
		if (!result.run || result.code !== 0 || result.run.data.resultData.error) {
			const error = result.run?.data.resultData.error;
			throw new Error(
				`the workflow failed${error?.node?.name ? ` in "${error.node.name}"` : ''}: ${error?.message ?? ''}\n${result.output.slice(-2000)}`,
			);
		}
		say(`workflow finished in ${elapsed(started)}`);

		const video = lastVideo(result.run, userFolder);
		mkdirSync(OUTPUT_DIR, { recursive: true });
		const target = join(OUTPUT_DIR, video.fileName);
		copyFileSync(video.file, target);
		const info = await probe(target);
		const picture = await probeVideo(target);
		const lines = [
			'',
			'What ran:',
			`  "${example.workflow.name}" (examples/${example.file}) in n8n ${install.version}, with ${PACKAGE.name}@${PACKAGE.version} installed from its npm pack tarball`,
			...describeRun(result.run),
			...(sandbox ? ['  MiniMax calls (sandbox):', ...describeApiCalls(sandbox)] : []),
			'',
			`Video: ${relative(process.cwd(), target) || target}`,
			`  ${info.duration.toFixed(2)} s, ${picture.width}×${picture.height}, ${(statSync(target).size / 1024).toFixed(0)} KiB, streams: ${info.streams.map((stream) => stream.codec_name).join(' + ')} (ffprobe)`,
			'',
		];
		process.stdout.write(`${lines.join('\n')}\n`);

		if (!keepOpen) {
			say(
				`done in ${elapsed(begin)}. Run \`npm run demo -- --open\` to see the workflow in the n8n editor.`,
			);
			return;
		}
		const port = await freePort(EDITOR_PORT);
		say('starting n8n with the workflow and the credential loaded…');
		const server = await startServer(instance, port);
		stopAll.unshift(() => server.stop());
		await setupOwner(server);
		process.stdout.write(
			[
				'',
				`n8n editor: ${server.url}/workflow/${example.workflow.id}`,
				`  sign in as ${OWNER.email} / ${OWNER.password}`,
				sandbox
					? `  the "MiniMax account" credential points at the sandbox (${sandbox.url}), which keeps running`
					: '  the "MiniMax account" credential uses your MINIMAX_API_KEY',
				'  Press Ctrl+C to stop n8n' + (sandbox ? ' and the sandbox.' : '.'),
				'',
			].join('\n'),
		);
		await new Promise<void>((resolve) => {
			process.once('SIGINT', resolve);
			process.once('SIGTERM', resolve);
			server.process.once('exit', () => resolve());
		});
		say('stopping…');
	} finally {
		for (const stop of stopAll) await stop().catch(() => undefined);
	}
}

main().then(
	() => process.exit(0),
	(error: unknown) => {
		process.stderr.write(
			`\ndemo failed: ${error instanceof Error ? error.message : String(error)}\n`,
		);
		process.exit(1);
	},
);
