import { randomUUID } from 'crypto';

import { CREDENTIAL_ID } from './credential';
import { CREDENTIAL_NAME, CREDENTIAL_TYPE, type WorkflowJson, type WorkflowNode } from './examples';

/**
 * A workflow holding one node of every type the package registers (with the "MiniMax account"
 * credential), so the editor check can open each node's parameter panel at /workflow/<id>/<nodeId>.
 */

export const GALLERY_ID = 'mmxE2eNodeGallery01';

export interface ExportedNodeType {
	name: string;
	displayName: string;
	version: number | number[];
	credentials?: Array<{ name: string }>;
	group?: string[];
	usableAsTool?: boolean;
	properties: Array<{ name: string; type: string; displayName: string }>;
}

export interface GalleryNode {
	id: string;
	name: string;
	type: string;
}

export function galleryWorkflow(types: ExportedNodeType[]): {
	workflow: WorkflowJson;
	nodes: GalleryNode[];
} {
	const nodes: WorkflowNode[] = types.map((type, index) => {
		const versions = Array.isArray(type.version) ? type.version : [type.version];
		const node: WorkflowNode = {
			id: randomUUID(),
			name: type.displayName,
			type: type.name,
			typeVersion: Math.max(...versions),
			parameters: {},
		};
		(node as WorkflowNode & { position: number[] }).position = [
			(index % 4) * 260,
			Math.floor(index / 4) * 200,
		];
		if (type.credentials?.some((credential) => credential.name === CREDENTIAL_TYPE)) {
			node.credentials = { [CREDENTIAL_TYPE]: { id: CREDENTIAL_ID, name: CREDENTIAL_NAME } };
		}
		if (type.group?.includes('trigger')) node.webhookId = randomUUID();
		return node;
	});
	return {
		workflow: {
			id: GALLERY_ID,
			name: 'MiniMax nodes (editor check)',
			nodes,
			connections: {},
			settings: { executionOrder: 'v1' },
		},
		nodes: nodes.map(({ id, name, type }) => ({ id, name, type })),
	};
}

export const CANVAS_ID = 'mmxE2eCanvasSubtitles1';

/** A canvas node and the subtitle the editor must show under its name. */
export interface CanvasCase {
	name: string;
	subtitle: string;
}

/**
 * A workflow whose nodes are set to operations other than the defaults, so the canvas check can read
 * each node's subtitle as the real editor renders it ("Generate Long Speech", not "generateLong").
 */
export function canvasWorkflow(packageName: string): {
	workflow: WorkflowJson;
	cases: CanvasCase[];
} {
	const entries: Array<[string, string, Record<string, unknown>, string]> = [
		['Speech', 'miniMaxTextToSpeech', {}, 'Generate Speech'],
		['Long speech', 'miniMaxTextToSpeech', { operation: 'generateLong' }, 'Generate Long Speech'],
		['Hailuo video', 'miniMaxVideo', {}, 'Generate Video'],
		[
			'From template',
			'miniMaxVideo',
			{ resource: 'template', operation: 'generate' },
			'Generate From Template',
		],
		[
			'H3 status',
			'miniMaxVideo',
			{ resource: 'h3', operation: 'getTask' },
			'Get MiniMax-H3 Task Status',
		],
		['Files', 'miniMaxFiles', { operation: 'list' }, 'Get Many Files'],
		['Cloned voices', 'miniMaxVoiceClone', { operation: 'list' }, 'List Cloned Voices'],
		['Lyrics', 'miniMaxMusic', { operation: 'generateLyrics' }, 'Generate Lyrics'],
		['Chat', 'miniMaxChat', {}, 'MiniMax-M2.7'],
		[
			'Batch results',
			'miniMaxChat',
			{ resource: 'batch', operation: 'getResults' },
			'Get Batch Results',
		],
	];
	const nodes = entries.map(([name, type, parameters], index) => {
		const node: WorkflowNode & { position: number[] } = {
			id: randomUUID(),
			name,
			type: `${packageName}.${type}`,
			typeVersion: 1,
			parameters,
			position: [(index % 4) * 300, Math.floor(index / 4) * 220],
			credentials: { [CREDENTIAL_TYPE]: { id: CREDENTIAL_ID, name: CREDENTIAL_NAME } },
		};
		return node;
	});
	return {
		workflow: {
			id: CANVAS_ID,
			name: 'MiniMax canvas subtitles (editor check)',
			nodes,
			connections: {},
			settings: { executionOrder: 'v1' },
		},
		cases: entries.map(([name, , , subtitle]) => ({ name, subtitle })),
	};
}
