import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { NodeHelpers, Workflow } from 'n8n-workflow';
import type {
	INode,
	INodeProperties,
	INodePropertyCollection,
	INodePropertyOptions,
	INodeType,
	INodeTypeDescription,
	INodeTypes,
} from 'n8n-workflow';

/**
 * Names and hints every node follows (n8n's own conventions, as OpenAI v2 uses them): binary inputs
 * are `binaryPropertyName[<Role>]` with a hint saying what to type, the binary output field is
 * `binaryPropertyOutput`, source selectors are `<role>Source`, the canvas subtitle is the readable
 * operation name, and the example workflows only set parameters the nodes have.
 */

const root = join(__dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
	n8n: { nodes: string[] };
};
const PREFIX = 'n8n-nodes-minimax.';

const types: Record<string, INodeType> = {};
beforeAll(async () => {
	for (const path of pkg.n8n.nodes) {
		const module = (await import(join(root, path))) as Record<string, new () => INodeType>;
		const type = new (Object.values(module)[0])();
		types[type.description.name] = type;
	}
});
const descriptions = (): INodeTypeDescription[] =>
	Object.values(types).map((type) => type.description);

/** Every parameter, including those inside collections and fixed collections. */
function allParameters(
	properties: INodeProperties[],
	inside?: string,
): Array<INodeProperties & { inside?: string }> {
	const found: Array<INodeProperties & { inside?: string }> = [];
	for (const property of properties) {
		found.push({ ...property, inside });
		for (const option of property.options ?? []) {
			if ('values' in option)
				found.push(...allParameters((option as INodePropertyCollection).values, property.name));
			else if ('type' in option)
				found.push(...allParameters([option as INodeProperties], property.name));
		}
	}
	return found;
}

const nodeTypes: INodeTypes = {
	getByName: (name) => types[name.replace(PREFIX, '')],
	getByNameAndVersion: (name) => types[name.replace(PREFIX, '')],
	getKnownTypes: () => ({}),
};

/** The subtitle as the n8n editor computes it: the expression evaluated with the node's full parameters. */
function subtitleOf(description: INodeTypeDescription, chosen: Record<string, string>): string {
	const parameters = NodeHelpers.getNodeParameters(
		description.properties,
		chosen,
		true,
		false,
		null,
		description,
	);
	const node: INode = {
		id: '1',
		name: description.defaults.name as string,
		type: PREFIX + description.name,
		typeVersion: 1,
		position: [0, 0],
		parameters: parameters ?? {},
	};
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	return String(
		workflow.expression.getSimpleParameterValue(
			node,
			description.subtitle as string,
			'internal',
			{},
		),
	);
}

function operationChoices(description: INodeTypeDescription): Array<Record<string, string>> {
	const choices: Array<Record<string, string>> = [];
	for (const property of description.properties) {
		if (property.name !== 'operation') continue;
		const resources = (property.displayOptions?.show?.resource as string[] | undefined) ?? [
			undefined,
		];
		for (const resource of resources) {
			for (const option of property.options as INodePropertyOptions[]) {
				choices.push(
					resource
						? { resource, operation: String(option.value) }
						: { operation: String(option.value) },
				);
			}
		}
	}
	return choices;
}

describe('the canvas subtitle names the operation in words', () => {
	it('every operation of every node shows its readable name, never the raw value', () => {
		let checked = 0;
		// MiniMax Chat has one operation; its subtitle shows the chosen model instead.
		for (const description of descriptions().filter((d) => d.name !== 'miniMaxChat')) {
			for (const chosen of operationChoices(description)) {
				const subtitle = subtitleOf(description, chosen);
				expect([description.name, chosen, subtitle]).toEqual([
					description.name,
					chosen,
					expect.stringMatching(/^[A-Z][\w-]*( [A-Z0-9][\w-]*)+$/),
				]);
				checked++;
			}
		}
		expect(checked).toBeGreaterThanOrEqual(25);
	});

	it.each([
		['miniMaxTextToSpeech', { operation: 'generateLong' }, 'Generate Long Speech'],
		['miniMaxTextToSpeech', {}, 'Generate Speech'],
		['miniMaxVideo', { resource: 'template', operation: 'generate' }, 'Generate From Template'],
		['miniMaxVideo', { resource: 'h3', operation: 'getTask' }, 'Get MiniMax-H3 Task Status'],
		['miniMaxVideo', {}, 'Generate Video'],
		['miniMaxFiles', { operation: 'list' }, 'Get Many Files'],
		['miniMaxVoiceClone', { operation: 'list' }, 'List Cloned Voices'],
		['miniMaxMusic', { operation: 'generateLyrics' }, 'Generate Lyrics'],
	])('%s %j → "%s"', (name, chosen, expected) => {
		expect(subtitleOf(types[name].description, chosen)).toBe(expected);
	});
});

