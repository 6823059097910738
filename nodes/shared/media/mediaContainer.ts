/**
 * Recognises audio and video containers by their first bytes (magic numbers), so a file of the
 * wrong kind is refused before it is uploaded and billed. Needs at most the first 12 bytes.
 */

export interface MediaContainer {
	/** Short name, also the file extension used when the input has none: "mp3", "mp4", … */
	format: 'mp3' | 'wav' | 'aiff' | 'flac' | 'ogg' | 'webm' | 'mp4' | 'aac';
	mimeType: string;
	/** What it is, for messages: "MP4/M4A/MOV". */
	label: string;
	/** File extensions that name this container correctly, the usual one first. */
	extensions: readonly string[];
}

const CONTAINERS: Record<MediaContainer['format'], Omit<MediaContainer, 'format'>> = {
	mp3: { mimeType: 'audio/mpeg', label: 'MP3', extensions: ['mp3'] },
	wav: { mimeType: 'audio/wav', label: 'WAV', extensions: ['wav'] },
	aiff: { mimeType: 'audio/aiff', label: 'AIFF', extensions: ['aiff', 'aif'] },
	flac: { mimeType: 'audio/flac', label: 'FLAC', extensions: ['flac'] },
	ogg: { mimeType: 'audio/ogg', label: 'Ogg (Opus/Vorbis)', extensions: ['ogg', 'opus'] },
	webm: { mimeType: 'video/webm', label: 'WebM/Matroska', extensions: ['webm', 'mkv'] },
	mp4: { mimeType: 'video/mp4', label: 'MP4/M4A/MOV', extensions: ['mp4', 'm4a', 'mov'] },
	aac: { mimeType: 'audio/aac', label: 'AAC (ADTS)', extensions: ['aac'] },
};

/** The containers sniffMediaContainer knows, in words: "MP3, WAV, FLAC, …". */
export const MEDIA_CONTAINER_NAMES = Object.values(CONTAINERS)
	.map((container) => container.label)
	.join(', ');

/** The container of a file from its first bytes; undefined when it is none of the known ones. */
export function sniffMediaContainer(head: Buffer): MediaContainer | undefined {
	const format = formatOf(head);
	return format ? { format, ...CONTAINERS[format] } : undefined;
}

function formatOf(head: Buffer): MediaContainer['format'] | undefined {
	const ascii = (start: number, end: number) => head.toString('latin1', start, end);
	if (head.length >= 12 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WAVE') return 'wav';
	if (head.length >= 12 && ascii(0, 4) === 'FORM' && /^AIF[FC]$/.test(ascii(8, 12))) return 'aiff';
	if (head.length >= 4 && ascii(0, 4) === 'fLaC') return 'flac';
	if (head.length >= 4 && ascii(0, 4) === 'OggS') return 'ogg';
	if (head.length >= 4 && head.readUInt32BE(0) === 0x1a45dfa3) return 'webm';
	if (head.length >= 12 && ascii(4, 8) === 'ftyp') return 'mp4';
	if (head.length >= 3 && ascii(0, 3) === 'ID3') return 'mp3';
	// ADTS AAC: sync word 0xFFF with layer bits 00; MPEG audio frames: 11 sync bits, layer ≠ 00.
	if (head.length >= 2 && head[0] === 0xff && (head[1] & 0xf6) === 0xf0) return 'aac';
	if (head.length >= 2 && head[0] === 0xff && (head[1] & 0xe0) === 0xe0 && (head[1] & 0x06) !== 0)
		return 'mp3';
	return undefined;
}

/** MIME types of the extensions that name another flavour of their container. */
const EXTENSION_MIME: Record<string, string> = {
	m4a: 'audio/mp4',
	mov: 'video/quicktime',
	mkv: 'video/x-matroska',
	opus: 'audio/ogg',
	aif: 'audio/aiff',
};

/**
 * The file name and MIME type to upload a file under: its name kept when the extension fits the
 * content, otherwise the container's usual extension (services that read the format from the name
 * refuse Telegram's `.oga`, a browser's `.weba` or an M4A saved as `.wav`); the MIME type always
 * follows the content, never the input's (often `application/octet-stream`).
 */
export function uploadIdentity(
	container: MediaContainer,
	fileName: string,
): { fileName: string; mimeType: string } {
	const match = /^(.*?)(?:\.([a-z0-9]{1,5}))?$/i.exec(fileName);
	const base = match?.[1] || 'media';
	const extension = match?.[2]?.toLowerCase();
	if (extension && container.extensions.includes(extension))
		return { fileName, mimeType: EXTENSION_MIME[extension] ?? container.mimeType };
	return { fileName: `${base}.${container.extensions[0]}`, mimeType: container.mimeType };
}
