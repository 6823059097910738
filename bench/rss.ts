/** Peak resident memory of this process while a job runs, sampled every 10 ms, as growth over the start. */
export async function peakRssGrowth<T>(
	job: () => Promise<T>,
): Promise<{ result: T; growthBytes: number }> {
	if (global.gc) global.gc();
	const baseline = process.memoryUsage().rss;
	let peak = baseline;
	const timer = setInterval(() => {
		peak = Math.max(peak, process.memoryUsage().rss);
	}, 10);
	try {
		const result = await job();
		peak = Math.max(peak, process.memoryUsage().rss);
		return { result, growthBytes: peak - baseline };
	} finally {
		clearInterval(timer);
	}
}
