import axios from 'axios';

import { SANDBOX_KEYS } from '../test/sandbox';
import { median, round, timedRun, tts, type BenchFigure } from './common';
import { startExternalSandbox } from './externalSandbox';

const RUNS = 5;
// Stereo 44.1 kHz WAV: ~176 kB of audio per second, ~60 ms of speech per character → ~25 MB of audio, ~50 MB of hex.
const TEXT = 'A long narration for the hex benchmark. '.repeat(60);

/** Benchmark 4: a ~50 MB hex TTS response through the node vs JSON.parse + Buffer.from(hex) alone. */
export async function largeHexAudio(): Promise<BenchFigure[]> {
	const sandbox = await startExternalSandbox();
	try {
		const body = {
			model: 'speech-2.8-hd',
			text: TEXT,
			voice_setting: { voice_id: 'English_expressive_narrator', speed: 1, vol: 1, pitch: 0 },
			audio_setting: { sample_rate: 44100, bitrate: 128000, format: 'wav', channel: 2 },
			stream: false,
			output_format: 'hex',
		};
		const raw = await axios.post(`${sandbox.url}/v1/t2a_v2`, body, {
			headers: { Authorization: `Bearer ${SANDBOX_KEYS.global}` },
			responseType: 'text',
			transformResponse: (x) => x,
		});
		const text = raw.data as string;
		const baselines: number[] = [];
		for (let i = 0; i < RUNS; i++) {
			const started = performance.now();
			const parsed = JSON.parse(text) as { data: { audio: string } };
			Buffer.from(parsed.data.audio, 'hex');
			baselines.push(performance.now() - started);
		}
		// The same response fetched without parsing: what any client pays for the server and the transfer.
		const fetches: number[] = [];
		for (let i = 0; i < RUNS; i++) {
			const started = performance.now();
			await axios.post(`${sandbox.url}/v1/t2a_v2`, body, {
				headers: { Authorization: `Bearer ${SANDBOX_KEYS.global}` },
				responseType: 'arraybuffer',
			});
			fetches.push(performance.now() - started);
		}
		const node = tts({ text: TEXT, options: { format: 'wav', sampleRate: 44100, channels: 2 } });
		await timedRun(sandbox, node);
		const runs: number[] = [];
		for (let i = 0; i < RUNS; i++) runs.push(await timedRun(sandbox, node));
		const hexMb = text.length / 1024 / 1024;
		const nodeTime = median(runs);
		const fetchTime = median(fetches);
		const baseline = median(baselines);
		const ownRatio = (nodeTime - fetchTime) / baseline;
		const wholeRatio = nodeTime / (fetchTime + baseline);
		return [
			{
				bench: 'hex',
				metric: "node's own time (workflow − plain fetch) / (JSON.parse + Buffer.from(hex))",
				value: round(ownRatio, 2),
				unit: 'ratio',
				target: '≤ 2×',
				pass: ownRatio <= 2,
				note: `${round(hexMb, 1)} MB of hex; whole workflow ${Math.round(nodeTime)} ms, plain fetch of the same response ${Math.round(fetchTime)} ms, parse + decode ${Math.round(baseline)} ms`,
			},
			{
				bench: 'hex',
				metric: 'whole workflow / (plain fetch + JSON.parse + Buffer.from(hex))',
				value: round(wholeRatio, 2),
				unit: 'ratio',
				note: 'the same comparison with the transfer counted on both sides',
			},
		];
	} finally {
		await sandbox.close();
	}
}
