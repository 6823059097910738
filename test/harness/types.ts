/**
 * Node and credential types the harness knows: test fixtures, per-run extras and the compiled
 * package, loaded from dist/ by n8n-core's own PackageDirectoryLoader (the loader n8n uses for
 * community packages), so node types are keyed `<package name>.<description.name>` as in n8n.
 * The package is loaded lazily, only when a workflow or credential needs a type not found among
 * the fixtures and extras.
 */
import { PackageDirectoryLoader } from 'n8n-core';
import { NodeHelpers } from 'n8n-workflow';
import type {
	ICredentialType,
	IDataObject,
	INodeType,
	INodeTypes,
	IVersionedNodeType,
} from 'n8n-workflow';
import { resolve } from 'node:path';

import { fixtureNodeTypes } from './fixtureNodes';

export type AnyNodeType = INodeType | IVersionedNodeType;

export interface TypeOptions {
	/** Extra node types keyed by their full type name (e.g. `test.myNode`), loaded from source. */
	extraNodeTypes?: Record<string, AnyNodeType>;
	/** Extra credential types, keyed by their `name`. */
	extraCredentialTypes?: ICredentialType[];
	/** Default true: types not found among fixtures and extras come from the compiled package. */
	loadPackage?: boolean;
}

interface PackageTypes {
	nodes: Map<string, AnyNodeType>;
	credentials: Map<string, ICredentialType>;
}

export const PACKAGE_ROOT = resolve(__dirname, '../..');
let packageTypes: Promise<PackageTypes> | undefined;

async function loadPackageTypes(): Promise<PackageTypes> {
	const loader = new PackageDirectoryLoader(PACKAGE_ROOT);
	await loader.loadAll();
	const nodes = new Map<string, AnyNodeType>();
	for (const [name, { type }] of Object.entries(loader.nodeTypes)) {
		nodes.set(`${loader.packageName}.${name}`, type);
	}
	const credentials = new Map<string, ICredentialType>();
	for (const { type } of Object.values(loader.credentialTypes)) {
		credentials.set(type.name, type);
	}
	return { nodes, credentials };
}

export class TypeRegistry implements INodeTypes {
	private constructor(
		readonly nodes: Map<string, AnyNodeType>,
		readonly credentials: Map<string, ICredentialType>,
	) {}

	static async create(
		options: TypeOptions,
		needed: { nodeTypes: string[]; credentialTypes: string[] },
	): Promise<TypeRegistry> {
		const nodes = new Map<string, AnyNodeType>(
			Object.entries({ ...fixtureNodeTypes, ...options.extraNodeTypes }),
		);
		const credentials = new Map(options.extraCredentialTypes?.map((type) => [type.name, type]));
		const missing =
			needed.nodeTypes.some((name) => !nodes.has(name)) ||
			needed.credentialTypes.some((name) => !credentials.has(name));
		if (missing && options.loadPackage !== false) {
			packageTypes ??= loadPackageTypes();
			const loaded = await packageTypes;
			for (const [name, type] of loaded.nodes) if (!nodes.has(name)) nodes.set(name, type);
			for (const [name, type] of loaded.credentials)
				if (!credentials.has(name)) credentials.set(name, type);
		}
		return new TypeRegistry(nodes, credentials);
	}

	getByName(name: string): AnyNodeType {
		const type = this.nodes.get(name);
		if (!type) {
			throw new Error(
				`Unknown node type "${name}". Known: ${[...this.nodes.keys()].join(', ')}. ` +
					'Package nodes are "<package name>.<description.name>" and come from dist/ (npm run build).',
			);
		}
		return type;
	}

	getByNameAndVersion(name: string, version?: number): INodeType {
		return NodeHelpers.getVersionedNodeType(this.getByName(name), version);
	}

	getKnownTypes(): IDataObject {
		return {};
	}

	credential(name: string): ICredentialType {
		const type = this.credentials.get(name);
		if (!type) {
			throw new Error(
				`Unknown credential type "${name}". Known: ${[...this.credentials.keys()].join(', ')}.`,
			);
		}
		return type;
	}
}
