import { invalidParams } from '../../http/errors';
import { jsonReply, type Reply } from '../../http/reply';
import type { Route, RouteContext } from '../../http/routes';
import type { VoiceRecord, VoiceType } from '../../core/state';
import { Fields } from '../../http/validate';

/** Voice list and delete: POST /v1/get_voice, POST /v1/delete_voice. */

const GROUPS: Record<VoiceType, string> = {
	system: 'system_voice',
	voice_cloning: 'voice_cloning',
	voice_generation: 'voice_generation',
};

function day(ms: number): string {
	return new Date(ms).toISOString().slice(0, 10);
}

function describe(voice: VoiceRecord): Record<string, unknown> {
	const out: Record<string, unknown> = { voice_id: voice.voice_id };
	if (voice.voice_name !== undefined) out.voice_name = voice.voice_name;
	out.description = voice.description;
	out.created_time = day(voice.createdAt);
	return out;
}

function getVoice(ctx: RouteContext): Reply {
	const json = new Fields(ctx.json);
	const type = json.string('voice_type', {
		required: true,
		oneOf: ['system', 'voice_cloning', 'voice_generation', 'all'],
	});
	const types: VoiceType[] =
		type === 'all' ? ['system', 'voice_cloning', 'voice_generation'] : [type as VoiceType];
	const payload: Record<string, unknown> = {};
	for (const t of types) payload[GROUPS[t]] = ctx.env.state.listVoices(t).map(describe);
	return jsonReply(ctx.traceId, payload);
}

function deleteVoice(ctx: RouteContext): Reply {
	const json = new Fields(ctx.json);
	const type = json.string('voice_type', {
		required: true,
		oneOf: ['voice_cloning', 'voice_generation'],
	});
	const voiceId = json.string('voice_id', { required: true, nonEmpty: true }) as string;
	const { state } = ctx.env;
	const voice = state.findVoice(voiceId);
	if (!voice || voice.type !== type)
		throw invalidParams('voice_id', `no ${type} voice "${voiceId}" exists in this account`);
	state.deleteVoice(voiceId);
	return jsonReply(ctx.traceId, {
		voice_id: voiceId,
		created_time: String(Math.floor(voice.createdAt / 1000)),
	});
}

export const voiceRoutes: Route[] = [
	{ method: 'POST', path: '/v1/get_voice', body: 'json', handle: getVoice },
	{ method: 'POST', path: '/v1/delete_voice', body: 'json', handle: deleteVoice },
];
