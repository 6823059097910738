import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

import type { INodeProperties, INodeType } from 'n8n-workflow';

import { MiniMaxChat } from '../../nodes/MiniMaxChat/MiniMaxChat.node';
import { operations as chatOperations } from '../../nodes/MiniMaxChat/actions';
import { MiniMaxFiles } from '../../nodes/MiniMaxFiles/MiniMaxFiles.node';
import { operations as filesOperations } from '../../nodes/MiniMaxFiles/actions';
import { MiniMaxImage } from '../../nodes/MiniMaxImage/MiniMaxImage.node';
import { operations as imageOperations } from '../../nodes/MiniMaxImage/actions';
import { MiniMaxMusic } from '../../nodes/MiniMaxMusic/MiniMaxMusic.node';
import { operations as musicOperations } from '../../nodes/MiniMaxMusic/actions';
import { MiniMaxSpeechToText } from '../../nodes/MiniMaxSpeechToText/MiniMaxSpeechToText.node';
import { operations as speechToTextOperations } from '../../nodes/MiniMaxSpeechToText/actions';
import { MiniMaxTextToSpeech } from '../../nodes/MiniMaxTextToSpeech/MiniMaxTextToSpeech.node';
import { operations as textToSpeechOperations } from '../../nodes/MiniMaxTextToSpeech/actions';
import { MiniMaxVideo } from '../../nodes/MiniMaxVideo/MiniMaxVideo.node';
import { operations as videoOperations } from '../../nodes/MiniMaxVideo/actions';
import { MiniMaxVoiceClone } from '../../nodes/MiniMaxVoiceClone/MiniMaxVoiceClone.node';
import { operations as voiceCloneOperations } from '../../nodes/MiniMaxVoiceClone/actions';
import { MiniMaxVoiceDesign } from '../../nodes/MiniMaxVoiceDesign/MiniMaxVoiceDesign.node';
import { operations as voiceDesignOperations } from '../../nodes/MiniMaxVoiceDesign/actions';

/**
 * Every Operation option of every node (all resources) has an executor, read from the node
 * descriptions themselves; and every executor is reachable from an option. Nodes with a Resource
 * selector route "<resource>.<operation>", the others "<operation>".
 */
const NODES = resolve(__dirname, '../../nodes');

interface NodeUnderTest {
	name: string;
	properties: INodeProperties[];
	operations: Record<string, unknown>;
}

const ACTION_NODES: Array<{ name: string; node: INodeType; operations: object }> = [
	{ name: 'MiniMaxChat', node: new MiniMaxChat(), operations: chatOperations },
	{ name: 'MiniMaxFiles', node: new MiniMaxFiles(), operations: filesOperations },
	{ name: 'MiniMaxImage', node: new MiniMaxImage(), operations: imageOperations },
	{ name: 'MiniMaxMusic', node: new MiniMaxMusic(), operations: musicOperations },
	{
		name: 'MiniMaxSpeechToText',
		node: new MiniMaxSpeechToText(),
		operations: speechToTextOperations,
	},
	{
		name: 'MiniMaxTextToSpeech',
		node: new MiniMaxTextToSpeech(),
		operations: textToSpeechOperations,
	},
	{ name: 'MiniMaxVideo', node: new MiniMaxVideo(), operations: videoOperations },
	{ name: 'MiniMaxVoiceClone', node: new MiniMaxVoiceClone(), operations: voiceCloneOperations },
	{ name: 'MiniMaxVoiceDesign', node: new MiniMaxVoiceDesign(), operations: voiceDesignOperations },
];

/** Folders of nodes/ with an actions/index.ts: each must be in ACTION_NODES. */
function actionNodeFolders(): string[] {
	return readdirSync(NODES).filter(
		(dir) => dir !== 'shared' && existsSync(join(NODES, dir, 'actions', 'index.ts')),
	);
}

function nodesWithOperations(): NodeUnderTest[] {
	return ACTION_NODES.map(({ name, node, operations }) => ({
		name,
		properties: node.description.properties,
		operations: operations as Record<string, unknown>,
	}));
}

/** The routing keys the description offers, one per (resource, operation) pair. */
function offeredKeys(properties: INodeProperties[]): string[] {
	const hasResource = properties.some((property) => property.name === 'resource');
	return properties
		.filter((property) => property.name === 'operation' && property.type === 'options')
		.flatMap((property) => {
			const values = (property.options ?? []).map((option) =>
				String((option as { value: unknown }).value),
			);
			if (!hasResource) return values;
			const resources = (property.displayOptions?.show?.resource ?? []) as string[];
			return resources.flatMap((resource) => values.map((value) => `${resource}.${value}`));
		});
}

const nodes = nodesWithOperations();

describe('operation routing', () => {
	it('finds the action nodes', () => {
		expect(nodes.map((node) => node.name).sort()).toEqual(actionNodeFolders().sort());
	});

	it.each(nodes.map((node) => [node.name, node] as const))(
		'%s: every Operation option has an executor',
		(_, node) => {
			const offered = offeredKeys(node.properties);
			expect(offered.length).toBeGreaterThan(0);
			const missing = offered.filter((key) => typeof node.operations[key] !== 'function');
			expect(missing).toEqual([]);
			expect(Object.keys(node.operations).sort()).toEqual([...new Set(offered)].sort());
		},
	);
});
