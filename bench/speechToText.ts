import axios from 'axios';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

import { runWorkflow } from '../test/harness';
import { SANDBOX_KEYS } from '../test/sandbox';
import { sineWav } from '../test/support/audioSamples';
import { workflowOf } from '../test/workflows/helpers';
import { credentials, round, type BenchFigure } from './common';
import { startExternalSandbox } from './externalSandbox';
import { peakRssGrowth } from './rss';

const MB = 1000 * 1000;
const SIZE_BYTES = 45 * MB;

/** A 45 MB WAV file (a real header, then pseudo-random samples) on disk. */
function writeAudio(dir: string, bytes: number): string {
	const data = Buffer.alloc(bytes);
	sineWav(1).copy(data);
	data.writeUInt32LE(bytes - 8, 4);
	data.writeUInt32LE(bytes - 44, 40);
	for (let i = 44; i + 4 <= bytes; i += 4) data.writeUInt32LE((i * 2654435761) >>> 0, i);
	const path = join(dir, 'podcast.wav');
	writeFileSync(path, data);
	return path;
}

/**
 * Benchmark 7: Speech to Text of a 45 MB audio file from n8n's filesystem binary mode. The file is
 * read from disk into n8n's binary storage by the start node (streamed), then Transcribe streams it
 * into the multipart upload. The sandbox runs in its own process, so only the client side counts.
 */
export async function speechToTextUpload(): Promise<BenchFigure[]> {
	const sandbox = await startExternalSandbox();
	const dir = mkdtempSync(join(tmpdir(), 'stt-bench-'));
	try {
		const node = { type: 'n8n-nodes-minimax.miniMaxSpeechToText', parameters: {} };
		const item = (filePath: string) => [
			{ json: {}, binary: { data: { filePath, fileName: 'podcast.wav', mimeType: 'audio/wav' } } },
		];
		const small = join(dir, 'warm.wav');
		writeFileSync(small, sineWav(2));
		const warm = await runWorkflow(workflowOf(node, item(small)), {
			credentials: credentials(sandbox),
		});
		if (warm.status !== 'success') throw warm.error;

		const path = writeAudio(dir, SIZE_BYTES);
		const started = performance.now();
		const streamed = await peakRssGrowth(async () => {
			const run = await runWorkflow(workflowOf(node, item(path)), {
				credentials: credentials(sandbox),
				binaryMode: 'filesystem',
				timeoutMs: 10 * 60_000,
			});
			if (run.status !== 'success') throw run.error;
			return run.output('MiniMax')[0];
		});
		const seconds = (performance.now() - started) / 1000;
		if (streamed.result.json.fileSize !== SIZE_BYTES) throw new Error('wrong upload size');

		// For comparison: the same file sent the way the shared in-memory upload does (Buffer → Blob → FormData).
		const buffered = await peakRssGrowth(async () => {
			const data = readFileSync(path);
			const form = new FormData();
			form.append('model', 'asr-1.0');
			form.append('file', new Blob([data], { type: 'audio/wav' }), 'podcast.wav');
			const response = await axios.post(`${sandbox.url}/v1/speech_to_text`, form, {
				headers: { Authorization: `Bearer ${SANDBOX_KEYS.global}` },
			});
			return response.data as { text: string };
		});
		const ratio = streamed.growthBytes / SIZE_BYTES;
		return [
			{
				bench: 'speech-to-text',
				metric: 'peak RSS growth / file size, 45 MB WAV from filesystem binary mode',
				value: round(ratio, 3),
				unit: 'ratio',
				target: '≤ 1.5',
				pass: ratio <= 1.5,
				note: `${round(streamed.growthBytes / 1024 / 1024, 1)} MiB growth for ${SIZE_BYTES / MB} MB (load into binary storage + transcribe) in ${round(seconds, 1)} s; sandbox in its own process`,
			},
			{
				bench: 'speech-to-text',
				metric:
					'peak RSS growth / file size, the same file as an in-memory Blob (FormData + axios)',
				value: round(buffered.growthBytes / SIZE_BYTES, 3),
				unit: 'ratio',
				note: `${round(buffered.growthBytes / 1024 / 1024, 1)} MiB; for comparison`,
			},
		];
	} finally {
		rmSync(dir, { recursive: true, force: true });
		await sandbox.close();
	}
}
