import type { IBinaryKeyData, IExecuteFunctions } from 'n8n-workflow';

import { toOutputBinary } from '../../shared/media/binary';
import { toSrt, toVtt, type SubtitleEntry } from '../../shared/media/subtitles';
import type { Transcript } from './transcript';

/** The extra files a user can ask for next to the always-present SubRip subtitles. */
export type ExtraFile = 'vtt' | 'json';

export const SUBTITLES_FIELD = 'subtitles';
export const VTT_FIELD = 'subtitlesVtt';
export const JSON_FIELD = 'transcriptJson';

/**
 * The output binaries: `subtitles` (.srt, application/x-subrip) always; `subtitlesVtt` (.vtt,
 * text/vtt) and `transcriptJson` (MiniMax's verbose JSON answer as received) on request. Named
 * after the input file: "interview.mp4" → "interview.srt".
 */
export async function transcriptFiles(
	ctx: IExecuteFunctions,
	transcript: Transcript,
	raw: unknown,
	sourceName: string,
	extras: ExtraFile[],
): Promise<IBinaryKeyData> {
	const base = sourceName.replace(/\.[^./]*$/, '') || 'transcript';
	const entries: SubtitleEntry[] = transcript.segments.map((segment) => ({
		text:
			segment.speaker && (transcript.speakers ?? 0) > 1
				? `[${segment.speaker}] ${segment.text}`
				: segment.text,
		time_begin: segment.start * 1000,
		time_end: segment.end * 1000,
	}));
	const binary: IBinaryKeyData = {
		[SUBTITLES_FIELD]: await toOutputBinary(ctx, Buffer.from(toSrt(entries), 'utf8'), {
			fileName: `${base}.srt`,
			mimeType: 'application/x-subrip',
			fileType: 'text',
			extension: 'srt',
		}),
	};
	if (extras.includes('vtt')) {
		binary[VTT_FIELD] = await toOutputBinary(ctx, Buffer.from(toVtt(entries), 'utf8'), {
			fileName: `${base}.vtt`,
			mimeType: 'text/vtt',
			extension: 'vtt',
		});
	}
	if (extras.includes('json')) {
		binary[JSON_FIELD] = await toOutputBinary(
			ctx,
			Buffer.from(JSON.stringify(raw, null, 2), 'utf8'),
			{ fileName: `${base}.transcript.json`, mimeType: 'application/json', extension: 'json' },
		);
	}
	return binary;
}
