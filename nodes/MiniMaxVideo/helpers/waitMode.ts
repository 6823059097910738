import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import type { InputValidator } from '../../shared/validation';

/**
 * The three ways a Generate operation can wait for a video: poll in this execution (default),
 * return the task at once, or return it and let MiniMax POST status changes to a callback URL
 * (e.g. a MiniMax Video Callback Trigger's webhook).
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
				description:
					'Return the task ID at once; fetch the video later with Get Task Status or Download Video',
			},
			{
				name: 'Submit With Callback URL',
				value: 'callback',
				description:
					'Return the task ID at once; MiniMax POSTs every status change to the callback URL (e.g. a MiniMax Video Callback Trigger)',
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
			"A public URL that answers MiniMax's challenge within 3 s and then receives the status updates, such as the webhook URL of a MiniMax Video Callback Trigger node",
	},
];

export function readWaitSettings(
	ctx: IExecuteFunctions,
	itemIndex: number,
	check: InputValidator,
): WaitSettings {
	const mode = check.oneOf('Wait Mode', ctx.getNodeParameter('waitMode', itemIndex, 'wait'), [
		'wait',
		'submit',
		'callback',
	] as WaitMode[]);
	if (mode !== 'callback') return { mode };
	const url = check.text(
		'Callback URL',
		String(ctx.getNodeParameter('callbackUrl', itemIndex, '') ?? '').trim(),
		{ min: 1 },
	);
	if (!/^https?:\/\/[^\s/]+\S*$/i.test(url))
		check.fail('Callback URL', `"${url}" is not an http(s) URL`);
	return { mode, callbackUrl: url };
}

/** The item a Generate operation returns when it does not wait. */
export function submittedItem(
	itemIndex: number,
	wait: WaitSettings,
	json: IDataObject,
	nextStep: string,
): INodeExecutionData {
	const next =
		wait.mode === 'callback'
			? `MiniMax will POST status changes to the callback URL. ${nextStep}`
			: nextStep;
	const item: IDataObject = {
		...json,
		status: 'Submitted',
		waitMode: wait.mode,
		callbackUrl: wait.callbackUrl,
		next,
	};
	for (const key of Object.keys(item)) if (item[key] === undefined) delete item[key];
	return { json: item, pairedItem: { item: itemIndex } };
}
