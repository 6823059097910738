import { NodeConnectionTypes } from 'n8n-workflow';
import type {
	IDataObject,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';

import {
	maxRetriesOption,
	outputFieldOption,
	readCommonOptions,
	retryDelayOption,
} from '../shared/descriptions/options';
import { downloadFinishedVideo } from '../shared/video/finishedVideo';
import {
	listGeneratedVideos,
	newSince,
	type GeneratedVideo,
	type PollCursor,
} from './helpers/generatedVideos';

export class MiniMaxVideoTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'MiniMax Video Polling Trigger',
		name: 'miniMaxVideoTrigger',
		icon: { light: 'file:../../icons/minimax.svg', dark: 'file:../../icons/minimax.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: 'On new generated video',
		description:
			'Starts the workflow for each new video your MiniMax account finishes, found by polling on a schedule (no public URL needed)',
		defaults: { name: 'MiniMax Video Polling Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'miniMaxApi', required: true }],
		properties: [
			{
				displayName:
					"Checks your account's generated videos on the Poll Times schedule above and emits each new one once. The first activation only remembers what already exists.",
				name: 'notice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Download Video',
				name: 'download',
				type: 'boolean',
				default: false,
				description: 'Whether to download each new video as a binary (MP4)',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Max Videos per Poll',
						name: 'maxPerPoll',
						type: 'number',
						default: 20,
						typeOptions: { minValue: 1, maxValue: 500, numberPrecision: 0 },
						description: 'Videos beyond this wait for the next poll, oldest first',
					},
					maxRetriesOption,
					outputFieldOption,
					retryDelayOption,
				],
			},
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const options = this.getNodeParameter('options', {}) as IDataObject;
		const { outputField } = readCommonOptions(options);
		const download = this.getNodeParameter('download', false) as boolean;
		const videos = await listGeneratedVideos(this);

		if (this.getMode() === 'manual') {
			const newest = videos[videos.length - 1];
			return newest ? [[await toItem(this, newest, download, outputField)]] : null;
		}
		const state = this.getWorkflowStaticData('node') as PollCursor;
		if (!state.initialized) {
			Object.assign(state, newSince(videos, {}).next);
			return null;
		}
		const { fresh } = newSince(videos, state);
		const batch = fresh.slice(0, Math.max(1, Number(options.maxPerPoll ?? 20)));
		if (!batch.length) return null;
		const items: INodeExecutionData[] = [];
		for (const video of batch) items.push(await toItem(this, video, download, outputField));
		// Advance only past what was emitted, so a capped poll continues where it stopped.
		Object.assign(state, newSince(batch, state).next);
		return [items];
	}
}

async function toItem(
	ctx: IPollFunctions,
	video: GeneratedVideo,
	download: boolean,
	outputField: string,
): Promise<INodeExecutionData> {
	const item: INodeExecutionData = {
		json: {
			fileId: video.fileId,
			fileName: video.fileName,
			createdAt: new Date(video.createdAt * 1000).toISOString(),
			createdAtUnix: video.createdAt,
			bytes: video.bytes,
		},
	};
	if (download) {
		const binary = await downloadFinishedVideo(ctx, {
			fileId: video.fileId,
			name: `minimax-video-${video.fileId}`,
		});
		if (binary) item.binary = { [outputField]: binary };
	}
	return item;
}
