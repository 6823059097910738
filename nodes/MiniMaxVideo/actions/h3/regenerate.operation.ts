import { NodeApiError, NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { binaryFieldProperty, urlFieldProperty } from '../../../shared/descriptions/fileSource';
import { miniMaxCodeOf } from '../../../shared/transport/taskErrors';
import { InputValidator } from '../../../shared/validation';
import { createH3Task, h3Json, h3Video, waitForH3Task } from '../../../shared/video/h3';
import { finishedVideoItem } from '../../../shared/video/output';
import { fileReference, mediaUrl } from '../../helpers/h3Media';
import { generateOptions, readVideoOptions } from '../../helpers/options';
import { readId } from '../../helpers/taskInput';
import { readWaitSettings, submittedItem, waitModeProperties } from '../../helpers/waitMode';

const MAX_PROMPT_CHARS = 7000;
const fromVideo = { regenerateFrom: ['video'] };
const ACCESS_HINT =
	'Regenerate at 2K takes an unmodified MiniMax-H3 768P video of this account from the last 7 days (by task ID), or that video with the exact prompt it was made with. MiniMax may not have enabled regeneration for every account: if the message speaks of permission, ask MiniMax support to enable it.';

const properties: INodeProperties[] = [
	{
		displayName: 'Regenerate From',
		name: 'regenerateFrom',
		type: 'options',
		default: 'task',
		options: [
			{
				name: 'Source Task ID',
				value: 'task',
				description: 'A MiniMax-H3 768P task of this account that succeeded in the last 7 days',
			},
			{
				name: 'Video (768P MiniMax-H3 Result)',
				value: 'video',
				description:
					'The 768P video itself (binary, URL or uploaded file) and the prompt it was made with',
			},
		],
	},
	{
		displayName: 'Source Task ID',
		name: 'sourceTaskId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 424010985738629',
		displayOptions: { show: { regenerateFrom: ['task'] } },
		description: 'The task ID of the 768P MiniMax-H3 video to upscale',
	},
	{
		displayName: 'Video Source',
		name: 'videoSource',
		type: 'options',
		default: 'binary',
		displayOptions: { show: fromVideo },
		options: [
			{
				name: 'Binary File From Input',
				value: 'binary',
				description: 'The 768P MP4 from an earlier node (up to 50 MB)',
			},
			{
				name: 'Uploaded File (Files API)',
				value: 'file',
				description: 'The 768P MP4 uploaded with the MiniMax Files node, by its file ID',
			},
			{
				name: 'URL',
				value: 'url',
				description: 'A public link to the 768P MP4 (or an mm_file:// reference)',
			},
		],
	},
	binaryFieldProperty({
		displayName: 'Video Binary Field',
		name: 'binaryPropertyNameVideo',
		what: 'the 768P video',
		description: 'The 768P MiniMax-H3 MP4 to upscale',
		show: { ...fromVideo, videoSource: ['binary'] },
	}),
	urlFieldProperty({
		displayName: 'Video URL',
		name: 'videoUrl',
		placeholder: 'https://example.com/h3-768p.mp4',
		description: 'A public link to the 768P MiniMax-H3 MP4',
		show: { ...fromVideo, videoSource: ['url'] },
	}),
	{
		displayName: 'File ID',
		name: 'videoFileId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 313992866418884',
		displayOptions: { show: { ...fromVideo, videoSource: ['file'] } },
		description: 'The Files API ID of the uploaded 768P MP4 (sent as an mm_file:// reference)',
	},
	{
		displayName: 'Prompt',
		name: 'prompt',
		type: 'string',
		default: '',
		required: true,
		typeOptions: { rows: 4 },
		displayOptions: { show: fromVideo },
		description: 'The exact prompt the 768P video was made with (MiniMax requires it)',
	},
	...waitModeProperties,
	generateOptions(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['h3'], operation: ['regenerate'] } },
	properties,
);

