import axios, { type AxiosInstance } from 'axios';

import { type Sandbox } from '../..';
import { probeImage as dimensions } from '../../media/imageProbe';
import { useSandbox } from '../../testing';

interface ImageResponse {
	id: string;
	data: { image_urls?: string[]; image_base64?: string[] };
	metadata: { success_count: string; failed_count: string };
	base_resp: { status_code: number; status_msg: string };
}

let sandbox: Sandbox;
let api: AxiosInstance;

useSandbox((started, client) => {
	sandbox = started;
	api = client;
});

async function generate(body: Record<string, unknown>) {
	return (await api.post<ImageResponse>('/v1/image_generation', body)).data;
}

describe('image_generation', () => {
	it('answers n signed JPEG links with string counts, sized by the aspect ratio', async () => {
		const res = await generate({
			model: 'image-01',
			prompt: 'A lighthouse at dawn',
			aspect_ratio: '16:9',
			n: 2,
		});
		expect(res.base_resp.status_code).toBe(0);
		expect(res.metadata).toEqual({ success_count: '2', failed_count: '0' });
		expect(res.id).toMatch(/^[0-9a-f]{32}$/);
		const urls = res.data.image_urls ?? [];
		expect(urls).toHaveLength(2);
		const images = await Promise.all(
			urls.map(async (url) =>
				Buffer.from((await axios.get<ArrayBuffer>(url, { responseType: 'arraybuffer' })).data),
			),
		);
		expect(images[0].equals(images[1])).toBe(false);
		for (const image of images)
			expect(await dimensions(image)).toEqual({ codec: 'mjpeg', width: 1280, height: 720 });
		expect(sandbox.log[0]).toMatchObject({ billable: true, jobId: res.id });
	});

	it('answers base64 in the requested width × height, the same bytes for the same seed', async () => {
		const body = {
			model: 'image-01',
			prompt: 'Seeded',
			width: 512,
			height: 768,
			seed: 42,
			response_format: 'base64',
		};
		const first = await generate(body);
		const second = await generate(body);
		expect(first.data.image_base64?.[0]).toBe(second.data.image_base64?.[0]);
		expect(await dimensions(Buffer.from(first.data.image_base64?.[0] ?? '', 'base64'))).toEqual({
			codec: 'mjpeg',
			width: 512,
			height: 768,
		});
		// aspect_ratio wins over width × height
		const both = await generate({ ...body, aspect_ratio: '1:1' });
		expect(
			await dimensions(Buffer.from(both.data.image_base64?.[0] ?? '', 'base64')),
		).toMatchObject({ width: 1024, height: 1024 });
	});

	it('blocks images on the block marker and answers PNG bytes on the png marker', async () => {
		const res = await generate({
			model: 'image-01-live',
			prompt: 'Crowd [[sandbox:block=2]] [[sandbox:png]]',
			n: 3,
			response_format: 'base64',
		});
		expect(res.metadata).toEqual({ success_count: '1', failed_count: '2' });
		expect(res.data.image_base64).toHaveLength(1);
		expect((await dimensions(Buffer.from(res.data.image_base64?.[0] ?? '', 'base64'))).codec).toBe(
			'png',
		);
		const none = await generate({
			model: 'image-01',
			prompt: 'All blocked [[sandbox:block=9]]',
			n: 2,
		});
		expect(none.metadata).toEqual({ success_count: '0', failed_count: '2' });
		expect(none.data.image_urls).toEqual([]);
		expect(sandbox.log[1].billable).toBeUndefined();
		expect(
			(await generate({ model: 'image-01', prompt: 'x [[sandbox:sensitive]]' })).base_resp
				.status_code,
		).toBe(1026);
	});

	it('accepts a character reference as a data URL or a link, and checks it is a JPEG/PNG under 10 MB', async () => {
		const made = await generate({ model: 'image-01', prompt: 'Face', response_format: 'base64' });
		const jpeg = made.data.image_base64?.[0] as string;
		const ok = await generate({
			model: 'image-01',
			prompt: 'Same face',
			subject_reference: [{ type: 'character', image_file: `data:image/jpeg;base64,${jpeg}` }],
		});
		expect(ok.base_resp.status_code).toBe(0);
		const link = (await generate({ model: 'image-01', prompt: 'Face link' })).data.image_urls?.[0];
		expect(
			(
				await generate({
					model: 'image-01-live',
					prompt: 'From link',
					subject_reference: [{ type: 'character', image_file: link }],
				})
			).base_resp.status_code,
		).toBe(0);

		const bad = async (image_file: string) =>
			(
				await generate({
					model: 'image-01',
					prompt: 'p',
					subject_reference: [{ type: 'character', image_file }],
				})
			).base_resp;
		expect(
			(await bad(`data:image/png;base64,${Buffer.from('not an image').toString('base64')}`))
				.status_msg,
		).toMatch(/must be JPG, JPEG or PNG/);
		expect((await bad('ftp://example.com/a.jpg')).status_msg).toMatch(
			/http\(s\) URL or a data URL/,
		);
		expect(
			(await bad(`${sandbox.url}/dl/missing/x.jpeg?expires=1&signature=00`)).status_msg,
		).toMatch(/could not be downloaded/);
		const huge = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.alloc(10 * 1024 * 1024)]);
		expect((await bad(`data:image/jpeg;base64,${huge.toString('base64')}`)).status_msg).toMatch(
			/smaller than 10MB/,
		);
	});

	it.each([
		['no prompt', { model: 'image-01' }, /prompt: is required/],
		[
			'a long prompt',
			{ model: 'image-01', prompt: 'p'.repeat(1501) },
			/prompt: must be at most 1500 characters/,
		],
		[
			'an unknown model',
			{ model: 'image-02', prompt: 'p' },
			/model: must be one of image-01, image-01-live/,
		],
		[
			'21:9 on image-01-live',
			{ model: 'image-01-live', prompt: 'p', aspect_ratio: '21:9' },
			/21:9 is only available for image-01/,
		],
		[
			'width without height',
			{ model: 'image-01', prompt: 'p', width: 1024 },
			/height: width and height must be given together/,
		],
		[
			'a width not a multiple of 8',
			{ model: 'image-01', prompt: 'p', width: 1020, height: 1024 },
			/width: must be a multiple of 8/,
		],
		[
			'a height over 2048',
			{ model: 'image-01', prompt: 'p', width: 1024, height: 2056 },
			/height: must be in range \[512, 2048\]/,
		],
		[
			'width × height on image-01-live',
			{ model: 'image-01-live', prompt: 'p', width: 1024, height: 1024 },
			/only available for image-01/,
		],
		['n = 10', { model: 'image-01', prompt: 'p', n: 10 }, /n: must be in range \[1, 9\]/],
		['n as a string', { model: 'image-01', prompt: 'p', n: '2' }, /n: Mismatch type/],
		[
			'image_size',
			{ model: 'image-01', prompt: 'p', image_size: '1024x1024' },
			/image_size: unknown parameter/,
		],
		[
			'style on image-01',
			{ model: 'image-01', prompt: 'p', style: { style_type: '水彩' } },
			/style is only available for image-01-live/,
		],
		[
			'two references',
			{
				model: 'image-01',
				prompt: 'p',
				subject_reference: [
					{ type: 'character', image_file: 'https://a/b.jpg' },
					{ type: 'character', image_file: 'https://a/c.jpg' },
				],
			},
			/at most 1 items/,
		],
		[
			'a reference of another type',
			{
				model: 'image-01',
				prompt: 'p',
				subject_reference: [{ type: 'object', image_file: 'https://a/b.jpg' }],
			},
			/type: must be one of character/,
		],
	])('rejects %s with 2013', async (_label, body, message) => {
		const res = await generate(body);
		expect(res.base_resp.status_code).toBe(2013);
		expect(res.base_resp.status_msg).toMatch(message);
		expect(sandbox.log[0].billable).toBeUndefined();
	});

	it('accepts a style on image-01-live', async () => {
		const res = await generate({
			model: 'image-01-live',
			prompt: 'Comic hero',
			style: { style_type: '漫画', style_weight: 0.5 },
			prompt_optimizer: true,
			aigc_watermark: true,
		});
		expect(res.base_resp.status_code).toBe(0);
	});
});
