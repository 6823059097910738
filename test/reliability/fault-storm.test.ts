import { readBinary } from '../harness';
import type { RequestLogEntry } from '../sandbox';
import { apiRequests, downloads, runOk, tts, useSandbox } from '../workflows/helpers';

const sandbox = useSandbox({ timeScale: 200, seed: 7 });

const MAX_RETRIES = 8;
// Pacing on (6,000 requests per minute: 10.5 ms apart); rate-limit refusals pause the family and are retried without using up Max Retries.
const STORM = {
	concurrency: 8,
	maxRetries: MAX_RETRIES,
	retryDelayMs: 5,
	pollIntervalSeconds: 0.05,
	requestsPerMinute: 6000,
};

/** A refusal for a rate limit (1002 or HTTP 429): waited out, not counted against Max Retries. */
const isRefusal = (entry: RequestLogEntry) => entry.fault === 'rate_limit' || entry.status === 429;

/** ~30 % of matching requests fail, spread over the transient kinds MiniMax and its CDN produce. */
function storm(
	path: string | RegExp,
	kinds: Array<'rate_limit' | '429' | '500' | 'reset' | 'reset_mid_body' | 'expired_url'>,
): void {
	const share = 1 - Math.pow(0.7, 1 / kinds.length); // independent draws that add up to 30 %
	for (const kind of kinds) {
		if (kind === '429')
			sandbox().faults.add({
				path,
				kind: 'http_status',
				status: 429,
				retryAfter: 1,
				probability: share,
				times: Infinity,
			});
		else if (kind === '500')
			sandbox().faults.add({
				path,
				kind: 'http_status',
				status: 500,
				probability: share,
				times: Infinity,
			});
		else sandbox().faults.add({ path, kind, probability: share, times: Infinity });
	}
}

function countBy(
	entries: RequestLogEntry[],
	key: (entry: RequestLogEntry) => string,
): Map<string, number> {
	const counts = new Map<string, number>();
	for (const entry of entries) counts.set(key(entry), (counts.get(key(entry)) ?? 0) + 1);
	return counts;
}

const textOf = (entry: RequestLogEntry) => String((entry.body as { text?: string })?.text);

