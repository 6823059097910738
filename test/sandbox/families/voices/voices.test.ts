import { type AxiosInstance } from 'axios';

import { type Sandbox } from '../..';
import { useSandbox } from '../../testing';

interface VoiceItem {
	voice_id: string;
	voice_name?: string;
	description: string[];
	created_time: string;
}

interface VoiceList {
	system_voice?: VoiceItem[];
	voice_cloning?: VoiceItem[];
	voice_generation?: VoiceItem[];
	base_resp: { status_code: number; status_msg: string };
}

let sandbox: Sandbox;
let api: AxiosInstance;

useSandbox((started, client) => {
	sandbox = started;
	api = client;
});

const list = async (voiceType: unknown) =>
	(await api.post<VoiceList>('/v1/get_voice', { voice_type: voiceType })).data;

describe('get_voice', () => {
	it('returns only the system group for system, with realistic voices', async () => {
		const res = await list('system');
		expect(Object.keys(res).sort()).toEqual(['base_resp', 'system_voice', 'trace_id']);
		const voices = res.system_voice ?? [];
		expect(voices.length).toBeGreaterThanOrEqual(25);
		const ids = voices.map((v) => v.voice_id);
		for (const id of [
			'English_expressive_narrator',
			'Wise_Woman',
			'male-qn-qingse',
			'Chinese (Mandarin)_Reliable_Executive',
			'Spanish_SereneWoman',
		]) {
			expect(ids).toContain(id);
		}
		expect(new Set(ids).size).toBe(ids.length);
		for (const voice of voices) {
			expect(voice).toEqual({
				voice_id: expect.any(String),
				voice_name: expect.any(String),
				description: expect.any(Array),
				created_time: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
			});
		}
	});

	it('returns all three groups for all, with cloned and designed voices', async () => {
		sandbox.state.addClonedVoice('MyVoice0001');
		sandbox.state.addDesignedVoice('ttv-voice-2025060717322425-abcdefgh', {
			description: ['Warm narrator'],
		});
		const res = await list('all');
		expect(res.voice_cloning?.map((v) => v.voice_id)).toEqual(['MyVoice0001']);
		expect(res.voice_generation).toEqual([
			{
				voice_id: 'ttv-voice-2025060717322425-abcdefgh',
				description: ['Warm narrator'],
				created_time: new Date(sandbox.now()).toISOString().slice(0, 10),
			},
		]);
		expect(res.system_voice?.length).toBeGreaterThan(0);
		const cloning = await list('voice_cloning');
		expect(Object.keys(cloning)).not.toContain('system_voice');
		expect(cloning.voice_cloning).toHaveLength(1);
	});

	it('hides a fresh clone until it has been used in TTS', async () => {
		sandbox.state.addClonedVoice('FreshClone01', { activated: false });
		expect((await list('voice_cloning')).voice_cloning).toEqual([]);
		const tts = await api.post('/v1/t2a_v2', {
			model: 'speech-2.8-turbo',
			text: 'First use.',
			voice_setting: { voice_id: 'FreshClone01' },
		});
		expect(tts.data.base_resp.status_code).toBe(0);
		expect((await list('voice_cloning')).voice_cloning?.map((v) => v.voice_id)).toEqual([
			'FreshClone01',
		]);
	});

	it.each([['cloned'], ['System'], [''], [1], [undefined]])(
		'rejects voice_type %j with 2013',
		async (voiceType) => {
			const res = await list(voiceType);
			expect(res.base_resp.status_code).toBe(2013);
			expect(res.base_resp.status_msg).toContain('voice_type');
		},
	);
});

describe('delete_voice', () => {
	it('deletes a cloned voice; the id then fails in TTS and cannot be reused', async () => {
		sandbox.state.addClonedVoice('MyVoice0002');
		const res = await api.post('/v1/delete_voice', {
			voice_type: 'voice_cloning',
			voice_id: 'MyVoice0002',
		});
		expect(res.data).toMatchObject({
			voice_id: 'MyVoice0002',
			created_time: expect.stringMatching(/^\d{10}$/),
			base_resp: { status_code: 0 },
		});
		expect((await list('voice_cloning')).voice_cloning).toEqual([]);
		const tts = await api.post('/v1/t2a_v2', {
			model: 'speech-2.8-hd',
			text: 'Hi',
			voice_setting: { voice_id: 'MyVoice0002' },
		});
		expect(tts.data.base_resp.status_code).toBe(2054);
		expect(() => sandbox.state.addClonedVoice('MyVoice0002')).toThrow();
	});

	it('deletes a designed voice under voice_generation', async () => {
		sandbox.state.addDesignedVoice('ttv-voice-1');
		const res = await api.post('/v1/delete_voice', {
			voice_type: 'voice_generation',
			voice_id: 'ttv-voice-1',
		});
		expect(res.data.base_resp.status_code).toBe(0);
	});

	it.each([
		['unknown voice', { voice_type: 'voice_cloning', voice_id: 'Nobody0001' }],
		['system voice', { voice_type: 'voice_cloning', voice_id: 'Wise_Woman' }],
		['system voice_type', { voice_type: 'system', voice_id: 'Wise_Woman' }],
		['wrong group', { voice_type: 'voice_generation', voice_id: 'MyVoice0003' }],
		['missing voice_id', { voice_type: 'voice_cloning' }],
	])('rejects %s with 2013', async (_name, body) => {
		sandbox.state.addClonedVoice('MyVoice0003');
		const res = await api.post('/v1/delete_voice', body);
		expect(res.status).toBe(200);
		expect(res.data.base_resp.status_code).toBe(2013);
		expect(sandbox.state.findVoice('MyVoice0003')).toBeDefined();
	});
});
