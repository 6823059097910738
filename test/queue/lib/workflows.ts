import { CREDENTIAL_ID } from '../../e2e/lib/credential';
import {
	CREDENTIAL_NAME,
	exampleByFile,
	type WorkflowJson,
	type WorkflowNode,
} from '../../e2e/lib/examples';

/**
 * The workflows the queue-mode test runs besides the examples: each starts with a production Webhook
 * (served by the webhook processor, run by a worker) or a polling trigger (run by the main process).
 */

export const VIDEO_TYPE = 'n8n-nodes-minimax.miniMaxVideo';
export const SECOND_CREDENTIAL = { id: 'queueSandboxB', name: 'MiniMax sandbox B' };

const credential = (
	which: { id: string; name: string } = { id: CREDENTIAL_ID, name: CREDENTIAL_NAME },
) => ({ miniMaxApi: which });

/** A fixed webhook ID per path: n8n serves a Webhook node without one under `<workflow id>/<node name>/<path>`. */
const WEBHOOK_IDS: Record<string, string> = {
	'queue-video-batch': '5a0c1e2d-0b1a-4c6e-9f00-000000000001',
	'queue-large-video': '5a0c1e2d-0b1a-4c6e-9f00-000000000002',
	'queue-video-submit': '5a0c1e2d-0b1a-4c6e-9f00-000000000003',
};

function webhookNode(path: string, responseData: 'allEntries' | 'firstEntryJson'): WorkflowNode {
	return {
		webhookId: WEBHOOK_IDS[path],
		id: `${path}-hook`,
		name: 'Webhook',
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2.1,
		position: [0, 0],
		parameters: { httpMethod: 'POST', path, responseMode: 'lastNode', responseData, options: {} },
	} as WorkflowNode;
}

function videoNode(prompt: string, options: Record<string, unknown> = {}): WorkflowNode {
	return {
		id: 'video',
		name: 'Generate the video',
		type: VIDEO_TYPE,
		typeVersion: 1,
		position: [400, 0],
		parameters: {
			resource: 'video',
			operation: 'generate',
			mode: 'textToVideo',
			model: 'MiniMax-Hailuo-2.3',
			prompt,
			duration: 6,
			resolution: '768P',
			waitMode: 'wait',
			options: { pollIntervalSeconds: 0.5, ...options },
		},
		credentials: credential(),
	} as WorkflowNode;
}

const link = (from: string, to: string) => ({
	[from]: { main: [[{ node: to, type: 'main', index: 0 }]] },
});

/** POST {"prompts": [...]} → one video per prompt (Wait for the Video, MP4 into binary storage) → the items as JSON. */
export const BATCH_PATH = 'queue-video-batch';
export function videoBatchWorkflow(): WorkflowJson {
	return {
		id: 'queueVideoBatch01',
		name: 'Queue test: video batch',
		nodes: [
			webhookNode(BATCH_PATH, 'allEntries'),
			{
				id: 'split',
				name: 'One item per prompt',
				type: 'n8n-nodes-base.splitOut',
				typeVersion: 1,
				position: [200, 0],
				parameters: {
					fieldToSplitOut: 'body.prompts',
					include: 'noOtherFields',
					options: { destinationFieldName: 'prompt' },
				},
			} as WorkflowNode,
			// The sandbox sets no rate limit: pacing off, so the figure measures the workers, not the 5 RPM default.
			videoNode('={{ $json.prompt }}', { requestsPerMinute: 0 }),
		],
		connections: {
			...link('Webhook', 'One item per prompt'),
			...link('One item per prompt', 'Generate the video'),
		},
		settings: { executionOrder: 'v1' },
	};
}

/** POST {"prompt": "… [[sandbox:size=300MB]]"} → one video into binary storage → its JSON. */
export const LARGE_PATH = 'queue-large-video';
export function largeVideoWorkflow(): WorkflowJson {
	return {
		id: 'queueLargeVideo01',
		name: 'Queue test: large video',
		nodes: [
			webhookNode(LARGE_PATH, 'firstEntryJson'),
			videoNode('={{ $json.body.prompt }}', { pollIntervalSeconds: 0.2, maxRetries: 1 }),
		],
		connections: link('Webhook', 'Generate the video'),
		settings: { executionOrder: 'v1' },
	};
}

/** The MiniMax Video Polling Trigger (polling every minute on main, downloading each video) on the second sandbox; a worker saves each MP4. */
export function pollingTriggerWorkflow(): WorkflowJson {
	return {
		id: 'queuePollVideos01',
		name: 'Queue test: polling Video Trigger',
		nodes: [
			{
				id: 'poll',
				name: 'New video',
				type: 'n8n-nodes-minimax.miniMaxVideoTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: { pollTimes: { item: [{ mode: 'everyMinute' }] }, download: true, options: {} },
				credentials: credential(SECOND_CREDENTIAL),
			} as WorkflowNode,
			// Runs on a worker and reads the MP4 the trigger stored on the main process (n8n-io/n8n#5138).
			{
				id: 'save',
				name: 'Save to disk',
				type: 'n8n-nodes-base.readWriteFile',
				typeVersion: 1.1,
				position: [240, 0],
				parameters: {
					operation: 'write',
					fileName: '=.n8n-files/polled-{{ $json.fileId }}.mp4',
					dataPropertyName: 'data',
					options: {},
				},
			} as WorkflowNode,
		],
		connections: link('New video', 'Save to disk'),
		settings: { executionOrder: 'v1' },
	};
}

/**
 * examples/video-submit-with-callback.json started by a Webhook instead of the Manual Trigger (so it runs
 * on a worker too), with the user's one setting, their n8n's public URL, set to the webhook processor.
 */
export const SUBMIT_PATH = 'queue-video-submit';
export function submitWithCallbackWorkflow(publicUrl: string): WorkflowJson {
	const workflow = JSON.parse(
		JSON.stringify(exampleByFile('video-submit-with-callback.json').workflow),
	) as WorkflowJson;
	const start = workflow.nodes.find((node) => node.type === 'n8n-nodes-base.manualTrigger');
	if (!start) throw new Error('video-submit-with-callback.json has no Manual Trigger');
	Object.assign(start, webhookNode(SUBMIT_PATH, 'firstEntryJson'), {
		id: start.id,
		name: start.name,
		position: [0, 0],
	});
	const settings = workflow.nodes.find((node) => node.name === 'Settings')!;
	const { assignments } = settings.parameters.assignments as {
		assignments: Array<{ name: string; value: string }>;
	};
	assignments.find((assignment) => assignment.name === 'n8nUrl')!.value = publicUrl;
	workflow.id = 'queueVideoSubmit01';
	workflow.name = `${workflow.name} (queue test, webhook start)`;
	return workflow;
}
