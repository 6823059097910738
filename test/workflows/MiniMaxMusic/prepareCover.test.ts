import type { IDataObject } from 'n8n-workflow';

import { MiniMaxMusic } from '../../../nodes/MiniMaxMusic/MiniMaxMusic.node';
import { readBinary, runWorkflow } from '../../harness';
import { base64, encodedTone, sineWav } from '../../support/audioSamples';
import { probe } from '../../support/ffprobe';
import {
	apiRequests,
	credentialsFor,
	pipeline,
	run,
	runOk,
	SANDBOX_KEYS,
	useSandbox,
} from '../helpers';
import { cover, MUSIC_TYPE, prepareCover, song, withServer } from './fixtures';

/**
 * Prepare Cover (POST /v1/music_cover_preprocess) and Cover Song from its feature id
 * (docs/minimax-api.md §17.3): prepare a reference, edit its lyrics in n8n, sing them as a cover.
 */

const sandbox = useSandbox();
const OK = { status_code: 0, status_msg: 'success' };

describe('Music › Prepare Cover', () => {
	it('returns the feature id, the tagged lyrics, the parsed structure and the length of a binary reference', async () => {
		const original = song(20);
		const [item] = await runOk(sandbox(), prepareCover(), { items: [original] });
		expect(apiRequests(sandbox(), '/v1/music_cover_preprocess')[0].body).toEqual({
			model: 'music-cover',
			audio_base64: original.binary.data.base64,
		});
		expect(item.json).toMatchObject({
			coverFeatureId: expect.stringMatching(/^[0-9a-f]{32}$/),
			coverFeatureIdValidFor: '24 hours',
			formattedLyrics: expect.stringMatching(/^\[Verse\]\n/),
			lyricsLines: expect.any(Number),
			referenceFileName: 'original.mp3',
			referenceFormat: 'mp3',
			traceId: expect.any(String),
		});
		expect(item.json.audioDurationSeconds).toBeCloseTo(20, 0);
		const structure = item.json.structure as { segments: Array<{ label: string; end: number }> };
		expect(structure.segments[0].label).toBe('intro');
		expect(structure.segments.at(-1)?.end).toBeCloseTo(20, 0);
		expect(item.binary).toBeUndefined();
		expect(item.pairedItem).toEqual({ item: 0 });
	});

	it('prepares a reference from a URL that MiniMax downloads', async () => {
		await withServer(encodedTone(8, 'mp3'), 'audio/mpeg', async (url) => {
			const [item] = await runOk(
				sandbox(),
				prepareCover({ referenceSource: 'url', referenceUrl: url }),
			);
			expect(apiRequests(sandbox(), '/v1/music_cover_preprocess')[0].body).toEqual({
				model: 'music-cover',
				audio_url: url,
			});
			expect(item.json).toMatchObject({ referenceUrl: url });
			expect(item.json.audioDurationSeconds).toBeCloseTo(8, 0);
		});
	});

	it('keeps a structure that is not JSON as text, reads a length in ms, and accepts fields under data', async () => {
		sandbox().faults.add({
			path: '/v1/music_cover_preprocess',
			kind: 'replay',
			body: {
				cover_feature_id: 'feat-1',
				formatted_lyrics: '[Verse]\nHello',
				structure_result: 'intro 0-5; verse 5-20',
				audio_duration: 20500,
				base_resp: OK,
			},
		});
		sandbox().faults.add({
			path: '/v1/music_cover_preprocess',
			kind: 'replay',
			body: { data: { cover_feature_id: 42, audio_duration: '12.5' }, base_resp: OK },
		});
		const [raw] = await runOk(sandbox(), prepareCover(), { items: [song(7)] });
		expect(raw.json).toMatchObject({
			coverFeatureId: 'feat-1',
			structure: 'intro 0-5; verse 5-20',
			audioDurationSeconds: 20.5,
		});
		const [nested] = await runOk(sandbox(), prepareCover(), { items: [song(7)] });
		expect(nested.json).toMatchObject({ coverFeatureId: '42', audioDurationSeconds: 12.5 });
		expect(nested.json).not.toHaveProperty('formattedLyrics');
		expect(nested.json).not.toHaveProperty('structure');
	});

	it('fails with the trace id when MiniMax sends no feature id', async () => {
		sandbox().faults.add({
			path: '/v1/music_cover_preprocess',
			kind: 'replay',
			body: { formatted_lyrics: '[Verse]\nHello', base_resp: OK },
		});
		const result = await run(sandbox(), prepareCover(), { items: [song(7)] });
		expect(result.error?.message).toMatch(/MiniMax returned no cover feature ID/);
		expect((result.error as { description?: string }).description).toMatch(/trace ID \w+/);
	});

	it('leaves the length of a URL reference to MiniMax and surfaces its refusal', async () => {
		await withServer(sineWav(4), 'audio/wav', async (url) => {
			const result = await run(
				sandbox(),
				prepareCover({ referenceSource: 'url', referenceUrl: url }),
			);
			expect(result.error?.message).toMatch(/lasts 4\.0s; it must be between 6s and 6min \(2013\)/);
			expect(apiRequests(sandbox(), '/v1/music_cover_preprocess')).toHaveLength(1);
		});
	});

	it.each([
		[
			'a 4 s reference',
			prepareCover(),
			[
				{
					json: {},
					binary: {
						data: { base64: base64(sineWav(4)), fileName: 'short.wav', mimeType: 'audio/wav' },
					},
				},
			],
			/"Reference Song Field" for item 0: the song "short.wav" lasts 4.0 s; a cover needs a reference of 6 s to 6 min/,
		],
		[
			'a file that is not audio',
			prepareCover(),
			[
				{
					json: {},
					binary: {
						data: {
							base64: base64(Buffer.from('no audio')),
							fileName: 'notes.mp3',
							mimeType: 'audio/mpeg',
						},
					},
				},
			],
			/"Reference Song Field" for item 0: the file "notes.mp3" is not MP3, WAV, M4A or FLAC audio/,
		],
		[
			'a URL that is not http',
			prepareCover({ referenceSource: 'url', referenceUrl: 'ftp://host/a.mp3' }),
			undefined,
			/"Reference Song URL" for item 0: "ftp:\/\/host\/a.mp3" is not an http\(s\) URL/,
		],
		[
			'a missing binary field',
			prepareCover({ binaryPropertyName: 'song' }),
			[song(7)],
			/"Reference Song Field" for item 0: there is no binary field "song"/,
		],
		[
			'a cover from a blank feature id',
			cover({ referenceSource: 'featureId', coverFeatureId: ' ', lyrics: 'New words here' }),
			undefined,
			/"Cover Feature ID" for item 0: it is empty/,
		],
		[
			'a cover from a feature id with lyrics over 3,500 characters',
			cover({ referenceSource: 'featureId', coverFeatureId: 'abc', lyrics: 'l'.repeat(3501) }),
			undefined,
			/"Lyrics" for item 0: it has 3,501 characters; music-cover takes at most 3,500/,
		],
	])('rejects %s before any request', async (_label, node, items, message) => {
		const result = await run(sandbox(), node, { items });
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(message);
		expect(sandbox().log).toHaveLength(0);
	});

	it("with continue-on-fail, a bad reference and MiniMax's refusal become error items; the good one is prepared", async () => {
		sandbox().faults.add({ path: '/v1/music_cover_preprocess', kind: 'base_resp', code: 1027 });
		const short = {
			json: {},
			binary: {
				data: { base64: base64(sineWav(4)), fileName: 'short.wav', mimeType: 'audio/wav' },
			},
		};
		const result = await run(sandbox(), prepareCover({}, 'continueRegularOutput'), {
			items: [song(7), short, song(9)],
		});
		const [refused, tooShort, prepared] = result.output('MiniMax');
		expect(refused.json.error).toMatch(/\(1027\)/);
		expect(tooShort.json.error).toMatch(
			/"Reference Song Field" for item 1: the song "short.wav" lasts 4.0 s/,
		);
		expect(prepared.json.coverFeatureId).toEqual(expect.any(String));
		expect([refused, tooShort, prepared].map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
		]);
		expect(apiRequests(sandbox(), '/v1/music_cover_preprocess')).toHaveLength(2);
	});
});

