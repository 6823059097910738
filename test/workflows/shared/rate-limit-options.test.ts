/**
 * The rate-limit options (issue 16 cases 4–6): added in the editor they keep the node's published
 * pace (their default is the node family's limit), they are validated like every option, and the
 * give-up error says what to change for the case at hand.
 */
import type { IDataObject, INodeProperties, INodeType } from 'n8n-workflow';

import { MiniMaxChat } from '../../../nodes/MiniMaxChat/MiniMaxChat.node';
import { MiniMaxImage } from '../../../nodes/MiniMaxImage/MiniMaxImage.node';
import { MiniMaxMusic } from '../../../nodes/MiniMaxMusic/MiniMaxMusic.node';
import { MiniMaxTextToSpeech } from '../../../nodes/MiniMaxTextToSpeech/MiniMaxTextToSpeech.node';
import { MiniMaxVideo } from '../../../nodes/MiniMaxVideo/MiniMaxVideo.node';
import { MiniMaxVoiceClone } from '../../../nodes/MiniMaxVoiceClone/MiniMaxVoiceClone.node';
import { MiniMaxVoiceDesign } from '../../../nodes/MiniMaxVoiceDesign/MiniMaxVoiceDesign.node';
import { apiRequests, run, tts, useSandbox } from '../helpers';

const sandbox = useSandbox({ timeScale: 200 });
const LONG = '/v1/t2a_async_v2';

/** Every Requests per Minute option in a node, with the operations it shows for. */
function rpmOptions(node: INodeType): Array<{ shownFor: unknown; option: INodeProperties }> {
	return node.description.properties
		.filter((property) => property.name === 'options')
		.flatMap((collection) =>
			((collection.options ?? []) as INodeProperties[])
				.filter((option) => option.name === 'requestsPerMinute')
				.map((option) => ({ shownFor: collection.displayOptions?.show?.operation, option })),
		);
}

describe('Requests per Minute: the default is the node family’s published limit', () => {
	it.each([
		['Video (generation)', new MiniMaxVideo(), 5],
		['Image', new MiniMaxImage(), 10],
		['Text to Speech', new MiniMaxTextToSpeech(), 60],
		['Voice Design', new MiniMaxVoiceDesign(), 20],
		['Voice Clone', new MiniMaxVoiceClone(), 60],
		['Music', new MiniMaxMusic(), 6],
		['Chat', new MiniMaxChat(), 20],
	] as const)('%s: %s', (_name, node, limit) => {
		const defaults = rpmOptions(node).map((entry) => entry.option.default);
		expect(defaults).toContain(limit);
		// Status, file and voice-list operations are never paced: their default is 0 and says so.
		for (const { option } of rpmOptions(node)) {
			expect([limit, 0]).toContain(option.default);
			expect(option.description).toMatch(/0 = no pacing/);
		}
	});
});

describe('rate-limit options are checked before any request, naming the item', () => {
	it.each([
		['Requests per Minute', { requestsPerMinute: -1 }, /at least 0 and at most 100000 \(got -1\)/],
		['Requests per Minute', { requestsPerMinute: 'x' }, /expected a number/],
		[
			'Requests per Minute',
			{ requestsPerMinute: 0.5 },
			/must be 0 \(no pacing\) or at least 1 \(got 0\.5\)/,
		],
		[
			'Max Rate-Limit Wait (Seconds)',
			{ maxRateLimitWaitSeconds: -5 },
			/at least 0 and at most 3600 \(got -5\)/,
		],
	] as const)('%s %j', async (parameter, options, problem) => {
		const result = await run(
			sandbox(),
			tts({ operation: 'generateLong', text: 'One.', waitForCompletion: false, options }),
		);
		expect(result.status).toBe('error');
		expect(result.error?.message).toContain(`Invalid "${parameter}" for item 0`);
		expect(result.error?.message).toMatch(problem);
		expect(apiRequests(sandbox(), LONG)).toHaveLength(0);
	});
});

describe('the give-up error says what to change', () => {
	const items = [{ json: { text: 'First chapter.' } }, { json: { text: 'Second chapter.' } }];
	async function refusedSecond(options: IDataObject): Promise<string> {
		sandbox().limits.set({ path: LONG, limit: 1, windowMs: 60_000 });
		const result = await run(
			sandbox(),
			tts({
				operation: 'generateLong',
				text: '={{ $json.text }}',
				waitForCompletion: false,
				options: { maxRateLimitWaitSeconds: 0, retryDelayMs: 10, ...options },
			}),
			{ items, pacing: 'defaults' },
		);
		expect(result.status).toBe('error');
		return (result.error as { description?: string }).description ?? '';
	}

	it('Max Rate-Limit Wait 0: the first refusal fails, "1 refusal"', async () => {
		const said = await refusedSecond({});
		expect(said).toMatch(/\(1 refusal\) and Max Rate-Limit Wait is 0, so the first refusal fails/);
		expect(said).not.toMatch(/1 refusals/);
		expect(said).toMatch(/published limit for Text to Speech \(T2A\) \(60 per minute\) was used/);
		// The paid-work list names each ID once (issue 16 case 7).
		expect(said).toMatch(/item 0: long speech task ID \d+ → /);
		expect(said).toMatch(/item 0: result file ID \d+ → /);
		expect(said).not.toMatch(/task task|file file|voice voice/);
	});

	it('Requests per Minute set: says its value instead of asking to set it', async () => {
		const said = await refusedSecond({ requestsPerMinute: 30 });
		expect(said).toMatch(/"Requests per Minute" is 30: lower it/);
		expect(said).not.toMatch(/set "Requests per Minute"/i);
	});

	it('Requests per Minute 0: says pacing is off', async () => {
		const said = await refusedSecond({ requestsPerMinute: 0 });
		expect(said).toMatch(/"Requests per Minute" is 0 \(no pacing\)/);
	});
});
