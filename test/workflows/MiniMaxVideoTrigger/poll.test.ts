import axios from 'axios';
import type { IDataObject } from 'n8n-workflow';

import { binaryPath } from '../../harness';
import { runPoll } from '../../harness/triggers';
import { probeVideo } from '../../sandbox/families/video/probe';
import { videoStore } from '../../sandbox/families/video/store';
import { apiRequests, credentialsFor, SANDBOX_KEYS, useSandbox, triggerWorkflow } from '../helpers';

const sandbox = useSandbox({ timeScale: 100 });

describe('MiniMax Video Polling Trigger', () => {
	async function finishedVideo(prompt: string): Promise<void> {
		const created = await axios.post(
			`${sandbox().url}/v1/video_generation`,
			{ model: 'MiniMax-Hailuo-2.3', prompt, duration: 6, resolution: '768P' },
			{ headers: { Authorization: `Bearer ${SANDBOX_KEYS.global}` } },
		);
		expect(created.data.base_resp.status_code).toBe(0);
		sandbox().advanceTime(10 * 60_000);
		await videoStore(sandbox().state).settled();
	}

	it('does not replay history, then emits each new video once, oldest first, with its MP4', async () => {
		const workflow = triggerWorkflow('n8n-nodes-minimax.miniMaxVideoTrigger', { download: true });
		const staticData: IDataObject = {};
		const options = { credentials: credentialsFor(sandbox()), staticData };
		await finishedVideo('Old video from before activation');

		expect(await runPoll(workflow, 'Trigger', options)).toBeNull();
		expect(await runPoll(workflow, 'Trigger', options)).toBeNull();

		await finishedVideo('First new video');
		await finishedVideo('Second new video');
		const items = await runPoll(workflow, 'Trigger', options);
		expect(items).toHaveLength(2);
		const [first, second] = items!;
		expect(Date.parse(first.json.createdAt as string)).toBeLessThanOrEqual(
			Date.parse(second.json.createdAt as string),
		);
		expect(first.binary!.data.mimeType).toBe('video/mp4');
		expect((await probeVideo(binaryPath(second.binary!.data)!)).height).toBe(768);
		expect(await runPoll(workflow, 'Trigger', options)).toBeNull();
		expect(
			apiRequests(sandbox(), '/v1/files/list').every(
				(entry) => entry.query.purpose === 'video_generation',
			),
		).toBe(true);
	});

	it('caps a poll and continues where it stopped; manual runs show the newest video', async () => {
		const workflow = triggerWorkflow('n8n-nodes-minimax.miniMaxVideoTrigger', {
			options: { maxPerPoll: 1 },
		});
		const staticData: IDataObject = {};
		const options = { credentials: credentialsFor(sandbox()), staticData };
		expect(await runPoll(workflow, 'Trigger', options)).toBeNull();
		await finishedVideo('Video A');
		await finishedVideo('Video B');
		const firstPoll = await runPoll(workflow, 'Trigger', options);
		const secondPoll = await runPoll(workflow, 'Trigger', options);
		expect(firstPoll).toHaveLength(1);
		expect(secondPoll).toHaveLength(1);
		expect(firstPoll![0].json.fileId).not.toBe(secondPoll![0].json.fileId);
		expect(await runPoll(workflow, 'Trigger', options)).toBeNull();

		const manual = await runPoll(workflow, 'Trigger', {
			credentials: credentialsFor(sandbox()),
			mode: 'manual',
		});
		expect(manual).toHaveLength(1);
		expect(manual![0].json.fileId).toBe(secondPoll![0].json.fileId);
	});
});
