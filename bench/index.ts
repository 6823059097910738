import type { BenchFigure } from './common';
import { batchThroughput } from './batch';
import { largeHexAudio } from './hexAudio';
import { largeDownload } from './largeDownload';
import { rateLimitedBatch } from './rateLimit';
import { requestOverhead } from './overhead';
import { speechToTextUpload } from './speechToText';
import { videoWaiting } from './videoWait';

const BENCHES: Record<string, () => Promise<BenchFigure[]>> = {
	batch: batchThroughput,
	download: largeDownload,
	overhead: requestOverhead,
	hex: largeHexAudio,
	'video-wait': videoWaiting,
	'rate-limit': rateLimitedBatch,
	'speech-to-text': speechToTextUpload,
};

async function main(): Promise<void> {
	const selected = process.argv.slice(2).filter((arg) => !arg.startsWith('-'));
	const names = selected.length ? selected : Object.keys(BENCHES);
	const figures: BenchFigure[] = [];
	for (const name of names) {
		const bench = BENCHES[name];
		if (!bench)
			throw new Error(`unknown benchmark "${name}"; known: ${Object.keys(BENCHES).join(', ')}`);
		console.log(`running ${name}…`);
		const result = await bench();
		for (const figure of result)
			console.log(
				`  ${figure.metric}: ${figure.value} ${figure.unit} (target ${figure.target ?? '-'}) ${figure.pass === false ? 'MISSED' : 'ok'} — ${figure.note ?? ''}`,
			);
		figures.push(...result);
	}
	console.log(
		'\n| Benchmark | Metric | Value | Target | Met | Notes |\n| --- | --- | --- | --- | --- | --- |',
	);
	for (const f of figures) {
		console.log(
			`| ${f.bench} | ${f.metric} | ${f.value} ${f.unit === 'ratio' ? '' : f.unit} | ${f.target ?? ''} | ${f.pass === undefined ? '' : f.pass ? 'yes' : 'no'} | ${f.note ?? ''} |`,
		);
	}
}

main().then(
	() => process.exit(0),
	(error) => {
		console.error(error);
		process.exit(1);
	},
);
