import { parseByteSize } from '../../media/mp4';
import type { VideoFailure } from './store';

/**
 * Test markers in prompts (and template text inputs):
 * - `[[sandbox:fail]]` → the task ends as Fail with base_resp 1027 (generated video flagged);
 *   `[[sandbox:fail:<message>]]` → Fail with base_resp 0 and `<message>` as status_msg;
 * - `[[sandbox:size=220MB]]` → the finished video is served padded to that size (a real MP4 plus a
 *   zero-filled `free` box), streamed, never held in memory.
 * The model sees the text without markers.
 */

export const VIDEO_FAIL_MARKER = '[[sandbox:fail]]';

const MARKER = /\[\[sandbox:([^\]]*)\]\]/g;

export interface VideoMarkers {
	failure?: VideoFailure;
	sizeBytes?: number;
	/** The text without markers. */
	text: string;
}

export function readMarkers(text: string): VideoMarkers {
	const markers: VideoMarkers = {
		text: text
			.replace(MARKER, ' ')
			.replace(/\s{2,}/g, ' ')
			.trim(),
	};
	for (const [, body] of text.matchAll(MARKER)) {
		if (body === 'fail')
			markers.failure = { code: 1027, message: 'generated video contains sensitive content' };
		else if (body.startsWith('fail:'))
			markers.failure = { code: 0, message: body.slice(5).trim() || 'video generation failed' };
		else if (body.startsWith('size=')) markers.sizeBytes = parseByteSize(body.slice(5));
	}
	return markers;
}
