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

export function galleryWorkflow(types: ExportedNodeType[]): { workflow: WorkflowJson; nodes: GalleryNode[] } {
	const nodes: WorkflowNode[] = types.map((type, index) => {
		const versions = Array.isArray(type.version) ? type.version : [type.version];
		const node: WorkflowNode = {
			id: randomUUID(),
			name: type.displayName,
			type: type.name,
			typeVersion: Math.max(...versions),
			parameters: {},
		};
		(node as WorkflowNode & { position: number[] }).position = [(index % 4) * 260, Math.floor(index / 4) * 200];
		if (type.credentials?.some((credential) => credential.name === CREDENTIAL_TYPE)) {
			node.credentials = { [CREDENTIAL_TYPE]: { id: CREDENTIAL_ID, name: CREDENTIAL_NAME } };
		}
		if (type.group?.includes('trigger')) node.webhookId = randomUUID();
		return node;
	});
	return {
		workflow: { id: GALLERY_ID, name: 'MiniMax nodes (editor check)', nodes, connections: {}, settings: { executionOrder: 'v1' } },
		nodes: nodes.map(({ id, name, type }) => ({ id, name, type })),
	};
}
