/**
 * Test-only node types registered by the harness next to the package's nodes:
 * - `n8n-nodes-base.manualTrigger`: a stand-in for n8n's Manual Trigger (same trigger() contract),
 * - `test.items`: emits fixture items; binaries go through `this.helpers.prepareBinaryData`, so in
 *   filesystem mode they are real stored binaries that downstream nodes must read with
 *   getBinaryStream / getBinaryDataBuffer, exactly as in n8n,
 * - `n8n-nodes-base.noOp`: the node n8n's credential tester builds its temporary node from.
 */
/* eslint-disable @n8n/community-nodes/node-usable-as-tool -- test fixtures, never offered to an AI agent */
import { createReadStream } from 'node:fs';
import { jsonParse, NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';
import type {
	IBinaryKeyData,
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	ITriggerFunctions,
	ITriggerResponse,
} from 'n8n-workflow';

export interface FixtureBinary {
	/** File content, base64. Either this or `filePath`. */
	base64?: string;
	/** A file on disk, streamed into the binary data service. */
	filePath?: string;
	fileName: string;
	mimeType: string;
}

export interface FixtureItem {
	json: IDataObject;
	binary?: Record<string, FixtureBinary>;
}

export class ManualTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Manual Trigger',
		name: 'manualTrigger',
		group: ['trigger'],
		version: 1,
		description: 'Runs the flow on clicking a button in n8n',
		defaults: { name: 'When clicking ‘Execute workflow’' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	};

	async trigger(this: ITriggerFunctions): Promise<ITriggerResponse> {
		const manualTriggerFunction = async () => {
			this.emit([this.helpers.returnJsonArray([{}])]);
		};
		return { manualTriggerFunction };
	}
}

export class TestItems implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Test Items',
		name: 'items',
		group: ['input'],
		version: 1,
		description: 'Emits fixture items (test only)',
		defaults: { name: 'Test Items' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [
			{
				displayName: 'Items',
				name: 'items',
				type: 'json',
				default: '[]',
				description:
					'JSON array of { json, binary?: { [property]: { base64 | filePath, fileName, mimeType } } }',
			},
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const raw = this.getNodeParameter('items', 0) as string | FixtureItem[];
		const fixtures = typeof raw === 'string' ? jsonParse<FixtureItem[]>(raw) : raw;
		if (!Array.isArray(fixtures)) {
			throw new NodeOperationError(this.getNode(), 'Parameter "items" must be a JSON array');
		}
		const items: INodeExecutionData[] = [];
		for (const fixture of fixtures) {
			const binary: IBinaryKeyData = {};
			for (const [property, spec] of Object.entries(fixture.binary ?? {})) {
				const content = spec.filePath
					? createReadStream(spec.filePath)
					: Buffer.from(spec.base64 ?? '', 'base64');
				binary[property] = await this.helpers.prepareBinaryData(
					content,
					spec.fileName,
					spec.mimeType,
				);
			}
			items.push({
				json: fixture.json ?? {},
				...(Object.keys(binary).length > 0 && { binary }),
				pairedItem: { item: 0 },
			});
		}
		return [items];
	}
}

export class NoOp implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'No Operation, do nothing',
		name: 'n8n-nodes-base.noOp',
		group: ['organization'],
		version: 1,
		description: 'No Operation',
		defaults: { name: 'No Operation, do nothing' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [this.getInputData()];
	}
}

export const fixtureNodeTypes: Record<string, INodeType> = {
	'n8n-nodes-base.manualTrigger': new ManualTrigger(),
	'n8n-nodes-base.noOp': new NoOp(),
	'test.items': new TestItems(),
};
