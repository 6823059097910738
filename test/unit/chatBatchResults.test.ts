import {
	compareCustomIds,
	parseResultFile,
	resultJson,
} from '../../nodes/MiniMaxChat/helpers/batchResults';

const jsonl = (...lines: unknown[]) => lines.map((line) => JSON.stringify(line)).join('\n') + '\n';

const completion = (content: string) => ({
	id: 'r1',
	model: 'MiniMax-M2.7',
	choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content } }],
	usage: { prompt_tokens: 5, completion_tokens: 7, total_tokens: 12 },
	base_resp: { status_code: 0, status_msg: '' },
});

describe('Chat › Batch result lines', () => {
	it('reads successes, error objects, error texts, HTTP errors and non-zero base_resp', () => {
		const { results, problems } = parseResultFile(
			jsonl(
				{
					custom_id: '2',
					response: { status_code: 200, body: completion('<think>hmm</think>Hi') },
				},
				{ custom_id: '0', response: null, error: { code: 'batch_expired', message: 'expired' } },
				{ custom_id: '1', error: 'overloaded' },
				// OpenAI-style failed line in the error file (ProjectTech4DevAI/kaapi-backend#723).
				{
					custom_id: 3,
					response: {
						status_code: 400,
						body: {
							error: {
								message: 'Invalid model',
								type: 'invalid_request_error',
								code: 'model_not_found',
							},
						},
					},
				},
				{
					custom_id: '4',
					response: {
						status_code: 200,
						body: { base_resp: { status_code: 1026, status_msg: 'input new_sensitive' } },
					},
				},
				{ custom_id: '5', response: { status_code: 200, body: { choices: [] } } },
			),
		);
		expect(problems).toEqual([]);
		expect(results.map((result) => [result.customId, Boolean(result.response)])).toEqual([
			['2', true],
			['0', false],
			['1', false],
			['3', false],
			['4', false],
			['5', false],
		]);
		expect(results[1].error).toEqual({ code: 'batch_expired', message: 'expired' });
		expect(results[2].error).toEqual({ message: 'overloaded' });
		expect(results[3].error).toEqual({
			code: 'model_not_found',
			message: 'Invalid model',
			httpStatus: 400,
		});
		expect(results[4].error).toMatchObject({ code: 1026, message: 'input new_sensitive' });
		expect(results[5].error?.message).toMatch(/no choices/);

		expect(resultJson(results[0], 'separate')).toMatchObject({
			customId: '2',
			succeeded: true,
			text: 'Hi',
			reasoning: 'hmm',
			usage: expect.objectContaining({ totalTokens: 12 }),
		});
		expect(resultJson(results[3], 'separate')).toEqual({
			customId: '3',
			succeeded: false,
			error: { code: 'model_not_found', message: 'Invalid model', httpStatus: 400 },
		});
	});

	it('reports unreadable lines and lines without custom_id; skips blank lines', () => {
		const { results, problems } = parseResultFile(
			'{"custom_id":"0","error":"x"}\n\n{broken\n{"error":"y"}\n',
		);
		expect(results).toHaveLength(1);
		expect(problems).toEqual(['line 3: not valid JSON', 'line 4: no custom_id']);
	});

	it('orders numeric custom_ids by number (10 after 9), others by text', () => {
		expect(['10', '9', '0', '2'].sort(compareCustomIds)).toEqual(['0', '2', '9', '10']);
		expect(['b', 'a', '1'].sort(compareCustomIds)).toEqual(['1', 'a', 'b']);
	});
});
