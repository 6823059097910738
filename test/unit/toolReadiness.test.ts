import { readFileSync } from 'fs';
import { join } from 'path';
import type { INodeProperties, INodeType, INodeTypeDescription } from 'n8n-workflow';

const root = join(__dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
	n8n: { nodes: string[] };
};

async function load(path: string): Promise<INodeTypeDescription> {
	const module = (await import(join(root, path))) as Record<string, new () => INodeType>;
	const NodeClass = Object.values(module)[0];
	return new NodeClass().description;
}

let descriptions: INodeTypeDescription[] = [];
beforeAll(async () => {
	descriptions = await Promise.all(pkg.n8n.nodes.map(load));
});
const isTrigger = (d: INodeTypeDescription) => d.group.includes('trigger');
const isSubNode = (d: INodeTypeDescription) =>
	(d.inputs as unknown[]).length === 0 && !isTrigger(d);

describe('every action node is usable as an AI Agent tool', () => {
	const actions = () => descriptions.filter((d) => !isTrigger(d) && !isSubNode(d));

	it('covers the whole package', () => {
		expect(
			actions()
				.map((d) => d.name)
				.sort(),
		).toEqual([
			'miniMaxChat',
			'miniMaxFiles',
			'miniMaxImage',
			'miniMaxMusic',
			'miniMaxSpeechToText',
			'miniMaxTextToSpeech',
			'miniMaxVideo',
			'miniMaxVoiceClone',
			'miniMaxVoiceDesign',
		]);
	});

	it('each is usableAsTool, with a description an agent can follow and its billing stated', () => {
		for (const d of actions()) {
			expect([d.name, d.usableAsTool]).toEqual([d.name, true]);
			expect(d.description.length).toBeGreaterThan(80);
			expect(d.description).toMatch(/billed/i);
			const operation = d.properties.find((p) => p.name === 'operation') as INodeProperties;
			for (const option of (operation.options ?? []) as Array<{ action?: string; name: string }>) {
				expect(option.action ?? '').not.toBe('');
			}
		}
	});

	it('triggers and the chat model sub-node are not tools', () => {
		for (const d of descriptions.filter((d) => isTrigger(d) || isSubNode(d)))
			expect(d.usableAsTool).not.toBe(true);
	});
});
