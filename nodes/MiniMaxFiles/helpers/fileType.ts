import { sniffAudio } from '../../shared/media/audioInfo';
import type { OutputFile } from '../../shared/media/binary';
import { sniffImage } from '../../shared/media/imageInfo';

const BY_EXTENSION: Record<string, string> = {
	mp3: 'audio/mpeg',
	m4a: 'audio/mp4',
	wav: 'audio/wav',
	flac: 'audio/flac',
	pcm: 'audio/pcm',
	txt: 'text/plain',
	srt: 'application/x-subrip',
	json: 'application/json',
	zip: 'application/zip',
	tar: 'application/x-tar',
	mp4: 'video/mp4',
	mov: 'video/quicktime',
	jpg: 'image/jpeg',
	jpeg: 'image/jpeg',
	png: 'image/png',
	webp: 'image/webp',
	gif: 'image/gif',
};

/** Formats recognised by their first bytes; an extension-less or mislabelled file gets these. */
function sniff(head: Buffer): { extension: string; mimeType: string } | undefined {
	const image = sniffImage(head);
	if (image) return { extension: image.extension, mimeType: image.mimeType };
	if (head.length >= 4 && head.readUInt32LE(0) === 0x04034b50)
		return { extension: 'zip', mimeType: BY_EXTENSION.zip };
	if (head.length >= 262 && head.toString('ascii', 257, 262) === 'ustar')
		return { extension: 'tar', mimeType: BY_EXTENSION.tar };
	if (head.length >= 4 && head.toString('ascii', 0, 4) === 'fLaC')
		return { extension: 'flac', mimeType: BY_EXTENSION.flac };
	const audio = sniffAudio(head);
	// MP4 and M4A share the "ftyp" box; the extension tells them apart.
	if (audio && audio.format !== 'm4a')
		return { extension: audio.format, mimeType: BY_EXTENSION[audio.format] };
	return undefined;
}

/**
 * Name and type of a downloaded file: MiniMax's file name and its extension's type; a name without
 * a known extension is typed (and completed) from the file's first bytes.
 */
export function downloadedFileType(fileName: string, head: Buffer): OutputFile {
	const dot = fileName.lastIndexOf('.');
	const extension = dot > 0 ? fileName.slice(dot + 1).toLowerCase() : '';
	if (BY_EXTENSION[extension]) return { fileName, mimeType: BY_EXTENSION[extension], extension };
	const sniffed = sniff(head);
	if (sniffed)
		return {
			fileName: `${fileName || 'file'}.${sniffed.extension}`,
			mimeType: sniffed.mimeType,
			extension: sniffed.extension,
		};
	return {
		fileName: fileName || 'file',
		mimeType: 'application/octet-stream',
		extension: extension || 'bin',
	};
}
