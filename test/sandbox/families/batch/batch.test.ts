import { type AxiosInstance } from 'axios';

import { type Sandbox } from '../..';
import { modelsStore } from '../chat/models';
import { batchStore } from './store';
import { useSandbox } from '../../testing';

type Json = Record<string, unknown>;

let sandbox: Sandbox;
let api: AxiosInstance;

useSandbox(
	(started, client) => {
		sandbox = started;
		api = client;
	},
	{ timeScale: 0.001 },
);

const line = (customId: string, content: string, extra: Json = {}) => ({
	custom_id: customId,
	method: 'POST',
	url: '/v1/text/chatcompletion_v2',
	body: { model: 'MiniMax-M2', messages: [{ role: 'user', content }] },
	...extra,
});

async function uploadJsonl(text: string, purpose = 'batch', name = 'input.jsonl'): Promise<number> {
	const form = new FormData();
	form.append('purpose', purpose);
	form.append('file', new Blob([text], { type: 'application/jsonl' }), name);
	const { data } = await api.post<{ file: { file_id: number } }>('/v1/files/upload', form);
	return data.file.file_id;
}

async function createWith(lines: unknown[], extra: Json = {}) {
	const fileId = await uploadJsonl(lines.map((entry) => JSON.stringify(entry)).join('\n') + '\n');
	return api.post<Json>('/v1/batches', {
		input_file_id: fileId,
		endpoint: '/v1/text/chatcompletion_v2',
		completion_window: '24h',
		...extra,
	});
}

const code = (body: Json) => (body.base_resp as { status_code: number }).status_code;
const message = (body: Json) => (body.base_resp as { status_msg: string }).status_msg;

describe('sandbox › chat batches (/v1/batches)', () => {
	it('runs a batch through its statuses and serves output lines in a different order than the input', async () => {
		const { data: created } = await createWith([
			line('a', 'Say: 1'),
			line('b', 'Say: 2'),
			line('c', 'Say: 3'),
		]);
		expect(created).toMatchObject({ object: 'batch', status: 'validating', output_file_id: null });
		sandbox.advanceTime(1_600);
		const { data: running } = await api.get<Json>(`/v1/batches/${created.id}`);
		expect(running).toMatchObject({
			status: 'in_progress',
			request_counts: { total: 3, completed: 1 },
		});
		sandbox.advanceTime(60_000);
		const { data: done } = await api.get<Json>(`/v1/batches/${created.id}`);
		expect(done).toMatchObject({
			status: 'completed',
			error_file_id: null,
			completed_at: expect.any(Number),
		});
		const { data: content } = await api.get<string>('/v1/files/retrieve_content', {
			params: { file_id: done.output_file_id },
			responseType: 'text',
		});
		const ids = content
			.trim()
			.split('\n')
			.map((row) => (JSON.parse(row) as Json).custom_id);
		expect(ids).toEqual(['b', 'a', 'c']);
		expect(JSON.parse(content.split('\n')[0]).response).toMatchObject({
			status_code: 200,
			body: { choices: [expect.anything()] },
		});
	});

	it.each([
		['a line that is not an object', ['{oops'], /line 1 is not a JSON object/],
		['a wrong url', [line('a', 'x', { url: '/v1/chat/completions' })], /url must be/],
		['a duplicate custom_id', [line('a', 'x'), line('a', 'y')], /used twice/],
		[
			'a numeric custom_id',
			[{ ...line('a', 'x'), custom_id: 1 }],
			/custom_id must be a non-empty string/,
		],
		['a GET line', [line('a', 'x', { method: 'GET' })], /method must be "POST"/],
	])('refuses an input file with %s (2013, nothing billed)', async (_, lines, pattern) => {
		const { data } = await createWith(lines as unknown[]);
		expect(code(data)).toBe(2013);
		expect(message(data)).toMatch(pattern);
		expect(batchStore(sandbox.state).batches.size).toBe(0);
	});

	it('refuses a file of another purpose, a wrong endpoint or window, and an unknown file', async () => {
		const audio = await uploadJsonl('x', 'voice_clone', 'a.mp3');
		const base = { endpoint: '/v1/text/chatcompletion_v2', completion_window: '24h' };
		expect(
			message((await api.post<Json>('/v1/batches', { ...base, input_file_id: audio })).data),
		).toMatch(/purpose "voice_clone"/);
		expect(
			message((await api.post<Json>('/v1/batches', { ...base, input_file_id: 999 })).data),
		).toMatch(/not found/);
		const { data: window } = await createWith([line('a', 'x')], { completion_window: '48h' });
		expect(code(window)).toBe(2013);
		const { data: endpoint } = await createWith([line('a', 'x')], {
			endpoint: '/v1/chat/completions',
		});
		expect(code(endpoint)).toBe(2013);
	});

	it('lists newest first with limit 1..100 and after', async () => {
		const ids: unknown[] = [];
		for (let i = 0; i < 3; i++) ids.push((await createWith([line('a', `q${i}`)])).data.id);
		const { data: page } = await api.get<Json>('/v1/batches', { params: { limit: 2 } });
		expect((page.data as Json[]).map((batch) => batch.id)).toEqual([ids[2], ids[1]]);
		expect(page).toMatchObject({ object: 'list', has_more: true, last_id: ids[1] });
		const { data: next } = await api.get<Json>('/v1/batches', {
			params: { limit: 2, after: ids[1] },
		});
		expect((next.data as Json[]).map((batch) => batch.id)).toEqual([ids[0]]);
		expect(next.has_more).toBe(false);
		expect(code((await api.get<Json>('/v1/batches', { params: { limit: 101 } })).data)).toBe(2013);
		expect(code((await api.get<Json>('/v1/batches', { params: { after: 'batch_x' } })).data)).toBe(
			2013,
		);
	});

	it('cancels a running batch (cancelling → cancelled); an ended batch cannot be cancelled', async () => {
		const { data: created } = await createWith([line('a', 'x'), line('b', 'y')]);
		const { data: cancelling } = await api.post<Json>(`/v1/batches/${created.id}/cancel`);
		expect(cancelling.status).toBe('cancelling');
		sandbox.advanceTime(5_000);
		const { data: cancelled } = await api.get<Json>(`/v1/batches/${created.id}`);
		expect(cancelled).toMatchObject({
			status: 'cancelled',
			output_file_id: null,
			error_file_id: null,
		});
		expect(code((await api.post<Json>(`/v1/batches/${created.id}/cancel`)).data)).toBe(2013);
	});

	it('404 and not-supported modes; /v1/models modes', async () => {
		batchStore(sandbox.state).availability = 'http_404';
		expect((await api.get('/v1/batches')).status).toBe(404);
		batchStore(sandbox.state).availability = 'not_supported';
		expect(message((await api.get<Json>('/v1/batches')).data)).toMatch(/not supported/);

		const { data: models } = await api.get<Json>('/v1/models');
		expect((models.data as Json[]).map((model) => model.id)).toContain(
			'MiniMax-M3.1-Flash-Preview',
		);
		modelsStore(sandbox.state).mode = 'lagging';
		const { data: lagging } = await api.get<Json>('/v1/models');
		expect(lagging.data as Json[]).toHaveLength(7);
		modelsStore(sandbox.state).mode = 'http_404';
		expect((await api.get('/v1/models')).status).toBe(404);
	});
});
