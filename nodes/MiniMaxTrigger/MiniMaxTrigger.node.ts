import { NodeConnectionTypes } from 'n8n-workflow';
import type {
	IDataObject,
	IHookFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import {
	maxRetriesOption,
	outputFieldOption,
	readCommonOptions,
	retryDelayOption,
} from '../shared/descriptions/options';
import { downloadFinishedVideo } from '../shared/video/finishedVideo';
import { confirmFinishedTask, type TaskType } from './helpers/verifyTask';

const TERMINAL_WORDS = [
	'success',
	'succeeded',
	'failed',
	'fail',
	'cancelled',
	'canceled',
	'expired',
];
const REMEMBERED_TASKS = 200;

export class MiniMaxTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'MiniMax Video Callback Trigger',
		name: 'miniMaxTrigger',
		icon: { light: 'file:../../icons/minimax.svg', dark: 'file:../../icons/minimax.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: 'On finished video task',
		description:
			"Starts the workflow when a MiniMax video task that was given this trigger's URL as its callback URL finishes (webhook; needs a public n8n URL)",
		defaults: { name: 'MiniMax Video Callback Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'miniMaxApi', required: true }],
		webhooks: [
			{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'minimax-callback' },
		],
		properties: [
			{
				displayName:
					'Use the Production URL above as the Callback URL of a MiniMax Video node (Wait Mode "Submit With Callback URL"). Add ?secret=YOUR_SECRET to it when you set a secret below. MiniMax must be able to reach your n8n.',
				name: 'notice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Task Types',
				name: 'taskTypes',
				type: 'multiOptions',
				default: ['video', 'template', 'h3'],
				options: [
					{ name: 'Video (Hailuo, V1)', value: 'video' },
					{ name: 'Video Template', value: 'template' },
					{ name: 'MiniMax-H3 (V2)', value: 'h3' },
				],
				description: 'Which kinds of tasks to confirm with MiniMax before the workflow starts',
			},
			{
				displayName: 'Include Failed Tasks',
				name: 'includeFailed',
				type: 'boolean',
				default: true,
				description:
					'Whether failed tasks also start the workflow (with status "Fail" and MiniMax\'s reason)',
			},
			{
				displayName: 'Download Video',
				name: 'download',
				type: 'boolean',
				default: false,
				description:
					'Whether to download the finished video as a binary (MP4) before the workflow starts',
			},
			{
				displayName: 'Secret',
				name: 'secret',
				type: 'string',
				typeOptions: { password: true },
				default: '',
				description:
					'When set, only callbacks whose URL carries ?secret= with this value are accepted',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [maxRetriesOption, outputFieldOption, retryDelayOption],
			},
		],
	};

	// MiniMax has no webhook registration API: the URL is handed to each task as its callback_url.
	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const secret = String(this.getNodeParameter('secret', '') ?? '');
		const query = this.getQueryData() as IDataObject;
		if (secret && query.secret !== secret) {
			const response = this.getResponseObject();
			response.status(403).json({ error: 'invalid secret' });
			return { noWebhookResponse: true };
		}

		const body = (this.getBodyData() ?? {}) as IDataObject;
		// The handshake MiniMax sends when a task is created: echo it within 3 s.
		if (typeof body.challenge === 'string' && body.task_id === undefined) {
			return { webhookResponse: { challenge: body.challenge } };
		}
		const taskId = body.task_id === undefined || body.task_id === null ? '' : String(body.task_id);
		const word = String(body.status ?? '').toLowerCase();
		if (!taskId || !TERMINAL_WORDS.includes(word)) return { webhookResponse: { received: true } };

		const state = this.getWorkflowStaticData('node') as { emittedTaskIds?: string[] };
		const emitted = state.emittedTaskIds ?? [];
		if (emitted.includes(taskId)) return { webhookResponse: { received: true, duplicate: true } };

		const { outputField } = readCommonOptions(this.getNodeParameter('options', {}) as IDataObject);
		const types = this.getNodeParameter('taskTypes', ['video', 'template', 'h3']) as TaskType[];
		const task = await confirmFinishedTask(this, taskId, types);
		if (!task) {
			this.logger.warn(
				`MiniMax Video Callback Trigger ignored a callback for task ${taskId}: MiniMax does not report it as finished`,
			);
			return { webhookResponse: { received: true } };
		}
		state.emittedTaskIds = [...emitted, taskId].slice(-REMEMBERED_TASKS);
		if (!task.succeeded && !(this.getNodeParameter('includeFailed', true) as boolean)) {
			return { webhookResponse: { received: true } };
		}

		const item: INodeExecutionData = {
			json: {
				taskId: task.taskId,
				taskType: task.taskType,
				status: task.status,
				fileId: task.fileId,
				videoUrl: task.videoUrl,
				width: task.width,
				height: task.height,
				failureReason: task.succeeded ? undefined : (task.message ?? 'MiniMax gave no reason'),
				...task.details,
				callbackStatus: body.status,
			},
		};
		for (const key of Object.keys(item.json))
			if (item.json[key] === undefined) delete item.json[key];
		if (task.succeeded && (this.getNodeParameter('download', false) as boolean)) {
			const video = await downloadFinishedVideo(this, {
				fileId: task.fileId,
				videoUrl: task.videoUrl,
				name: `minimax-${task.taskId}`,
			});
			if (video) item.binary = { [outputField]: video };
		}
		return { webhookResponse: { received: true }, workflowData: [[item]] };
	}
}