describe('parameter names and hints', () => {
	it('binary inputs are binaryPropertyName[<Role>], each with a hint saying what to type', () => {
		const found: string[] = [];
		for (const description of descriptions()) {
			for (const parameter of allParameters(description.properties)) {
				if (/binaryField|BinaryField|AudioField/.test(parameter.name))
					found.push(`${description.name}: old name ${parameter.name}`);
				if (!parameter.name.startsWith('binaryPropertyName')) continue;
				expect([description.name, parameter.name]).toEqual([
					description.name,
					expect.stringMatching(/^binaryPropertyName([A-Z][a-zA-Z]+)?$/),
				]);
				expect([parameter.name, parameter.hint]).toEqual([
					parameter.name,
					expect.stringMatching(/^The name of the input field containing the binary file data\b/),
				]);
				expect(parameter.description ?? '').not.toMatch(/binary field/i);
				found.push(`${description.name}.${parameter.name}`);
			}
		}
		expect(found).toEqual(
			expect.arrayContaining([
				'miniMaxFiles.binaryPropertyName',
				'miniMaxImage.binaryPropertyName',
				'miniMaxMusic.binaryPropertyName',
				'miniMaxSpeechToText.binaryPropertyName',
				'miniMaxTextToSpeech.binaryPropertyName',
				'miniMaxVideo.binaryPropertyNameFirstFrame',
				'miniMaxVideo.binaryPropertyNameLastFrame',
				'miniMaxVideo.binaryPropertyNameSubject',
				'miniMaxVoiceClone.binaryPropertyName',
				'miniMaxVoiceClone.binaryPropertyNamePrompt',
			]),
		);
		expect(found.filter((entry) => entry.includes('old name'))).toEqual([]);
	});

	it('a node with several top-level binary inputs names each by its role', () => {
		for (const description of descriptions()) {
			const names = [
				...new Set(
					description.properties
						.filter((p) => p.name.startsWith('binaryPropertyName'))
						.map((p) => p.name),
				),
			];
			if (names.length > 1)
				expect([description.name, names.includes('binaryPropertyName') ? names.length : 0]).toEqual(
					[description.name, 0],
				);
		}
	});

	it('the binary output field is binaryPropertyOutput with a hint', () => {
		let seen = 0;
		for (const description of descriptions()) {
			for (const parameter of allParameters(description.properties)) {
				if (
					!/output/i.test(parameter.name) ||
					parameter.type !== 'string' ||
					!/binary/i.test(`${parameter.hint} ${parameter.description}`)
				)
					continue;
				expect([description.name, parameter.name]).toEqual([
					description.name,
					'binaryPropertyOutput',
				]);
				expect(parameter.hint).toBe('The name of the output field to put the binary file data in');
				seen++;
			}
		}
		expect(seen).toBeGreaterThan(5);
	});

	it('a choice between an input binary and a URL is called <role>Source', () => {
		let seen = 0;
		for (const description of descriptions()) {
			for (const parameter of allParameters(description.properties)) {
				const options = (
					parameter.type === 'options' ? parameter.options : []
				) as INodePropertyOptions[];
				if (!options.some((option) => option.value === 'binary' && /input/i.test(option.name)))
					continue;
				const expected = parameter.inside ? /^source$/ : /^[a-z]+Source$/;
				expect([description.name, parameter.name]).toEqual([
					description.name,
					expect.stringMatching(expected),
				]);
				seen++;
			}
		}
		expect(seen).toBeGreaterThanOrEqual(7);
	});
});

/**
 * Parameter paths of `values` that the properties do not define, collections checked inside. A name
 * may be defined several times (an "Options" collection per operation): all definitions count.
 */
function unknownParameters(properties: INodeProperties[], values: object, at = ''): string[] {
	const unknown: string[] = [];
	for (const [name, value] of Object.entries(values)) {
		const matching = properties.filter((property) => property.name === name);
		if (matching.length === 0) unknown.push(at + name);
		if (matching.length === 0 || typeof value !== 'object' || value === null) continue;
		const fields = matching
			.filter((p) => p.type === 'collection')
			.flatMap((p) => p.options as INodeProperties[]);
		if (fields.length) unknown.push(...unknownParameters(fields, value, `${at}${name}.`));
		const groups = matching
			.filter((p) => p.type === 'fixedCollection')
			.flatMap((p) => p.options as INodePropertyCollection[]);
		for (const [group, entries] of groups.length ? Object.entries(value) : []) {
			const groupFields = groups
				.filter((candidate) => candidate.name === group)
				.flatMap((candidate) => candidate.values);
			if (!groupFields.length) unknown.push(`${at}${name}.${group}`);
			for (const entry of [entries].flat())
				unknown.push(...unknownParameters(groupFields, entry as object, `${at}${name}.${group}.`));
		}
	}
	return [...new Set(unknown)];
}

describe('example workflows', () => {
	const files = readdirSync(join(root, 'examples')).filter((file) => file.endsWith('.json'));

	it.each(files)('%s sets only parameters its MiniMax nodes have', (file) => {
		const workflow = JSON.parse(readFileSync(join(root, 'examples', file), 'utf8')) as {
			nodes: INode[];
		};
		const ours = workflow.nodes.filter((node) => node.type.startsWith(PREFIX));
		expect(ours.length).toBeGreaterThan(0);
		for (const node of ours) {
			const description = types[node.type.slice(PREFIX.length)]?.description;
			expect([node.type, Boolean(description)]).toEqual([node.type, true]);
			for (const path of unknownParameters(description.properties, node.parameters))
				expect([file, node.name, path]).toEqual([file, node.name, 'known']);
		}
	});
});
