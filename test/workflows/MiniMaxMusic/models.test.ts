import type { IDataObject } from 'n8n-workflow';

import { MiniMaxMusic } from '../../../nodes/MiniMaxMusic/MiniMaxMusic.node';
import {
	INSTRUMENTAL_MODEL_IDS,
	MUSIC_MODELS,
} from '../../../nodes/MiniMaxMusic/helpers/musicModels';
import { apiRequests, run, runOk, useSandbox } from '../helpers';
import { cover, LYRICS, music, song } from './fixtures';

/**
 * docs/minimax-api.md §17.3: music-3.0 and music-3.0-free are offered, and a model id typed as an
 * expression reaches MiniMax untouched. Their limits are not confirmed, so the node checks none
 * and MiniMax's own error comes back.
 */

const sandbox = useSandbox();
const FAST = { format: 'pcm', sampleRate: 16000, channels: 1 };

describe('Music › models', () => {
	it('sends music-3.0 and music-3.0-free (vocals, instrumental, written lyrics)', async () => {
		const [vocal] = await runOk(
			sandbox(),
			music({ model: 'music-3.0', prompt: 'Synth pop', lyrics: LYRICS, options: FAST }),
		);
		await runOk(
			sandbox(),
			music({
				model: 'music-3.0-free',
				vocals: 'instrumental',
				prompt: 'Ambient pads',
				options: FAST,
			}),
		);
		await runOk(
			sandbox(),
			music({
				model: 'music-3.0',
				vocals: 'writeLyrics',
				prompt: 'Pop about summer',
				options: FAST,
			}),
		);
		const bodies = apiRequests(sandbox(), '/v1/music_generation').map(
			(entry) => entry.body as IDataObject,
		);
		expect(bodies.map((body) => body.model)).toEqual(['music-3.0', 'music-3.0-free', 'music-3.0']);
		expect(bodies[1]).toMatchObject({ is_instrumental: true });
		expect(bodies[2]).toMatchObject({ lyrics_optimizer: true });
		expect(vocal.json).toMatchObject({ model: 'music-3.0', lyricsLines: 3 });
		expect(vocal.pairedItem).toEqual({ item: 0 });
	});

	it('names Music 3.0 and 3.0 Free in Vocals › Instrumental, like the models that make one', async () => {
		const vocals = new MiniMaxMusic().description.properties.find(
			(property) => property.name === 'vocals',
		);
		const instrumental = (vocals?.options as Array<{ value: string; description?: string }>).find(
			(option) => option.value === 'instrumental',
		);
		const shortNames = INSTRUMENTAL_MODEL_IDS.map((id) =>
			String(MUSIC_MODELS.find((option) => option.value === id)?.name).replace(/^Music /, ''),
		);
		expect(shortNames).toEqual(['3.0', '3.0 Free', '2.6', '2.6 Free', '2.5+']);
		expect(instrumental?.description).toBe(
			`Music only (Music ${shortNames.slice(0, -1).join(', ')} and ${shortNames.at(-1)})`,
		);
		const [made] = await runOk(
			sandbox(),
			music({ model: 'music-3.0', vocals: 'instrumental', prompt: 'Ambient pads', options: FAST }),
		);
		expect(apiRequests(sandbox(), '/v1/music_generation')[0].body).toMatchObject({
			model: 'music-3.0',
			is_instrumental: true,
		});
		expect(made.json).toMatchObject({ model: 'music-3.0', instrumental: true });
	});

	it("leaves music-3.0's lengths to MiniMax: 3,501 characters of lyrics reach it, and its error comes back", async () => {
		const result = await run(
			sandbox(),
			music({ model: 'music-3.0', lyrics: 'l'.repeat(3501), options: FAST }),
		);
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/lyrics: must be at most 3500 characters \(2013\)/);
		expect(apiRequests(sandbox(), '/v1/music_generation')).toHaveLength(1);
	});

	it('passes a model id typed as an expression through untouched and surfaces MiniMax’s answer per item', async () => {
		const result = await run(
			sandbox(),
			music(
				{ model: '={{ $json.model }}', lyrics: LYRICS, options: FAST },
				'continueRegularOutput',
			),
			{ items: [{ json: { model: 'music-3.0' } }, { json: { model: '  music-9.9\n' } }] },
		);
		expect(result.status).toBe('success');
		const [good, bad] = result.output('MiniMax');
		expect(good.json).toMatchObject({ model: 'music-3.0' });
		expect(good.pairedItem).toEqual({ item: 0 });
		expect(bad.json.error).toMatch(/model: must be one of .*got "music-9\.9" \(2013\)/);
		expect(bad.pairedItem).toEqual({ item: 1 });
		expect(
			apiRequests(sandbox(), '/v1/music_generation').map(
				(entry) => (entry.body as IDataObject).model,
			),
		).toEqual(['music-3.0', 'music-9.9']);
	});

	it('passes a typed cover model through too', async () => {
		const result = await run(sandbox(), cover({ model: '={{ "music-cover-3.0" }}' }), {
			items: [song(7)],
		});
		expect(result.error?.message).toMatch(/got "music-cover-3\.0" \(2013\)/);
		expect((apiRequests(sandbox(), '/v1/music_generation')[0].body as IDataObject).model).toBe(
			'music-cover-3.0',
		);
	});

	it('replays openclaw#65853 / MiniMax-AI/cli#71: a model outside the Token Plan fails once, with the hint', async () => {
		sandbox().faults.add({
			path: '/v1/music_generation',
			kind: 'base_resp',
			code: 2061,
			message: 'token plan not support model',
		});
		const result = await run(
			sandbox(),
			music({ model: 'music-2.5+', lyrics: LYRICS, options: { ...FAST, retryDelayMs: 10 } }),
		);
		expect(result.error?.message).toMatch(/token plan not support model \(2061\)/);
		expect((result.error as { description?: string }).description).toMatch(
			/not available on your Token Plan/,
		);
		expect(apiRequests(sandbox(), '/v1/music_generation')).toHaveLength(1);
	});

	it('refuses an empty model expression before any request', async () => {
		const result = await run(sandbox(), music({ model: '={{ "" }}', lyrics: LYRICS }));
		expect(result.error?.message).toMatch(/"Model" for item 0: it is empty/);
		expect(sandbox().log).toHaveLength(0);
	});
});
