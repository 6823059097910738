import type { IDataObject, INode } from 'n8n-workflow';

const PACED_NODE = /^n8n-nodes-minimax\.miniMax(?!.*(Trigger|ChatModel|Embeddings)$)/;

/**
 * The sandbox has no rate limits unless a test sets them (`sandbox.limits`), so workflow runs
 * turn the node's request pacing off (Requests per Minute = 0) where the workflow does not set
 * it: the published per-family limits (video 5 RPM, music 6 RPM, …) would only slow the suite.
 * `RunOptions.pacing: 'defaults'` keeps the nodes' real defaults (the e2e suite always does).
 */
export function withPacingOff(nodes: INode[]): void {
	for (const node of nodes) {
		if (!PACED_NODE.test(node.type)) continue;
		const options = (node.parameters.options ?? {}) as IDataObject;
		if (typeof options !== 'object' || Array.isArray(options) || 'requestsPerMinute' in options)
			continue;
		node.parameters.options = { ...options, requestsPerMinute: 0 };
	}
}
