import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { pollUntilDone, type PollSettings } from '../transport/polling';
import type { InputValidator } from '../validation';
import { miniMaxCodeOf, TASK_FAILURE_CODES, withTaskId } from './taskErrors';

/**
 * The three ways a Generate operation can wait for a video: poll in this execution (default),
 * return the task at once, or return it and let MiniMax POST status changes to a callback URL
 * (e.g. a MiniMax Trigger's webhook).
 */

export type WaitMode = 'wait' | 'submit' | 'callback';

export interface WaitSettings {
	mode: WaitMode;
	callbackUrl?: string;
}

export const waitModeProperties: INodeProperties[] = [
	{
		displayName: 'Wait Mode',
		name: 'waitMode',
		type: 'options',
		default: 'wait',
		options: [
			{
				name: 'Wait for the Video',
				value: 'wait',
				description:
					'Poll until the video is ready and return it (this execution stays busy up to the wait timeout in the options)',
			},
			{
				name: 'Submit Only',
				value: 'submit',
				description: 'Return the task ID at once; fetch the video later with Get Task Status or Download Video',
			},
			{
				name: 'Submit With Callback URL',
				value: 'callback',
				description: 'Return the task ID at once; MiniMax POSTs every status change to the callback URL (e.g. a MiniMax Trigger)',
			},
		],
	},
	{
		displayName: 'Callback URL',
		name: 'callbackUrl',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'https://n8n.example.com/webhook/…',
		displayOptions: { show: { waitMode: ['callback'] } },
		description:
			'A public URL that answers MiniMax\'s challenge within 3 s and then receives the status updates, such as the webhook URL of a MiniMax Trigger node',
	},
];

export function readWaitSettings(ctx: IExecuteFunctions, itemIndex: number, check: InputValidator): WaitSettings {
	const mode = check.oneOf('Wait Mode', ctx.getNodeParameter('waitMode', itemIndex, 'wait'), ['wait', 'submit', 'callback'] as WaitMode[]);
	if (mode !== 'callback') return { mode };
	const url = check.text('Callback URL', String(ctx.getNodeParameter('callbackUrl', itemIndex, '') ?? '').trim(), { min: 1 });
	if (!/^https?:\/\/[^\s/]+\S*$/i.test(url)) check.fail('Callback URL', `"${url}" is not an http(s) URL`);
	return { mode, callbackUrl: url };
}

/** The item a Generate operation returns when it does not wait. */
export function submittedItem(itemIndex: number, wait: WaitSettings, json: IDataObject, nextStep: string): INodeExecutionData {
	const next =
		wait.mode === 'callback'
			? `MiniMax will POST status changes to the callback URL. ${nextStep}`
			: nextStep;
	const item: IDataObject = { ...json, status: 'Submitted', waitMode: wait.mode, callbackUrl: wait.callbackUrl, next };
	for (const key of Object.keys(item)) if (item[key] === undefined) delete item[key];
	return { json: item, pairedItem: { item: itemIndex } };
}

export interface TaskWait<T> {
	itemIndex: number;
	taskId: string;
	/** "video task", "video template task", "MiniMax-H3 task". */
	label: string;
	resumeHint: string;
	query: () => Promise<T>;
	statusOf: (value: T) => string | undefined;
	successStatuses: string[];
	failureStatuses: string[];
	onFailure: (value: T, status: string) => Error;
}

/**
 * Polls a task; every error names the task ID. Errors that leave the task running (timeout, cancel,
 * a failed query) also say how to pick it up again; a task that failed has nothing to pick up.
 */
export async function waitForTask<T>(ctx: IExecuteFunctions, poll: PollSettings, wait: TaskWait<T>): Promise<T> {
	let failure: Error | undefined;
	try {
		return await pollUntilDone(ctx, poll, {
			itemIndex: wait.itemIndex,
			query: wait.query,
			statusOf: wait.statusOf,
			successStatuses: wait.successStatuses,
			failureStatuses: wait.failureStatuses,
			onFailure: (value, status) => (failure = wait.onFailure(value, status)),
			taskLabel: `${wait.label} ${wait.taskId}`,
			resumeHint: wait.resumeHint,
		});
	} catch (error) {
		const code = miniMaxCodeOf(error);
		const taskFailed = error === failure || (code !== undefined && TASK_FAILURE_CODES.has(code));
		const hint = taskFailed ? '' : `${wait.resumeHint.charAt(0).toUpperCase()}${wait.resumeHint.slice(1)}.`;
		throw withTaskId(error, wait.taskId, hint);
	}
}
