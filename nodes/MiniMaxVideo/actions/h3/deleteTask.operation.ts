import { updateDisplayOptions } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { isStatus } from '../../../shared/transport/polling';
import { withTaskId } from '../../../shared/transport/taskErrors';
import { InputValidator } from '../../../shared/validation';
import { queryH3Task } from '../../../shared/video/h3';
import { deleteH3Task } from '../../../shared/video/h3Tasks';
import { statusOptions } from '../../helpers/options';
import { readId, taskIdProperty } from '../../helpers/taskInput';

const properties: INodeProperties[] = [
	taskIdProperty('The ID of the MiniMax-H3 task to cancel (queued) or delete (finished)'),
	statusOptions,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['h3'], operation: ['deleteTask'] } },
	properties,
);

const QUEUED = ['queued'];
const RUNNING_HINT =
	'A running task can be neither cancelled nor deleted: wait until it finishes ("Get MiniMax-H3 Task Status"), then delete its record.';
const CANCELLED_HINT =
	'The task is already cancelled (a cancelled task is not billed); MiniMax keeps its record, there is nothing left to cancel or delete.';

/**
 * DELETE /v2/video_generation/{task_id} (docs/minimax-api.md §17.2): asks the task's status first
 * (a free query) so the output can say what happened: a queued task is cancelled and never billed,
 * a finished task's record is deleted. Running and cancelled tasks get MiniMax's error with a hint.
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const check = new InputValidator(this.getNode(), itemIndex);
	const taskId = readId(check, 'Task ID', this.getNodeParameter('taskId', itemIndex));
	let previous = '';
	try {
		previous = (await queryH3Task(this, itemIndex, taskId)).status;
		const answer = await deleteH3Task(this, itemIndex, taskId);
		const answered = String(
			(answer.task as IDataObject | undefined)?.status ?? answer.status ?? '',
		);
		const cancelled = isStatus(answered || previous, [...QUEUED, 'cancelled']);
		const json: IDataObject = {
			taskId,
			previousStatus: previous || undefined,
			action: cancelled ? 'cancelled' : 'deleted',
			billed: cancelled ? false : undefined,
			message: cancelled
				? 'The queued task was cancelled before it started; MiniMax does not bill it.'
				: "The finished task's record was deleted; it no longer appears in List Tasks or Get Task Status. A video downloaded earlier is not affected.",
		};
		for (const key of Object.keys(json)) if (json[key] === undefined) delete json[key];
		return [{ json, pairedItem: { item: itemIndex } }];
	} catch (error) {
		const hint = isStatus(previous, ['cancelled', 'canceled'])
			? CANCELLED_HINT
			: isStatus(previous, ['running', ...QUEUED])
				? RUNNING_HINT
				: '';
		throw withTaskId(error, taskId, hint);
	}
}
