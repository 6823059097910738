import axios, { type AxiosInstance } from 'axios';

import { SANDBOX_GROUP_ID, SANDBOX_KEYS, type Sandbox } from '../..';
import { MAX_TEXTS, NO_BALANCE_MARKER } from './routes';
import { embeddingsStore } from './store';
import { EMBEDDING_DIMENSIONS, embedText } from './vectors';
import { useSandbox } from '../../testing';

interface EmbeddingsResponse {
	vectors?: number[][];
	total_tokens?: number;
	base_resp: { status_code: number; status_msg: string };
	trace_id: string;
}

let sandbox: Sandbox;
let api: AxiosInstance;

useSandbox((started, client) => {
	sandbox = started;
	api = client;
});

async function embed(body: Record<string, unknown>, path = '/v1/embeddings') {
	const res = await api.post<EmbeddingsResponse>(path, body);
	return { status: res.status, body: res.data };
}

const cosine = (a: number[], b: number[]) => a.reduce((sum, value, i) => sum + value * b[i], 0);

describe('POST /v1/embeddings', () => {
	it('answers one 1536-number unit vector per text, in order, with total_tokens', async () => {
		const texts = ['The cat sat on the mat.', 'Quarterly revenue grew by 12 percent.'];
		const { status, body } = await embed({ model: 'embo-01', texts, type: 'db' });
		expect(status).toBe(200);
		expect(body.base_resp).toEqual({ status_code: 0, status_msg: 'success' });
		expect(body.vectors).toHaveLength(2);
		for (const vector of body.vectors ?? []) {
			expect(vector).toHaveLength(EMBEDDING_DIMENSIONS);
			expect(cosine(vector, vector)).toBeCloseTo(1, 5);
		}
		expect(body.vectors?.[0]).toEqual(embedText(texts[0]));
		expect(body.total_tokens).toBe(12);
		expect(sandbox.log[0]).toMatchObject({ billable: true, baseRespCode: 0 });
	});

	it('vectors follow the words: a query is nearest to the document it shares words with', async () => {
		const docs = [
			'Lighthouses guide ships along the rocky coast at night.',
			'Sourdough bread needs a starter, flour, water and salt.',
			'The annual budget meeting moved to Thursday afternoon.',
		];
		const stored = (await embed({ model: 'embo-01', texts: docs, type: 'db' })).body.vectors ?? [];
		const query = (
			await embed({ model: 'embo-01', texts: ['How do I bake sourdough bread?'], type: 'query' })
		).body.vectors?.[0] as number[];
		const scores = stored.map((vector) => cosine(vector, query));
		expect(scores.indexOf(Math.max(...scores))).toBe(1);
		const same = (await embed({ model: 'embo-01', texts: [docs[0]], type: 'query' })).body;
		expect(same.vectors?.[0]).toEqual(stored[0]);
	});

	it.each([
		[{ texts: ['a'], type: 'db' }, 'model: is required'],
		[{ model: 'embo-02', texts: ['a'], type: 'db' }, 'model: must be one of embo-01'],
		[{ model: 'embo-01', type: 'db' }, 'texts: is required'],
		[{ model: 'embo-01', texts: 'a', type: 'db' }, 'texts: Mismatch type, expected array'],
		[{ model: 'embo-01', texts: [], type: 'db' }, 'texts: must contain at least 1'],
		[{ model: 'embo-01', texts: ['a', 3], type: 'db' }, 'texts[1]: Mismatch type'],
		[{ model: 'embo-01', texts: ['a', '  '], type: 'db' }, 'texts[1]: must not be empty'],
		[{ model: 'embo-01', texts: ['a'] }, 'type: is required'],
		[{ model: 'embo-01', texts: ['a'], type: 'document' }, 'type: must be one of db, query'],
		[{ model: 'embo-01', input: ['a'], texts: ['a'], type: 'db' }, 'input: unknown parameter'],
		[
			{ model: 'embo-01', texts: Array.from({ length: MAX_TEXTS + 1 }, () => 'a'), type: 'db' },
			`texts: must contain at most ${MAX_TEXTS} items`,
		],
	] as Array<[Record<string, unknown>, string]>)(
		'refuses with 2013 on HTTP 200, never billed: %#',
		async (body, message) => {
			const res = await embed(body);
			expect(res.status).toBe(200);
			expect(res.body.base_resp.status_code).toBe(2013);
			expect(res.body.base_resp.status_msg).toContain(message);
			expect(res.body.vectors).toBeUndefined();
			expect(sandbox.log[0].billable).toBeUndefined();
		},
	);

	it('accepts exactly MAX_TEXTS texts', async () => {
		const texts = Array.from({ length: MAX_TEXTS }, (_, i) => `text ${i}`);
		const { body } = await embed({ model: 'embo-01', texts, type: 'db' });
		expect(body.vectors).toHaveLength(MAX_TEXTS);
	});

	it('answers 1008 insufficient balance for the marker (MiniMax-AI/MiniMax-M2#111)', async () => {
		const { body } = await embed({ model: 'embo-01', texts: [NO_BALANCE_MARKER], type: 'db' });
		expect(body.base_resp).toEqual({ status_code: 1008, status_msg: 'insufficient balance' });
	});

	it('a region without embeddings answers HTTP 404; the other region still serves them', async () => {
		embeddingsStore(sandbox.state).offered.global = false;
		const off = await embed({ model: 'embo-01', texts: ['a'], type: 'db' });
		expect(off.status).toBe(404);
		const china = await axios.post<EmbeddingsResponse>(
			`${sandbox.chinaUrl}/v1/embeddings`,
			{ model: 'embo-01', texts: ['a'], type: 'query' },
			{ headers: { Authorization: `Bearer ${SANDBOX_KEYS.china}` } },
		);
		expect(china.data.vectors?.[0]).toHaveLength(EMBEDDING_DIMENSIONS);
		sandbox.reset();
		expect((await embed({ model: 'embo-01', texts: ['a'], type: 'db' })).status).toBe(200);
	});

	it('checks GroupId like every route: the account group passes, another group is 1004', async () => {
		const body = { model: 'embo-01', texts: ['a'], type: 'db' };
		expect(
			(await embed(body, `/v1/embeddings?GroupId=${SANDBOX_GROUP_ID}`)).body.vectors,
		).toHaveLength(1);
		const other = await embed(body, '/v1/embeddings?GroupId=123');
		expect(other.body.base_resp.status_code).toBe(1004);
	});

	it('is rate limited per account like the other routes (1002, not billed)', async () => {
		sandbox.limits.set({ path: '/v1/embeddings', limit: 1 });
		const body = { model: 'embo-01', texts: ['a'], type: 'db' };
		expect((await embed(body)).body.base_resp.status_code).toBe(0);
		const refused = await embed(body);
		expect(refused.body.base_resp.status_code).toBe(1002);
		expect(sandbox.log[1]).toMatchObject({ rateLimited: true });
		expect(sandbox.log[1].billable).toBeUndefined();
	});
});
