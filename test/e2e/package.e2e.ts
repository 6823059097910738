import { existsSync, readdirSync } from 'fs';
import { join } from 'path';

import { loadBuilt, packageTypeNames, readPackageJson } from './lib/communityPackage';
import { exportedNodeTypes, INSTALLED_PACKAGE_DIR } from './lib/context';

/**
 * `n8n export:nodes` of an n8n that has the packed package installed as a community package. Expected
 * names come from the installed copy's package.json `n8n` section and built files.
 */

const manifest = readPackageJson(INSTALLED_PACKAGE_DIR);
const { nodes, credentials } = packageTypeNames(INSTALLED_PACKAGE_DIR);
const exported = exportedNodeTypes();
const byName = new Map(exported.map((type) => [type.name, type]));
const ours = exported.filter((type) => type.name.startsWith(`${manifest.name}.`));

describe('the package inside n8n (n8n export:nodes)', () => {
	test('every node of package.json `n8n.nodes` is loaded under the community-package name', () => {
		expect(nodes.length).toBe(manifest.n8n.nodes.length);
		const loaded = ours.filter((type) => !type.name.endsWith('Tool')).map((type) => type.name);
		expect(loaded.sort()).toEqual([...nodes].sort());
	});

	test.each(manifest.n8n.nodes.map((file, index) => [nodes[index], file]))(
		'%s: display name, icon, credential, tool variant',
		(typeName, file) => {
			const type = byName.get(typeName)!;
			const built = loadBuilt(INSTALLED_PACKAGE_DIR, file).description!;
			expect(type.displayName).toBe(built.displayName);
			expect(type.displayName).toMatch(/^MiniMax /);
			const { iconUrl } = type as unknown as { iconUrl?: { light?: string; dark?: string } };
			for (const icon of [iconUrl?.light, iconUrl?.dark]) {
				expect(icon).toMatch(new RegExp(`^icons/${manifest.name}/dist/.+\\.svg$`));
				expect(
					existsSync(join(INSTALLED_PACKAGE_DIR, icon!.slice(`icons/${manifest.name}/`.length))),
				).toBe(true);
			}
			expect(type.credentials?.map((credential) => credential.name)).toEqual(
				expect.arrayContaining(credentials),
			);
			expect(type.properties.length).toBeGreaterThan(0);
			// n8n derives an AI Agent tool variant from usableAsTool; triggers must not have one.
			expect(byName.has(`${typeName}Tool`)).toBe(built.usableAsTool === true);
			if (built.group.includes('trigger')) expect(built.usableAsTool).toBeFalsy();
		},
	);

	test('every credential of package.json `n8n.credentials` is installed and used by the nodes', () => {
		expect(credentials.length).toBe(manifest.n8n.credentials.length);
		for (const file of manifest.n8n.credentials)
			expect(existsSync(join(INSTALLED_PACKAGE_DIR, file))).toBe(true);
		const used = new Set(
			ours.flatMap((type) => (type.credentials ?? []).map((credential) => credential.name)),
		);
		for (const credential of credentials) expect(used.has(credential)).toBe(true);
	});

	test('the packed package holds only dist/ and the manifest files (no sources, tests or dependencies)', () => {
		const top = readdirSync(INSTALLED_PACKAGE_DIR).sort();
		expect(top).toEqual(expect.arrayContaining(['dist', 'package.json']));
		for (const entry of top)
			expect(['dist', 'package.json', 'README.md', 'LICENSE', 'CHANGELOG.md']).toContain(entry);
	});
});
