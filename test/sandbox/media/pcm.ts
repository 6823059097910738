/**
 * Tone synthesis on a frame grid. Audio is a sequence of frames (1152 samples at >= 32 kHz,
 * 576 below: the MP3 frame sizes), each either silence or a tone with a whole number of
 * cycles per frame. Whole cycles keep every frame identical for a given note, so MP3 frames can
 * be encoded once and reused, and durations are identical in every output format.
 */

export interface Note {
	/** Whole sine cycles per frame. */
	cycles: number;
	/** Amplitude step 1..18 (x 0.05 of full scale). */
	level: number;
}

/** A run of identical frames; note null = silence. */
export interface FrameRun {
	note: Note | null;
	frames: number;
}

export interface PcmLayout {
	sampleRate: number;
	channels: number;
}

export function samplesPerFrame(sampleRate: number): number {
	return sampleRate >= 32000 ? 1152 : 576;
}

export function cyclesFor(hz: number, sampleRate: number): number {
	const spf = samplesPerFrame(sampleRate);
	return Math.max(1, Math.min(Math.floor(spf / 8), Math.round((hz * spf) / sampleRate)));
}

export function noteKey(note: Note | null): string {
	return note ? `${note.cycles}:${note.level}` : 'silence';
}

const frameCache = new Map<string, Buffer>();

/** One frame of s16le interleaved PCM. */
export function pcmFrame(note: Note | null, layout: PcmLayout): Buffer {
	const key = `${layout.sampleRate}/${layout.channels}/${noteKey(note)}`;
	const cached = frameCache.get(key);
	if (cached) return cached;
	const spf = samplesPerFrame(layout.sampleRate);
	const frame = Buffer.alloc(spf * layout.channels * 2);
	if (note) {
		const amplitude = 32767 * 0.05 * note.level;
		for (let n = 0; n < spf; n++) {
			const phase = (2 * Math.PI * note.cycles * n) / spf;
			// A little second harmonic so it sounds less like a test tone.
			const value = Math.round(amplitude * (0.8 * Math.sin(phase) + 0.2 * Math.sin(2 * phase)));
			for (let c = 0; c < layout.channels; c++)
				frame.writeInt16LE(value, (n * layout.channels + c) * 2);
		}
	}
	frameCache.set(key, frame);
	return frame;
}

export function totalFrames(runs: readonly FrameRun[]): number {
	return runs.reduce((sum, run) => sum + run.frames, 0);
}

/** Raw s16le interleaved samples for the runs. */
export function renderPcm(runs: readonly FrameRun[], layout: PcmLayout): Buffer {
	const parts: Buffer[] = [];
	for (const run of runs) {
		const frame = pcmFrame(run.note, layout);
		for (let i = 0; i < run.frames; i++) parts.push(frame);
	}
	return Buffer.concat(parts);
}