describe('Music › Cover Song from a prepared cover', () => {
	it('prepares a song, edits its lyrics in n8n and sings them over the feature id', async () => {
		const workflow = pipeline(
			[
				{ name: 'Prepare', type: MUSIC_TYPE, parameters: { operation: 'prepareCover' } },
				{
					name: 'Cover',
					type: MUSIC_TYPE,
					parameters: {
						operation: 'cover',
						referenceSource: 'featureId',
						coverFeatureId: '={{ $json.coverFeatureId }}',
						prompt: 'Jazz, piano trio',
						lyrics: '={{ $json.formattedLyrics.replaceAll("The ", "Our ") }}',
					},
				},
			],
			[song(11)],
		);
		const result = await runWorkflow(workflow, { credentials: credentialsFor(sandbox()) });
		expect(result.status).toBe('success');
		const [prepared] = result.output('Prepare');
		const [sung] = result.output('Cover');
		const body = apiRequests(sandbox(), '/v1/music_generation')[0].body as IDataObject;
		expect(body).toMatchObject({
			model: 'music-cover',
			prompt: 'Jazz, piano trio',
			cover_feature_id: prepared.json.coverFeatureId,
			lyrics: (prepared.json.formattedLyrics as string).replaceAll('The ', 'Our '),
		});
		expect(body.lyrics).toMatch(/Our /);
		expect(body).not.toHaveProperty('audio_base64');
		expect(body).not.toHaveProperty('audio_url');
		expect(sung.json).toMatchObject({
			coverFeatureId: prepared.json.coverFeatureId,
			newLyrics: true,
			fileName: 'jazz-piano-trio-cover.mp3',
		});
		expect((await probe(await readBinary(sung.binary!.data))).duration).toBeCloseTo(11, 0);
		expect(sung.pairedItem).toEqual({ item: 0 });
	});

	const EMPTY_LYRICS =
		/"Lyrics" for item 0: it is empty; a prepared cover sings the lyrics you give \(usually Prepare Cover's formattedLyrics, edited\)/;
	it.each([
		// n8n itself refuses a required parameter left empty in the editor.
		['missing', undefined, /Parameter "Lyrics" is required/],
		['blank', ' \n ', EMPTY_LYRICS],
		['an expression that gives nothing', '={{ $json.nothing }}', EMPTY_LYRICS],
	])(
		'refuses a prepared cover whose lyrics are %s before any request (they are required there)',
		async (_label, lyrics, message) => {
			const parameters: IDataObject = { referenceSource: 'featureId', coverFeatureId: 'abc' };
			if (lyrics !== undefined) parameters.lyrics = lyrics;
			const result = await run(sandbox(), cover(parameters));
			expect(result.status).toBe('error');
			expect(result.error?.message).toMatch(message);
			expect(sandbox().log).toHaveLength(0);
		},
	);

	it('leaves the unpublished 10–1,000 length of prepared-cover lyrics to MiniMax and shows its answer', async () => {
		const [prepared] = await runOk(sandbox(), prepareCover(), { items: [song(7)] });
		const id = prepared.json.coverFeatureId as string;
		const short = await run(
			sandbox(),
			cover({ referenceSource: 'featureId', coverFeatureId: id, lyrics: 'short' }),
		);
		expect(short.error?.message).toMatch(/lyrics: must be at least 10 characters \(2013\)/);
		const long = await run(
			sandbox(),
			cover({ referenceSource: 'featureId', coverFeatureId: id, lyrics: 'l'.repeat(1203) }),
		);
		expect(long.error?.message).toMatch(/lyrics: must be at most 1000 characters \(2013\)/);
		const bodies = apiRequests(sandbox(), '/v1/music_generation').map(
			(entry) => (entry.body as IDataObject).lyrics,
		);
		expect(bodies).toEqual(['short', 'l'.repeat(1203)]);
	});

	it('keeps Lyrics optional for a binary or URL reference and required for a prepared cover in the node description', () => {
		const lyrics = new MiniMaxMusic().description.properties.filter(
			(property) =>
				property.name === 'lyrics' && property.displayOptions?.show?.operation?.includes('cover'),
		);
		const prepared = lyrics.find((property) =>
			property.displayOptions?.show?.referenceSource?.includes('featureId'),
		);
		const other = lyrics.find((property) =>
			property.displayOptions?.hide?.referenceSource?.includes('featureId'),
		);
		expect(prepared).toMatchObject({ required: true });
		expect(prepared?.description).toMatch(/required/);
		expect(prepared?.description).toMatch(/10–1,000 characters/);
		expect(prepared?.description).not.toMatch(/Leave empty|3,500/);
		expect(other?.required).toBeFalsy();
		expect(other?.description).toMatch(/Leave empty to keep the original words/);
	});

	it('refuses a feature id an expression left undefined, or gave as a list, before any request', async () => {
		for (const [expression, reason] of [
			['={{ $json.missing }}', /"Cover Feature ID".*it is empty/],
			['={{ ["a", "b"] }}', /"Cover Feature ID".*expected an ID, got a list/],
		] as const) {
			sandbox().reset();
			const node = cover({
				referenceSource: 'featureId',
				coverFeatureId: expression,
				lyrics: 'Brand new words',
			});
			const result = await run(sandbox(), node);
			expect(result.error?.message).toMatch(reason);
			expect(apiRequests(sandbox(), '/v1/music_generation')).toHaveLength(0);
		}
	});

	it('explains an expired or foreign feature id: prepare again', async () => {
		const [prepared] = await runOk(sandbox(), prepareCover(), { items: [song(7)] });
		const node = cover({
			referenceSource: 'featureId',
			coverFeatureId: prepared.json.coverFeatureId,
			lyrics: 'Brand new words',
		});
		const china = await run(sandbox(), node, {
			credentials: { apiKey: SANDBOX_KEYS.china, customBaseUrl: sandbox().chinaUrl },
		});
		expect(china.error?.message).toMatch(/cover_feature_id: ".+" was not found \(2013\)/);
		expect((china.error as { description?: string }).description).toMatch(
			/valid for 24 hours and only on the MiniMax region .* Run Music › Prepare Cover again/,
		);
		sandbox().advanceTime(24 * 3600 * 1000 + 1000);
		const expired = await run(sandbox(), node);
		expect(expired.error?.message).toMatch(/has expired/);
	});

	it('replays MiniMax-AI/cli#159: a cover refused for lack of preprocessing says to run Prepare Cover', async () => {
		sandbox().faults.add({
			path: '/v1/music_generation',
			kind: 'replay',
			body: {
				base_resp: {
					status_code: 2013,
					status_msg:
						'invalid params, biz error: code=400, msg=amadeus play err, ttm fail, err = Cover mode requires dtw_result, beat_result, and audio_duration in the request',
				},
			},
		});
		const result = await run(sandbox(), cover({ lyrics: 'New words for an old tune' }), {
			items: [song(7)],
		});
		expect(result.error?.message).toMatch(/Cover mode requires dtw_result.* \(2013\)/);
		expect((result.error as { description?: string }).description).toMatch(
			/Run Music › Prepare Cover on the reference song, edit its formattedLyrics, then run Cover Song with Reference Song "Prepared Cover \(Feature ID\)".*\(MiniMax code 2013, trace ID \w+\)/,
		);
		expect(apiRequests(sandbox(), '/v1/music_generation')).toHaveLength(1);
	});
});
