import type { IDataObject } from 'n8n-workflow';

import { apiRequests, run, useSandbox } from '../helpers';

/**
 * Fresh-user trial findings 3 and 10, for every node: an ID parameter whose expression gives
 * undefined, null, a list or an object is refused before any request (the shared InputValidator),
 * and n8n's "Custom API Call" entry gives a clear error (the shared router).
 */
const sandbox = useSandbox();

const node = (type: string, parameters: IDataObject) => ({
	type: `n8n-nodes-minimax.${type}`,
	parameters,
});

const ID_PARAMETERS: Array<[string, string, IDataObject, string]> = [
	['Files › Get', 'miniMaxFiles', { operation: 'get', fileId: '={{ $json.id }}' }, 'File ID'],
	[
		'Video › Get Task',
		'miniMaxVideo',
		{ resource: 'video', operation: 'getTask', taskId: '={{ $json.id }}' },
		'Task ID',
	],
	[
		'Text to Speech › Get Long Task',
		'miniMaxTextToSpeech',
		{ operation: 'getLongTask', taskId: '={{ $json.id }}' },
		'Task ID',
	],
	[
		'Chat › Get Batch',
		'miniMaxChat',
		{ resource: 'batch', operation: 'get', batchId: '={{ $json.id }}' },
		'Batch ID',
	],
];

describe('ID parameters from expressions (trial finding 3)', () => {
	it.each(ID_PARAMETERS)(
		'%s: undefined, null, a list or an object is refused before any request',
		async (_, type, parameters, parameter) => {
			for (const [json, problem] of [
				[{}, /the expression gave undefined/],
				[{ id: null }, /the expression gave null/],
				[{ id: ['1'] }, /expected an ID, got a list/],
				[{ id: { id: 1 } }, /expected an ID, got an object/],
			] as const) {
				const result = await run(sandbox(), node(type, parameters), { items: [{ json }] });
				expect(result.error?.message).toMatch(`Invalid "${parameter}" for item 0`);
				expect(result.error?.message).toMatch(problem);
			}
			expect(apiRequests(sandbox())).toEqual([]);
		},
	);
});

describe('"Custom API Call" (trial finding 10)', () => {
	it.each([
		['a Resource', 'miniMaxChat', { resource: '__CUSTOM_API_CALL__' }],
		['a Resource', 'miniMaxVideo', { resource: '__CUSTOM_API_CALL__' }],
		['an Operation', 'miniMaxImage', { operation: '__CUSTOM_API_CALL__' }],
		['an Operation', 'miniMaxFiles', { operation: '__CUSTOM_API_CALL__' }],
	])('as %s of %s: a clear error naming the HTTP Request node', async (_, type, parameters) => {
		const result = await run(sandbox(), node(type, parameters));
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/"Custom API Call" is not an operation of this node/);
		expect(result.error?.message).toMatch(/HTTP Request node/);
		expect((result.error as { description?: string }).description).toMatch(
			/Predefined Credential Type.*MiniMax API/,
		);
		expect(apiRequests(sandbox())).toEqual([]);
	});
});
