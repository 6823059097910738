import {
	configureRateLimits,
	familyOfPath,
	pacerFor,
	pacerSettingsFor,
	RequestPacer,
} from '../../nodes/shared/transport/rateLimiter';
import { describePaidWork } from '../../nodes/shared/transport/paidWork';
import { RateLimiter } from '../sandbox/core/rateLimits';

const RETRY = { maxRetries: 3, baseDelayMs: 1000, maxDelayMs: 30_000 };

/** A pacer on a fake clock whose sleeper advances the clock. */
function fakePacer(settings: ConstructorParameters<typeof RequestPacer>[0]) {
	let now = 0;
	const pacer = new RequestPacer(settings, () => now);
	const sleep = async (ms: number) => {
		now += ms;
	};
	return { pacer, sleep, now: () => now, advance: (ms: number) => (now += ms) };
}

describe('request pacing decisions', () => {
	it('maps request paths to MiniMax rate-limit families', () => {
		expect(familyOfPath('/v1/t2a_v2')).toBe('speech');
		expect(familyOfPath('/v1/t2a_async_v2')).toBe('speech');
		expect(familyOfPath('/v1/video_generation')).toBe('video');
		expect(familyOfPath('/v1/video_template_generation')).toBe('video');
		expect(familyOfPath('/v2/video_generation')).toBe('video');
		expect(familyOfPath('/v1/image_generation')).toBe('image');
		expect(familyOfPath('/v1/music_generation')).toBe('music');
		expect(familyOfPath('/v1/voice_clone')).toBe('voiceCloning');
		expect(familyOfPath('/v1/voice_design')).toBe('voiceDesign');
		expect(familyOfPath('/v1/chat/completions')).toBe('text');
		expect(familyOfPath('/v1/query/video_generation')).toBe('other');
		expect(familyOfPath('/v1/files/retrieve')).toBe('other');
	});

	it('spaces request starts to 60 s / RPM with a 5 % margin', async () => {
		const { pacer, sleep, now } = fakePacer({ rpm: 60, maxRefusalWaitMs: 60_000 });
		const starts: number[] = [];
		for (let i = 0; i < 4; i++) {
			const release = await pacer.acquire(sleep);
			starts.push(now());
			release();
		}
		expect(starts).toEqual([0, 1050, 2100, 3150]);
	});

	it('does not space with RPM 0, but a refusal pauses the family and slows it down until requests are accepted', async () => {
		const { pacer, sleep, now } = fakePacer({ rpm: 0, maxRefusalWaitMs: 60_000 });
		(await pacer.acquire(sleep))();
		(await pacer.acquire(sleep))();
		expect(now()).toBe(0);
		expect(pacer.refused(2000, RETRY)).toBe(true);
		(await pacer.acquire(sleep))();
		expect(now()).toBe(2000);
		expect(pacer.stats().intervalMs).toBe(200);
		for (let i = 0; i < 40; i++) pacer.accepted();
		expect(pacer.stats().intervalMs).toBe(0);
	});

	it('refuses to wait longer in total than Max Rate-Limit Wait', () => {
		const { pacer, advance } = fakePacer({ rpm: 0, maxRefusalWaitMs: 5000 });
		expect(pacer.refused(2000, RETRY)).toBe(true);
		advance(2000);
		expect(pacer.refused(2000, RETRY)).toBe(true);
		advance(2000);
		expect(pacer.refused(2000, RETRY)).toBe(false);
		expect(pacer.stats()).toMatchObject({ refusals: 3, refusalWaitMs: 4000 });
	});

	it('caps requests at once where MiniMax publishes a cap (music: 3)', async () => {
		const { pacer, sleep } = fakePacer({ rpm: 0, maxConcurrent: 3, maxRefusalWaitMs: 60_000 });
		const releases = [
			await pacer.acquire(sleep),
			await pacer.acquire(sleep),
			await pacer.acquire(sleep),
		];
		let fourthStarted = false;
		const fourth = pacer.acquire(sleep).then((release) => {
			fourthStarted = true;
			return release;
		});
		await Promise.resolve();
		expect(fourthStarted).toBe(false);
		releases[0]();
		(await fourth)();
		expect(fourthStarted).toBe(true);
	});

	it('takes published defaults unless the node sets Requests per Minute; unconfigured contexts are not spaced', () => {
		const unconfigured = {};
		expect(pacerSettingsFor(unconfigured, 'video').rpm).toBe(0);
		const defaults = {};
		configureRateLimits(defaults, { maxRefusalWaitMs: 300_000 });
		expect(pacerSettingsFor(defaults, 'video')).toEqual({
			rpm: 5,
			maxConcurrent: undefined,
			maxRefusalWaitMs: 300_000,
		});
		expect(pacerSettingsFor(defaults, 'music')).toMatchObject({ rpm: 6, maxConcurrent: 3 });
		expect(pacerSettingsFor(defaults, 'other').rpm).toBe(0);
		const custom = {};
		configureRateLimits(custom, { rpm: 120, maxRefusalWaitMs: 1000 });
		expect(pacerSettingsFor(custom, 'speech')).toEqual({
			rpm: 120,
			maxRefusalWaitMs: 1000,
			configured: true,
		});
		// Music keeps its published cap of 3 at once while paced; 0 turns pacing and the cap off.
		expect(pacerSettingsFor(custom, 'music')).toMatchObject({ rpm: 120, maxConcurrent: 3 });
		configureRateLimits(custom, { rpm: 0, maxRefusalWaitMs: 1000 });
		expect(pacerSettingsFor(custom, 'music').maxConcurrent).toBeUndefined();
	});

	it('shares one pacer per execution, credential and family', () => {
		const execution = {};
		const settings = { rpm: 60, maxRefusalWaitMs: 1000 };
		const a = pacerFor(execution, 'cred-1@host', 'speech', settings);
		expect(pacerFor(execution, 'cred-1@host', 'speech', settings)).toBe(a);
		expect(pacerFor(execution, 'cred-2@host', 'speech', settings)).not.toBe(a);
		expect(pacerFor(execution, 'cred-1@host', 'video', settings)).not.toBe(a);
		expect(pacerFor({}, 'cred-1@host', 'speech', settings)).not.toBe(a);
	});
});