/**
 * POST /v2/video_regeneration (docs/minimax-api.md §17.2): a 2K version of an unmodified MiniMax-H3
 * 768P result, by `source_task_id` or a `base_video` content item. The new task (task_type
 * "regeneration") is waited for, submitted or reported by callback like any generation.
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const check = new InputValidator(this.getNode(), itemIndex);
	const options = readVideoOptions(this.getNodeParameter('options', itemIndex, {}) as IDataObject);
	const from = check.oneOf('Regenerate From', this.getNodeParameter('regenerateFrom', itemIndex), [
		'task',
		'video',
	] as const);
	const body: IDataObject = { model: 'MiniMax-H3' };
	let prompt = '';
	let sourceTaskId: string | undefined;
	if (from === 'task') {
		sourceTaskId = readId(
			check,
			'Source Task ID',
			this.getNodeParameter('sourceTaskId', itemIndex),
		);
		body.source_task_id = sourceTaskId;
	} else {
		prompt = check
			.text('Prompt', this.getNodeParameter('prompt', itemIndex, ''), {
				min: 1,
				max: MAX_PROMPT_CHARS,
			})
			.trim();
		const url = await videoUrl(this, itemIndex, check);
		body.content = [
			{ type: 'text', text: prompt },
			{ type: 'video_url', video_url: { url }, role: 'base_video' },
		];
	}
	const wait = readWaitSettings(this, itemIndex, check);
	if (wait.callbackUrl) body.callback_url = wait.callbackUrl;

	let task;
	try {
		task = await createH3Task(this, itemIndex, body, '/v2/video_regeneration');
	} catch (error) {
		throw withAccessHint(error);
	}
	const described: IDataObject = {
		taskId: task.taskId,
		sourceTaskId,
		model: 'MiniMax-H3',
		taskType: 'regeneration',
		resolution: '2K',
		traceId: task.traceId,
	};
	if (sourceTaskId === undefined) delete described.sourceTaskId;
	if (wait.mode !== 'wait') {
		return [
			submittedItem(
				itemIndex,
				wait,
				described,
				`Use "Get MiniMax-H3 Task Status" or "Download MiniMax-H3 Video" with task ID ${task.taskId} to get the 2K video.`,
			),
		];
	}
	const done = await waitForH3Task(this, itemIndex, task.taskId, options.common.poll);
	const video = h3Video(this, itemIndex, done, {
		nameFrom: prompt || undefined,
		fallbackName: `video-${task.taskId}-2k`,
		json: { ...described, ...h3Json(done), status: done.status },
	});
	return [await finishedVideoItem(this, itemIndex, video, options.output)];
}

/** The base_video URL: a data URL of the input binary, a public URL, or mm_file://<file_id>. */
async function videoUrl(
	ctx: IExecuteFunctions,
	itemIndex: number,
	check: InputValidator,
): Promise<string> {
	const source = check.oneOf(
		'Video Source',
		ctx.getNodeParameter('videoSource', itemIndex, 'binary'),
		['binary', 'url', 'file'] as const,
	);
	if (source === 'file')
		return fileReference(check, 'File ID', ctx.getNodeParameter('videoFileId', itemIndex, ''));
	const value = ctx.getNodeParameter(
		source === 'binary' ? 'binaryPropertyNameVideo' : 'videoUrl',
		itemIndex,
		'',
	);
	if (source === 'url' && /^mm_file:\/\//i.test(String(value).trim()))
		return fileReference(check, 'Video URL', value);
	const parameter = source === 'binary' ? 'Video Binary Field' : 'Video URL';
	return await mediaUrl(ctx, itemIndex, check, parameter, source, value, 'video');
}

/** 2013 / permission refusals of a regeneration get a hint on what MiniMax accepts. */
function withAccessHint(error: unknown): unknown {
	if (!(error instanceof NodeApiError) && !(error instanceof NodeOperationError)) return error;
	const code = miniMaxCodeOf(error);
	const httpCode = error instanceof NodeApiError ? error.httpCode : undefined;
	if (code !== 2013 && httpCode !== '403' && !/permission/i.test(error.message)) return error;
	error.description = error.description ? `${error.description} ${ACCESS_HINT}` : ACCESS_HINT;
	return error;
}
