import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';

import { REPO_ROOT } from './install';

/** The workflows in examples/, as users import them. */

export const EXAMPLES_DIR = join(REPO_ROOT, 'examples');
export const CREDENTIAL_NAME = 'MiniMax account';
export const CREDENTIAL_TYPE = 'miniMaxApi';

export interface WorkflowNode {
	id: string;
	name: string;
	type: string;
	typeVersion: number;
	parameters: Record<string, unknown>;
	credentials?: Record<string, { id: string | null; name: string }>;
	webhookId?: string;
}

export interface WorkflowJson {
	id: string;
	name: string;
	nodes: WorkflowNode[];
	connections: Record<string, unknown>;
	[key: string]: unknown;
}

export interface Example {
	file: string;
	workflow: WorkflowJson;
	/**
	 * How it starts: a Manual Trigger (`n8n execute`), n8n's Webhook node (called on a live n8n), or another
	 * trigger (e.g. the MiniMax Video Callback Trigger, fed by a companion example on a live n8n).
	 */
	trigger: 'manual' | 'webhook' | 'other';
	/** `<package>.<node>` types it uses. */
	packageTypes: string[];
}

export function loadExamples(): Example[] {
	return readdirSync(EXAMPLES_DIR)
		.filter((file) => file.endsWith('.json'))
		.sort()
		.map((file) => {
			const workflow = JSON.parse(readFileSync(join(EXAMPLES_DIR, file), 'utf8')) as WorkflowJson;
			const types = workflow.nodes.map((node) => node.type);
			return {
				file,
				workflow,
				trigger: types.includes('n8n-nodes-base.manualTrigger')
					? 'manual'
					: types.includes('n8n-nodes-base.webhook')
						? 'webhook'
						: 'other',
				packageTypes: [...new Set(types.filter((type) => type.startsWith('n8n-nodes-minimax.')))],
			} satisfies Example;
		});
}

export function exampleByFile(file: string): Example {
	const example = loadExamples().find((candidate) => candidate.file === file);
	if (!example) throw new Error(`examples/${file} does not exist`);
	return example;
}

export function nodeByName(workflow: WorkflowJson, name: string): WorkflowNode {
	const node = workflow.nodes.find((candidate) => candidate.name === name);
	if (!node) throw new Error(`workflow "${workflow.name}" has no node "${name}"`);
	return node;
}

export function webhookPath(workflow: WorkflowJson): string {
	const hook = workflow.nodes.find((node) => node.type === 'n8n-nodes-base.webhook');
	if (!hook) throw new Error(`workflow "${workflow.name}" has no Webhook node`);
	return String(hook.parameters.path);
}
