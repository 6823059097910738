import type { INodeProperties } from 'n8n-workflow';

import type { Operation } from '../../shared/router';
import * as h3Download from './h3/download.operation';
import * as h3Generate from './h3/generate.operation';
import * as h3GetTask from './h3/getTask.operation';
import * as templateDownload from './template/download.operation';
import * as templateGenerate from './template/generate.operation';
import * as templateGetTask from './template/getTask.operation';
import * as videoDownload from './video/download.operation';
import * as videoGenerate from './video/generate.operation';
import * as videoGetTask from './video/getTask.operation';

/** Keyed "<resource>.<operation>". */
export const operations: Record<string, Operation> = {
	'video.generate': videoGenerate.execute,
	'video.getTask': videoGetTask.execute,
	'video.download': videoDownload.execute,
	'template.generate': templateGenerate.execute,
	'template.getTask': templateGetTask.execute,
	'template.download': templateDownload.execute,
	'h3.generate': h3Generate.execute,
	'h3.getTask': h3GetTask.execute,
	'h3.download': h3Download.execute,
};

const resourceProperty: INodeProperties = {
	displayName: 'Resource',
	name: 'resource',
	type: 'options',
	noDataExpression: true,
	default: 'video',
	options: [
		{ name: 'Video', value: 'video', description: 'Hailuo and 01-series models: text, image, first and last frame, subject reference' },
		{ name: 'Video Template', value: 'template', description: 'Video Agent templates filled with your texts and images' },
		{ name: 'MiniMax-H3 Video', value: 'h3', description: 'The multimodal MiniMax-H3 model (text, images, video and audio references)' },
	],
};

const videoOperations: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['video'] } },
	default: 'generate',
	options: [
		{
			name: 'Generate Video',
			value: 'generate',
			action: 'Generate a video',
			description: 'Create a video from a prompt and/or images (billed per video); wait for it or get the task ID',
		},
		{ name: 'Get Task Status', value: 'getTask', action: 'Get the status of a video task', description: 'Check a video task; gives a fresh download link when it is done' },
		{ name: 'Download Video', value: 'download', action: 'Download a video', description: 'Download a finished video by task ID or file ID (always a fresh link)' },
	],
};

const templateOperations: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['template'] } },
	default: 'generate',
	options: [
		{
			name: 'Generate From Template',
			value: 'generate',
			action: 'Generate a video from a template',
			description: 'Fill a video template with texts and images (billed per video); wait for it or get the task ID',
		},
		{ name: 'Get Template Task Status', value: 'getTask', action: 'Get the status of a template task', description: 'Check a template task' },
		{ name: 'Download Template Video', value: 'download', action: 'Download a template video', description: 'Download a finished template video (always a fresh link)' },
	],
};

const h3Operations: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['h3'] } },
	default: 'generate',
	options: [
		{
			name: 'Generate MiniMax-H3 Video',
			value: 'generate',
			action: 'Generate an H3 video',
			description: 'Create a video with MiniMax-H3 from a prompt and optional media (billed per second); wait for it or get the task ID',
		},
		{ name: 'Get MiniMax-H3 Task Status', value: 'getTask', action: 'Get the status of an H3 task', description: 'Check a MiniMax-H3 task' },
		{ name: 'Download MiniMax-H3 Video', value: 'download', action: 'Download an H3 video', description: 'Download a finished MiniMax-H3 video (always a fresh link)' },
	],
};

export const properties: INodeProperties[] = [
	resourceProperty,
	videoOperations,
	templateOperations,
	h3Operations,
	...videoGenerate.description,
	...videoGetTask.description,
	...videoDownload.description,
	...templateGenerate.description,
	...templateGetTask.description,
	...templateDownload.description,
	...h3Generate.description,
	...h3GetTask.description,
	...h3Download.description,
];
