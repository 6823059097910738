import type { IDataObject } from 'n8n-workflow';

import { readBinary, runWorkflow } from '../../harness';
import { apiRequests, credentialsFor, pipeline, run, runOk, useSandbox } from '../helpers';
import { lyricsNode, MUSIC_TYPE } from './fixtures';

/** Generate Lyrics: Write Full Song and Edit Lyrics (docs/minimax-api.md §17.3). */

const sandbox = useSandbox();
const ORIGINAL = '[Verse]\nWe met under summer skies\n[Chorus]\nStay with me tonight';

describe('Music › Generate Lyrics › Edit Lyrics', () => {
	it('rewrites given lyrics following the instructions, keeping the given title', async () => {
		const [item] = await runOk(
			sandbox(),
			lyricsNode({
				lyricsMode: 'edit',
				lyrics: ORIGINAL,
				prompt: 'Add a bridge about distance, hopeful',
				title: 'Summer Promise',
			}),
		);
		expect(apiRequests(sandbox(), '/v1/lyrics_generation')[0].body).toEqual({
			mode: 'edit',
			lyrics: ORIGINAL,
			prompt: 'Add a bridge about distance, hopeful',
			title: 'Summer Promise',
		});
		expect(item.json).toMatchObject({
			mode: 'edit',
			title: 'Summer Promise',
			styleTags: 'hopeful',
			lyrics: expect.stringMatching(
				/^\[Verse\]\nWe met under summer skies, \S+\n[\s\S]*\[Bridge\]/,
			),
			fileName: 'summer-promise.txt',
		});
		expect((await readBinary(item.binary!.data)).toString('utf8')).toBe(`${item.json.lyrics}\n`);
		expect(item.pairedItem).toEqual({ item: 0 });
	});

	it('sends no prompt when the instructions are empty, and a title in Write Full Song', async () => {
		await runOk(sandbox(), lyricsNode({ lyricsMode: 'edit', lyrics: ORIGINAL }));
		const [written] = await runOk(
			sandbox(),
			lyricsNode({ prompt: 'A folk song about rain', title: 'Rain Song' }),
		);
		const [edit, write] = apiRequests(sandbox(), '/v1/lyrics_generation').map(
			(entry) => entry.body as IDataObject,
		);
		expect(edit).toEqual({ mode: 'edit', lyrics: ORIGINAL });
		expect(write).toEqual({
			mode: 'write_full_song',
			prompt: 'A folk song about rain',
			title: 'Rain Song',
		});
		expect(written.json).toMatchObject({ title: 'Rain Song', mode: 'writeFullSong' });
	});

	it("outputs mode as the Mode parameter's value, so it can set Mode in the next node", async () => {
		const workflow = pipeline(
			[
				{
					name: 'Write',
					type: MUSIC_TYPE,
					parameters: { operation: 'generateLyrics', prompt: 'A folk song about rain' },
				},
				{
					name: 'Edit',
					type: MUSIC_TYPE,
					parameters: {
						operation: 'generateLyrics',
						lyricsMode: '={{ $json.mode === "writeFullSong" ? "edit" : "writeFullSong" }}',
						lyrics: '={{ $json.lyrics }}',
						prompt: 'Make it hopeful',
					},
				},
			],
			[{ json: {} }],
		);
		const result = await runWorkflow(workflow, { credentials: credentialsFor(sandbox()) });
		expect(result.status).toBe('success');
		expect(result.output('Write')[0].json.mode).toBe('writeFullSong');
		expect(result.output('Edit')[0].json.mode).toBe('edit');
		expect(
			apiRequests(sandbox(), '/v1/lyrics_generation').map(
				(entry) => (entry.body as IDataObject).mode,
			),
		).toEqual(['write_full_song', 'edit']);
	});

	it('sends a long title as given: its length has no published limit, so MiniMax judges it', async () => {
		const title = 't'.repeat(5000);
		const result = await run(
			sandbox(),
			lyricsNode({ lyricsMode: 'edit', lyrics: ORIGINAL, title: `  ${title} ` }),
		);
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/title: must be at most 200 characters \(2013\)/);
		const requests = apiRequests(sandbox(), '/v1/lyrics_generation');
		expect(requests).toHaveLength(1);
		expect((requests[0].body as IDataObject).title).toBe(title);
	});

	it('accepts a reply without title and style tags (the given title stays)', async () => {
		sandbox().faults.add({
			path: '/v1/lyrics_generation',
			kind: 'replay',
			times: 2,
			body: {
				lyrics: '[Verse]\nOnly the words',
				base_resp: { status_code: 0, status_msg: 'success' },
			},
		});
		const [bare] = await runOk(sandbox(), lyricsNode({ lyricsMode: 'edit', lyrics: ORIGINAL }));
		expect(bare.json).toMatchObject({ lyrics: '[Verse]\nOnly the words', lyricsLines: 1 });
		expect(bare.json).not.toHaveProperty('title');
		expect(bare.json).not.toHaveProperty('styleTags');
		const [titled] = await runOk(
			sandbox(),
			lyricsNode({ lyricsMode: 'edit', lyrics: ORIGINAL, title: 'Kept' }),
		);
		expect(titled.json).toMatchObject({ title: 'Kept', fileName: 'kept.txt' });
	});

	it.each([
		[
			'blank lyrics to edit',
			{ lyricsMode: 'edit', lyrics: '  ' },
			/"Lyrics" for item 0: it is empty; Edit Lyrics rewrites the lyrics you give/,
		],
		[
			'lyrics to edit over 3,500 characters',
			{ lyricsMode: 'edit', lyrics: 'l'.repeat(3501) },
			/"Lyrics" for item 0: it has 3,501 characters; lyrics editing takes at most 3,500 characters/,
		],
		[
			'instructions over 2,000 characters',
			{ lyricsMode: 'edit', lyrics: ORIGINAL, prompt: 'p'.repeat(2001) },
			/"Instructions" for item 0: it has 2,001 characters; lyrics editing takes at most 2,000/,
		],
		[
			'a song prompt over 2,000 characters',
			{ prompt: 'p'.repeat(2001) },
			/"Prompt" for item 0: it has 2,001 characters; lyrics generation takes at most 2,000/,
		],
	])('rejects %s before any request', async (_label, parameters, message) => {
		const result = await run(sandbox(), lyricsNode(parameters));
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(message);
		expect(sandbox().log).toHaveLength(0);
	});

	it("with continue-on-fail, MiniMax's refusal becomes that item's error and the others still run", async () => {
		sandbox().faults.add({
			path: '/v1/lyrics_generation',
			kind: 'base_resp',
			code: 1026,
			message: 'input new_sensitive',
		});
		const result = await run(
			sandbox(),
			lyricsNode({ lyricsMode: 'edit', lyrics: '={{ $json.lyrics }}' }, 'continueRegularOutput'),
			{
				items: [
					{ json: { lyrics: ORIGINAL } },
					{ json: { lyrics: '' } },
					{ json: { lyrics: ORIGINAL } },
				],
			},
		);
		const [refused, empty, good] = result.output('MiniMax');
		expect(refused.json.error).toMatch(/input new_sensitive \(1026\)/);
		expect(empty.json.error).toMatch(/"Lyrics" for item 1: it is empty/);
		expect(good.json.lyrics).toMatch(/^\[Verse\]/);
		expect([refused, empty, good].map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
		]);
		expect(apiRequests(sandbox(), '/v1/lyrics_generation')).toHaveLength(2);
	});
});