describe('paid-work description', () => {
	it('names every paid ID with how to fetch it, and compresses item ranges', () => {
		const text = describePaidWork(
			[
				{
					itemIndex: 0,
					state: 'finished',
					kind: 'task',
					id: '42',
					what: 'video task',
					fetchWith: 'Video › Get Task Status',
				},
			],
			[0],
			[2, 3, 4, 7],
		);
		expect(text).toContain('item 0: video task ID 42 → Video › Get Task Status');
		expect(text).toContain('Item 0 finished; its output is dropped');
		expect(text).toContain('2–4, 7');
	});
});

describe('sandbox per-account route limits', () => {
	it('accepts at most N per sliding window per account and route; refusals do not use up the window', () => {
		const limits = new RateLimiter();
		const stats = limits.set({ path: '/v1/t2a_v2', limit: 2, windowMs: 1000 });
		expect(limits.take('a', '/v1/t2a_v2', 't', 0)).toBeUndefined();
		expect(limits.take('a', '/v1/t2a_v2', 't', 100)).toBeUndefined();
		const refused = limits.take('a', '/v1/t2a_v2', 't', 500);
		expect(refused?.status).toBe(200);
		expect(JSON.parse(refused!.chunks[0].toString()).base_resp).toEqual({
			status_code: 1002,
			status_msg: 'rate limit exceeded(RPM)',
		});
		expect(limits.take('b', '/v1/t2a_v2', 't', 500)).toBeUndefined();
		expect(limits.take('a', '/v1/image_generation', 't', 500)).toBeUndefined();
		expect(limits.take('a', '/v1/t2a_v2', 't', 1001)).toBeUndefined();
		expect(stats).toEqual({ accepted: 4, refused: 1 });
	});

	it('answers HTTP 429 rate_limit_error on the v2 and compatible chat routes', () => {
		const limits = new RateLimiter();
		limits.set({ path: /^\/v2\//, limit: 1, windowMs: 1000, retryAfter: 1 });
		limits.take('a', '/v2/video_generation', 't', 0);
		const refused = limits.take('a', '/v2/video_generation', 't', 1);
		expect(refused?.status).toBe(429);
		expect(refused?.headers['retry-after']).toBe('1');
		expect(JSON.parse(refused!.chunks[0].toString()).error).toMatchObject({
			type: 'rate_limit_error',
			message: 'rate limit exceeded(RPM) (1002)',
		});
	});
});
