import type { IBinaryData, IPollFunctions, IWebhookFunctions } from 'n8n-workflow';

import { downloadSignedUrl } from '../transport/download';
import { retrieveDownloadUrl } from '../files/retrieve';

/** Downloads a finished video (fresh link from files/retrieve for v1 file IDs) without the API key. */
export async function downloadFinishedVideo(
	ctx: IWebhookFunctions | IPollFunctions,
	source: { fileId?: string; videoUrl?: string; name: string },
): Promise<IBinaryData | undefined> {
	const file = { fileName: `${source.name}.mp4`, mimeType: 'video/mp4', extension: 'mp4' };
	const urlOnlyOption =
		'"Download Video" turned off (the item keeps the file ID; a MiniMax Video node can download it later)';
	if (source.fileId) {
		const fileId = source.fileId;
		const retrieved = await retrieveDownloadUrl(ctx, 0, fileId);
		return await downloadSignedUrl(ctx, {
			url: retrieved.downloadUrl,
			file,
			itemIndex: 0,
			what: 'the video',
			urlOnlyOption,
			refreshUrl: async () => (await retrieveDownloadUrl(ctx, 0, fileId)).downloadUrl,
		});
	}
	if (source.videoUrl)
		return await downloadSignedUrl(ctx, {
			url: source.videoUrl,
			file,
			itemIndex: 0,
			what: 'the video',
			urlOnlyOption,
		});
	return undefined;
}
