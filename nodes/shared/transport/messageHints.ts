/**
 * Hints chosen by what MiniMax's message says, where the code alone is too general (2013 covers
 * every invalid parameter). Checked before the per-code hint.
 */
const MESSAGE_HINTS: Array<{ code: number; pattern: RegExp; hint: string }> = [
	{
		// Contract §7.4 and §17.2: MiniMax POSTs {"challenge": "…"} to the callback URL when the task is
		// created and needs the same JSON back within about 3 s; otherwise the create fails with this.
		code: 2013,
		pattern: /callback/i,
		hint:
			'MiniMax could not verify the callback URL. When a task is created, MiniMax POSTs {"challenge": "…"} to the URL and needs the same value back within about 3 seconds. ' +
			'Usual causes in n8n: the workflow with the MiniMax Video Callback Trigger is not active; the test URL (…/webhook-test/…) was used instead of the production URL (…/webhook/…); ' +
			'the MiniMax Video Callback Trigger has a secret but the URL lacks ?secret=… (the trigger then refuses the challenge); n8n is not reachable from the internet (localhost, a private network, no tunnel or WEBHOOK_URL); ' +
			'or n8n answered too slowly. Fix the URL or leave Callback URL empty and let the node wait by polling.',
	},
	{
		// MiniMax-AI/cli#159: a cover with new lyrics straight from the reference audio was refused
		// with "Cover mode requires dtw_result, beat_result, and audio_duration"; the fix (cli#160) is
		// the two-step flow of docs/minimax-api.md §17.3.
		code: 2013,
		pattern: /dtw_result|beat_result|cover mode requires/i,
		hint: 'MiniMax wants this cover prepared first. Run Music › Prepare Cover on the reference song, edit its formattedLyrics, then run Cover Song with Reference Song "Prepared Cover (Feature ID)" and that coverFeatureId.',
	},
	{
		code: 2013,
		pattern: /cover_feature_id/i,
		hint: 'A cover feature ID from Prepare Cover is valid for 24 hours and only on the MiniMax region (host) that made it. Run Music › Prepare Cover again and use the new coverFeatureId.',
	},
];

/** The hint for a MiniMax error whose message says more than its code, if any. */
export function messageHint(code: number | undefined, message: string): string | undefined {
	return MESSAGE_HINTS.find((entry) => entry.code === code && entry.pattern.test(message))?.hint;
}
