import { startSandbox, type Sandbox } from '../sandbox';
import { EXAMPLE_CHECKS } from './exampleChecks';
import { packageTypeNames } from './lib/communityPackage';
import { INSTALLED_PACKAGE_DIR, newInstance } from './lib/context';
import { sandboxCredential } from './lib/credential';
import { CREDENTIAL_NAME, CREDENTIAL_TYPE, EXAMPLES_DIR, loadExamples } from './lib/examples';
import { executeWorkflow, importCredentials, n8nOk, type N8nInstance } from './lib/n8nCli';

/**
 * Every workflow in examples/ imported into a real n8n as users import it (`n8n import:workflow
 * --separate --input=examples/`, credential matched by name) and, for Manual Trigger examples, executed
 * headless with `n8n execute` against the sandbox. Webhook and live-scenario examples run in server.e2e.ts.
 */

const examples = loadExamples();
const headless = examples.filter((example) => EXAMPLE_CHECKS[example.file]?.kind === 'headless');

describe('examples/', () => {
	test('every example has checks, uses only nodes this package has, and names the credential "MiniMax account"', () => {
		const { nodes } = packageTypeNames(INSTALLED_PACKAGE_DIR);
		expect(examples.length).toBeGreaterThan(0);
		for (const example of examples) {
			expect({ file: example.file, checked: example.file in EXAMPLE_CHECKS }).toEqual({
				file: example.file,
				checked: true,
			});
			const kinds = { manual: ['headless', 'live'], webhook: ['webhook'], other: ['partOf'] }[
				example.trigger
			];
			const kind = EXAMPLE_CHECKS[example.file].kind;
			expect({ file: example.file, kind, fitsTrigger: kinds.includes(kind) }).toMatchObject({
				fitsTrigger: true,
			});
			if (kind === 'partOf')
				expect(loadExamples().map((other) => other.file)).toContain(
					(EXAMPLE_CHECKS[example.file] as { example: string }).example,
				);
			for (const type of example.packageTypes)
				expect({ file: example.file, type, available: nodes.includes(type) }).toMatchObject({
					available: true,
				});
			for (const node of example.workflow.nodes) {
				if (!node.type.startsWith('n8n-nodes-minimax.')) continue;
				expect({
					file: example.file,
					node: node.name,
					credential: node.credentials?.[CREDENTIAL_TYPE]?.name,
				}).toMatchObject({ credential: CREDENTIAL_NAME });
			}
			expect(example.workflow.id.length).toBeLessThanOrEqual(21);
		}
		expect(new Set(examples.map((example) => example.workflow.id)).size).toBe(examples.length);
	});
});

describe('examples executed headless in n8n (n8n execute)', () => {
	let sandbox: Sandbox;
	let instance: N8nInstance;

	beforeAll(async () => {
		sandbox = await startSandbox({ timeScale: 50 });
		instance = newInstance('examples');
		// The credential first: workflow import resolves "MiniMax account" by name.
		await importCredentials(instance, [sandboxCredential(sandbox.url)]);
		await n8nOk(instance, ['import:workflow', '--separate', `--input=${EXAMPLES_DIR}`]);
	});

	afterAll(async () => {
		await sandbox?.close();
	});

	beforeEach(() => sandbox.reset());

	test.each(headless.map((example) => [example.file, example]))('%s', async (file, example) => {
		const check = EXAMPLE_CHECKS[file];
		if (check.kind !== 'headless') throw new Error(`${file}: not a headless check`);
		const result = await executeWorkflow(instance, example.workflow.id);
		if (!result.run || result.code !== 0 || result.run.data.resultData.error) {
			throw new Error(
				`${file} failed (exit ${result.code}): ${result.run?.data.resultData.error?.message ?? ''}\n${result.output.slice(-3000)}`,
			);
		}
		expect(result.run.status).toBe('success');
		// Every node ran, in a workflow without branches.
		const ran = Object.keys(result.run.data.resultData.runData);
		const expected = example.workflow.nodes
			.filter((node) => node.type !== 'n8n-nodes-base.stickyNote')
			.map((node) => node.name);
		expect(ran.sort()).toEqual(expected.sort());
		await check.check({ run: result.run, userFolder: instance.userFolder, sandbox });
	});
});
