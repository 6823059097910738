import { createServer, type Server } from 'http';
import type { AddressInfo } from 'net';

import type { IDataObject } from 'n8n-workflow';

import { base64, encodedTone } from '../../support/audioSamples';

/** What the Music workflow tests share: the node type, node builders, reference songs, a file host. */

export const MUSIC_TYPE = 'n8n-nodes-minimax.miniMaxMusic';

export const LYRICS =
	'[Verse]\nStreetlights flicker\nOn the empty road\n[Chorus]\nWalking home alone';
/** 2 tags × 1 s + 3 sung lines × 2 s in the sandbox. */
export const LYRICS_SECONDS = 8;

type OnError = 'continueRegularOutput';

export function music(parameters: IDataObject, onError?: OnError) {
	return { type: MUSIC_TYPE, parameters: { operation: 'generate', ...parameters }, onError };
}

export function cover(parameters: IDataObject, onError?: OnError) {
	return {
		type: MUSIC_TYPE,
		parameters: { operation: 'cover', prompt: 'Jazz, piano trio', ...parameters },
		onError,
	};
}

export function lyricsNode(parameters: IDataObject, onError?: OnError) {
	return {
		type: MUSIC_TYPE,
		parameters: { operation: 'generateLyrics', ...parameters },
		onError,
	};
}

export function prepareCover(parameters: IDataObject = {}, onError?: OnError) {
	return { type: MUSIC_TYPE, parameters: { operation: 'prepareCover', ...parameters }, onError };
}

/** An input item carrying a reference song of `seconds` as the binary field `data`. */
export const song = (
	seconds: number,
	format: 'mp3' | 'm4a' = 'mp3',
	fileName = `original.${format}`,
) => ({
	json: {},
	binary: {
		data: {
			base64: base64(encodedTone(seconds, format)),
			fileName,
			mimeType: format === 'mp3' ? 'audio/mpeg' : 'audio/mp4',
		},
	},
});

/** Serves `body` at a local URL for the duration of `test` (a public link MiniMax downloads). */
export async function withServer(
	body: Buffer,
	contentType: string,
	test: (url: string) => Promise<void>,
): Promise<void> {
	const server: Server = createServer((_req, res) => {
		res.writeHead(200, { 'content-type': contentType });
		res.end(body);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	try {
		await test(`http://127.0.0.1:${(server.address() as AddressInfo).port}/songs/original.mp3`);
	} finally {
		server.closeAllConnections();
		await new Promise((resolve) => server.close(resolve));
	}
}