describe('fault storm', () => {
	it('200 speech items survive 30 % transient faults with nothing billed twice and bounded retries', async () => {
		// Synthesis is retried on faults that stop it before any work; a reset after the work started would bill twice.
		storm('/v1/t2a_v2', ['rate_limit', '429', '500', 'reset']);
		const items = Array.from({ length: 200 }, (_, i) => ({
			json: { text: `Storm item ${i + 1}.` },
		}));
		const outputs = await runOk(sandbox(), tts({ text: '={{ $json.text }}', options: STORM }), {
			items,
			timeoutMs: 120_000,
		});

		expect(outputs).toHaveLength(200);
		expect(outputs.every((item) => item.binary?.data.mimeType === 'audio/mpeg')).toBe(true);
		expect(outputs.map((item) => item.pairedItem)).toEqual(items.map((_, item) => ({ item })));
		const requests = apiRequests(sandbox(), '/v1/t2a_v2');
		const faulted = requests.filter((entry) => entry.fault);
		expect(faulted.length / requests.length).toBeGreaterThan(0.2);
		expect(new Set(faulted.map((entry) => entry.fault))).toEqual(
			new Set(['rate_limit', 'http_status', 'reset']),
		);

		const billed = countBy(
			requests.filter((entry) => entry.billable),
			textOf,
		);
		expect(billed.size).toBe(200);
		expect([...billed.values()].every((count) => count === 1)).toBe(true);
		const attempts = countBy(
			requests.filter((entry) => !isRefusal(entry)),
			textOf,
		);
		expect(Math.max(...attempts.values())).toBeLessThanOrEqual(MAX_RETRIES + 1);
		const refusals = requests.filter(isRefusal).length;
		console.log(
			`storm (speech): ${requests.length} requests for 200 items, ${faulted.length} faults injected (${refusals} rate-limit refusals), max attempts per item ${Math.max(...attempts.values())}`,
		);
	}, 120_000);

	it('20 long-speech jobs survive faults on every step, each job created exactly once', async () => {
		storm('/v1/t2a_async_v2', ['rate_limit', '429']);
		storm(/^\/v1\/(query\/t2a_async_query_v2|files\/retrieve)$/, [
			'rate_limit',
			'429',
			'500',
			'reset',
			'reset_mid_body',
		]);
		storm(/^\/dl\//, ['500', 'reset_mid_body', 'expired_url']);
		const items = Array.from({ length: 20 }, (_, i) => ({
			json: { text: `Long storm chapter ${i + 1}. It has two sentences.` },
		}));
		const outputs = await runOk(
			sandbox(),
			tts({ operation: 'generateLong', text: '={{ $json.text }}', options: STORM }),
			{ items, timeoutMs: 120_000 },
		);

		expect(outputs).toHaveLength(20);
		for (const item of outputs) {
			expect(item.binary?.data.mimeType).toBe('audio/mpeg');
			expect((await readBinary(item.binary!.data)).length).toBeGreaterThan(1000);
		}
		const creates = apiRequests(sandbox(), '/v1/t2a_async_v2');
		const jobs = countBy(
			creates.filter((entry) => entry.billable),
			textOf,
		);
		expect(jobs.size).toBe(20);
		expect([...jobs.values()].every((count) => count === 1)).toBe(true);
		const faultedDownloads = downloads(sandbox()).filter((entry) => entry.fault);
		expect(faultedDownloads.length).toBeGreaterThan(0);
		console.log(
			`storm (long speech): ${sandbox().log.length} requests, ${sandbox().log.filter((e) => e.fault).length} faults injected (${faultedDownloads.length} on downloads)`,
		);
	}, 120_000);
});

describe('fault storm (video)', () => {
	it('20 videos survive faults on create, polls, file lookups and downloads, each task created exactly once', async () => {
		storm('/v1/video_generation', ['rate_limit', '429']);
		storm(/^\/v1\/(query\/video_generation|files\/retrieve)$/, [
			'rate_limit',
			'429',
			'500',
			'reset',
			'reset_mid_body',
		]);
		storm(/^\/dl\//, ['500', 'reset_mid_body', 'expired_url']);
		const items = Array.from({ length: 20 }, (_, i) => ({
			json: { prompt: `Storm video ${i + 1}: waves on a beach` },
		}));
		const node = {
			type: 'n8n-nodes-minimax.miniMaxVideo',
			parameters: { prompt: '={{ $json.prompt }}', options: STORM },
		};
		const outputs = await runOk(sandbox(), node, { items, timeoutMs: 120_000 });

		expect(outputs).toHaveLength(20);
		expect(outputs.every((item) => item.binary?.data.mimeType === 'video/mp4')).toBe(true);
		expect(outputs.map((item) => item.pairedItem)).toEqual(items.map((_, item) => ({ item })));
		const creates = apiRequests(sandbox(), '/v1/video_generation');
		const promptOf = (entry: RequestLogEntry) =>
			String((entry.body as { prompt?: string })?.prompt);
		const jobs = countBy(
			creates.filter((entry) => entry.billable),
			promptOf,
		);
		expect(jobs.size).toBe(20);
		expect([...jobs.values()].every((count) => count === 1)).toBe(true);
		expect(
			Math.max(
				...countBy(
					creates.filter((entry) => !isRefusal(entry)),
					promptOf,
				).values(),
			),
		).toBeLessThanOrEqual(MAX_RETRIES + 1);
		const faults = sandbox().log.filter((entry) => entry.fault);
		expect(new Set(faults.map((entry) => entry.kind))).toEqual(new Set(['api', 'download']));
		console.log(
			`storm (video): ${sandbox().log.length} requests, ${faults.length} faults injected (${faults.filter((e) => e.kind === 'download').length} on downloads)`,
		);
	}, 120_000);
});

describe('nothing lost', () => {
	it('N inputs with K failing give N outputs in order, K error items paired, with concurrency', async () => {
		const items = Array.from({ length: 30 }, (_, i) => ({
			json: { text: i % 5 === 2 ? '' : `Item ${i}.` },
		}));
		sandbox().faults.add({
			path: '/v1/t2a_v2',
			kind: 'base_resp',
			code: 1026,
			message: 'input new_sensitive',
			times: 3,
		});
		const outputs = await runOk(
			sandbox(),
			{
				...tts({ text: '={{ $json.text }}', options: { concurrency: 4, retryDelayMs: 5 } }),
				onError: 'continueRegularOutput',
			},
			{ items },
		);
		expect(outputs).toHaveLength(30);
		expect(outputs.map((item) => item.pairedItem)).toEqual(items.map((_, item) => ({ item })));
		const failed = outputs.filter((item) => item.json.error);
		expect(failed).toHaveLength(6 + 3);
		for (const [index, item] of outputs.entries()) {
			if (index % 5 === 2)
				expect(item.json.error).toMatch(new RegExp(`"Text" for item ${index}: it is empty`));
		}
	});
});
