import { createServer, type Server } from 'http';
import type { AddressInfo } from 'net';

import type { IDataObject } from 'n8n-workflow';

import { readBinary } from '../../harness';
import { encodeJpeg } from '../../sandbox/media/jpeg';
import { probeImage } from '../../sandbox/media/imageProbe';
import { encodePng } from '../../sandbox/media/png';
import { base64 } from '../../support/audioSamples';
import { apiRequests, downloads, run, runOk, SANDBOX_KEYS, useSandbox } from '../helpers';

const IMAGE_TYPE = 'n8n-nodes-minimax.miniMaxImage';
const sandbox = useSandbox();

function image(parameters: IDataObject, onError?: 'continueRegularOutput') {
	return {
		type: IMAGE_TYPE,
		parameters: { prompt: 'A lighthouse at dawn', ...parameters },
		onError,
	};
}

const portrait = () =>
	encodeJpeg({
		width: 64,
		height: 96,
		background: 0x336699,
		box: { x: 0, y: 0, width: 32, height: 48, color: 0xffcc00 },
	});
const pngPortrait = encodePng(40, 40, (x) => (x < 20 ? [255, 0, 0] : [0, 0, 255]));

describe('Image', () => {
	it('makes n images as n items paired to their input item, downloaded without the key and streamed to storage', async () => {
		const items = await runOk(sandbox(), image({ aspectRatio: '16:9', numberOfImages: 3 }));
		expect(items).toHaveLength(3);
		const [request] = apiRequests(sandbox(), '/v1/image_generation');
		expect(request.body).toEqual({
			model: 'image-01',
			prompt: 'A lighthouse at dawn',
			n: 3,
			response_format: 'url',
			aspect_ratio: '16:9',
		});
		const bytes: Buffer[] = [];
		for (const [index, item] of items.entries()) {
			expect(item.pairedItem).toEqual({ item: 0 });
			expect(item.json).toMatchObject({
				imageNumber: index + 1,
				requested: 3,
				succeeded: 3,
				failed: 0,
				fileName: `a-lighthouse-at-dawn-${index + 1}.jpg`,
				mimeType: 'image/jpeg',
				width: 1280,
				height: 720,
				imageUrl: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/dl\/.+\.jpeg\?expires=/),
				imageUrlValidFor: '24 hours',
				model: 'image-01',
				aspectRatio: '16:9',
				generationId: expect.stringMatching(/^[0-9a-f]{32}$/),
			});
			expect(item.json.note).toBeUndefined();
			const binary = item.binary!.data;
			expect(binary).toMatchObject({
				mimeType: 'image/jpeg',
				fileExtension: 'jpg',
				fileName: `a-lighthouse-at-dawn-${index + 1}.jpg`,
			});
			expect(binary.id).toMatch(/^filesystem/);
			const data = await readBinary(binary);
			expect(item.json.fileSizeBytes).toBe(data.length);
			expect(await probeImage(data)).toEqual({ codec: 'mjpeg', width: 1280, height: 720 });
			bytes.push(data);
		}
		expect(new Set(bytes.map((data) => data.toString('base64'))).size).toBe(3);
		expect(downloads(sandbox())).toHaveLength(3);
		for (const entry of downloads(sandbox())) expect(entry.headers.authorization).toBeUndefined();
	});

	it("keeps every input item's images paired to it, with the prompt from an expression", async () => {
		const items = await runOk(
			sandbox(),
			image({ prompt: '={{ $json.subject }}', numberOfImages: 2 }),
			{
				items: [{ json: { subject: 'A red fox' } }, { json: { subject: 'A blue whale' } }],
			},
		);
		expect(items.map((item) => [item.pairedItem, item.json.prompt, item.json.imageNumber])).toEqual(
			[
				[{ item: 0 }, 'A red fox', 1],
				[{ item: 0 }, 'A red fox', 2],
				[{ item: 1 }, 'A blue whale', 1],
				[{ item: 1 }, 'A blue whale', 2],
			],
		);
		expect(items[2].binary!.data.fileName).toBe('a-blue-whale-1.jpg');
	});

	it('reads yes/no options set by expressions as text ("true", " FALSE ") by their value', async () => {
		await runOk(
			sandbox(),
			image({
				options: {
					responseFormat: 'base64',
					promptOptimizer: "={{ ' FALSE ' }}",
					aigcWatermark: "={{ 'true' }}",
				},
			}),
		);
		const [request] = apiRequests(sandbox(), '/v1/image_generation');
		expect(request.body).toMatchObject({ prompt_optimizer: false, aigc_watermark: true });
	});

	it('sends a custom width × height and decodes base64 images of that size', async () => {
		const [item] = await runOk(
			sandbox(),
			image({
				size: 'custom',
				width: 512,
				height: 768,
				options: { responseFormat: 'base64', seed: 42, promptOptimizer: true, aigcWatermark: true },
			}),
		);
		const [request] = apiRequests(sandbox(), '/v1/image_generation');
		expect(request.body).toEqual({
			model: 'image-01',
			prompt: 'A lighthouse at dawn',
			n: 1,
			response_format: 'base64',
			width: 512,
			height: 768,
			seed: 42,
			prompt_optimizer: true,
			aigc_watermark: true,
		});
		expect(downloads(sandbox())).toHaveLength(0);
		expect(item.json).toMatchObject({ width: 512, height: 768, seed: 42, mimeType: 'image/jpeg' });
		expect(item.json.imageUrl).toBeUndefined();
		expect(await probeImage(await readBinary(item.binary!.data))).toEqual({
			codec: 'mjpeg',
			width: 512,
			height: 768,
		});
	});

	it('types the files by their bytes: PNG behind a .jpeg link stays PNG', async () => {
		for (const responseFormat of ['url', 'base64']) {
			const [item] = await runOk(
				sandbox(),
				image({
					prompt: 'Pixel art [[sandbox:png]]',
					options: { responseFormat, binaryPropertyOutput: 'picture' },
				}),
			);
			expect(item.binary!.picture).toMatchObject({
				mimeType: 'image/png',
				fileExtension: 'png',
				fileName: 'pixel-art-sandbox-png-1.png',
			});
			expect((await probeImage(await readBinary(item.binary!.picture))).codec).toBe('png');
		}
	});

	it('returns the images MiniMax produced when it blocks some, with counts and a note', async () => {
		for (const responseFormat of ['url', 'base64']) {
			sandbox().reset();
			const items = await runOk(
				sandbox(),
				image({
					prompt: 'Crowd scene [[sandbox:block=2]]',
					numberOfImages: 3,
					options: { responseFormat },
				}),
			);
			expect(items).toHaveLength(1);
			expect(items[0].json).toMatchObject({
				requested: 3,
				succeeded: 1,
				failed: 2,
				note: expect.stringMatching(/blocked 2 of 3 images .*the 1 image produced is returned/),
			});
			expect(items[0].binary!.data.mimeType).toBe('image/jpeg');
			expect(apiRequests(sandbox(), '/v1/image_generation')).toHaveLength(1);
		}
	});

	it('fails the item when every image is blocked, and keeps going for the others with Continue On Fail', async () => {
		const failing = await run(
			sandbox(),
			image({ prompt: 'Blocked [[sandbox:block=9]]', numberOfImages: 2 }),
		);
		expect(failing.status).toBe('error');
		expect(failing.error?.message).toMatch(/MiniMax blocked all 2 requested images/);

		sandbox().reset();
		const items = await runOk(
			sandbox(),
			image({ prompt: '={{ $json.prompt }}' }, 'continueRegularOutput'),
			{
				items: [
					{ json: { prompt: 'Blocked [[sandbox:block=1]]' } },
					{ json: { prompt: 'A calm lake' } },
				],
			},
		);
		expect(items).toHaveLength(2);
		expect(items[0]).toMatchObject({
			json: { error: expect.stringMatching(/blocked all 1 requested images/) },
			pairedItem: { item: 0 },
		});
		expect(items[1]).toMatchObject({
			json: { fileName: 'a-calm-lake-1.jpg' },
			pairedItem: { item: 1 },
		});
	});

	it('sends a character reference from an input binary as a data URL typed by its bytes', async () => {
		const jpeg = await portrait();
		const items = [
			{
				json: {},
				binary: { face: { base64: base64(jpeg), fileName: 'face.jpg', mimeType: 'image/jpeg' } },
			},
			// A PNG that claims to be a JPEG is sent as what it is.
			{
				json: {},
				binary: {
					face: { base64: base64(pngPortrait), fileName: 'face.jpg', mimeType: 'image/jpeg' },
				},
			},
		];
		const output = await runOk(
			sandbox(),
			image({ model: 'image-01-live', referenceSource: 'binary', binaryPropertyName: 'face' }),
			{ items },
		);
		expect(output).toHaveLength(2);
		const bodies = apiRequests(sandbox(), '/v1/image_generation').map(
			(entry) => entry.body as { subject_reference: Array<{ type: string; image_file: string }> },
		);
		expect(bodies[0].subject_reference).toEqual([
			{ type: 'character', image_file: `data:image/jpeg;base64,${jpeg.toString('base64')}` },
		]);
		expect(bodies[1].subject_reference[0].image_file).toBe(
			`data:image/png;base64,${pngPortrait.toString('base64')}`,
		);
	});

	it('sends a character reference URL as it is, for MiniMax to fetch', async () => {
		const jpeg = await portrait();
		const server: Server = createServer((_req, res) => {
			res.writeHead(200, { 'content-type': 'image/jpeg' });
			res.end(jpeg);
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		try {
			const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/portrait.jpg`;
			await runOk(
				sandbox(),
				image({
					referenceSource: 'url',
					referenceUrl: url,
					options: { style: '水彩', styleWeight: 0.5 },
					model: 'image-01-live',
				}),
			);
			expect(apiRequests(sandbox(), '/v1/image_generation')[0].body).toMatchObject({
				subject_reference: [{ type: 'character', image_file: url }],
				style: { style_type: '水彩', style_weight: 0.5 },
			});
		} finally {
			server.closeAllConnections();
			await new Promise((resolve) => server.close(resolve));
		}
	});

	it('returns only the links when asked, without downloading', async () => {
		const items = await runOk(
			sandbox(),
			image({ numberOfImages: 2, options: { returnLinksOnly: true } }),
		);
		expect(items.map((item) => item.binary)).toEqual([undefined, undefined]);
		expect(items[1].json).toMatchObject({
			imageNumber: 2,
			imageUrl: expect.stringMatching(/\/dl\//),
			width: 1024,
			height: 1024,
		});
		expect(downloads(sandbox())).toHaveLength(0);
	});

	it('retries a rate-limited generation, but never one that may have been billed', async () => {
		sandbox().faults.add({ path: '/v1/image_generation', kind: 'rate_limit' });
		await runOk(sandbox(), image({ options: { retryDelayMs: 10 } }));
		expect(apiRequests(sandbox(), '/v1/image_generation')).toHaveLength(2);

		sandbox().reset();
		sandbox().faults.add({ path: '/v1/image_generation', kind: 'http_status', status: 502 });
		const result = await run(sandbox(), image({ options: { retryDelayMs: 10 } }));
		expect(result.status).toBe('error');
		expect(apiRequests(sandbox(), '/v1/image_generation')).toHaveLength(1);
	});

	it('never sends the key to the image links', async () => {
		await runOk(sandbox(), image({ numberOfImages: 2 }));
		for (const entry of downloads(sandbox()))
			expect(JSON.stringify(entry.headers)).not.toContain(SANDBOX_KEYS.global);
	});

	const textFile = {
		json: {},
		binary: {
			data: {
				base64: base64(Buffer.from('not an image')),
				fileName: 'face.jpg',
				mimeType: 'image/jpeg',
			},
		},
	};
	const hugeJpeg = {
		json: {},
		binary: {
			data: {
				base64: base64(
					Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.alloc(10 * 1024 * 1024)]),
				),
				fileName: 'huge.jpg',
				mimeType: 'image/jpeg',
			},
		},
	};
	const gif = {
		json: {},
		binary: {
			data: {
				base64: base64(Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1')),
				fileName: 'face.gif',
				mimeType: 'image/gif',
			},
		},
	};
	it.each([
		['a blank prompt', { prompt: '   ' }, undefined, /"Prompt" for item 0: it is empty/],
		[
			'a prompt over 1,500 characters',
			{ prompt: 'p'.repeat(1501) },
			undefined,
			/"Prompt" for item 0: it has 1,501 characters, the maximum is 1,500/,
		],
		[
			'ten images',
			{ numberOfImages: 10 },
			undefined,
			/"Number of Images" for item 0: it must be at least 1 and at most 9 \(got 10\)/,
		],
		[
			'a width that is not a multiple of 8',
			{ size: 'custom', width: 1020 },
			undefined,
			/"Width" for item 0: it must be a multiple of 8 \(got 1020; try 1016 or 1024\)/,
		],
		[
			'a height over 2048',
			{ size: 'custom', height: 4096 },
			undefined,
			/"Height" for item 0: it must be at least 512 and at most 2048/,
		],
		[
			'a custom size on image-01-live',
			{ model: 'image-01-live', size: 'custom' },
			undefined,
			/"Image Size" for item 0: a custom width × height is only available with the Image 01 model/,
		],
		[
			'21:9 on image-01-live',
			{ model: 'image-01-live', aspectRatio: '21:9' },
			undefined,
			/"Aspect Ratio" for item 0: 21:9 is only available with the Image 01 model/,
		],
		[
			'a style on image-01',
			{ options: { style: '漫画' } },
			undefined,
			/"Style" for item 0: styles are only available with the Image 01 Live model/,
		],
		[
			'a missing reference binary',
			{ referenceSource: 'binary', binaryPropertyName: 'face' },
			[{ json: {} }],
			/"Character Image Field" for item 0: there is no binary field "face"/,
		],
		[
			'a reference that is not an image',
			{ referenceSource: 'binary' },
			[textFile],
			/"Character Image Field" for item 0: the file "face.jpg" is not a JPG or PNG image/,
		],
		[
			'a GIF reference',
			{ referenceSource: 'binary' },
			[gif],
			/not a JPG or PNG image \(it is GIF\)/,
		],
		[
			'a reference of 10 MB',
			{ referenceSource: 'binary' },
			[hugeJpeg],
			/"Character Image Field" for item 0: the image "huge.jpg" is 10.0 MB; it must be smaller than 10 MB/,
		],
		[
			'a reference URL that is not http',
			{ referenceSource: 'url', referenceUrl: 'ftp://example.com/a.jpg' },
			undefined,
			/"Character Image URL" for item 0: "ftp:\/\/example.com\/a.jpg" is not an http\(s\) URL/,
		],
		[
			'an AIGC Watermark expression that is not true or false',
			{ options: { aigcWatermark: "={{ 'yes' }}" } },
			undefined,
			/"AIGC Watermark" for item 0: expected true or false, got string "yes"/,
		],
		[
			'a reference URL expression that resolves to null',
			{ referenceSource: 'url', referenceUrl: '={{ null }}' },
			undefined,
			/"Character Image URL" for item 0: it is empty \(the value is null\)/,
		],
		[
			'links only with base64',
			{ options: { returnLinksOnly: true, responseFormat: 'base64' } },
			undefined,
			/"Return Links Only" for item 0: links only exist with Transfer Format "URL"/,
		],
	])('rejects %s before any request', async (_label, parameters, items, message) => {
		const result = await run(sandbox(), image(parameters), { items });
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(message);
		expect(sandbox().log).toHaveLength(0);
	});
});
