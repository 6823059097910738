import { updateDisplayOptions } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { isStatus } from '../../../shared/transport/polling';
import { InputValidator } from '../../../shared/validation';
import { H3_SUCCESS, h3Json, type H3TaskStatus } from '../../../shared/video/h3';
import { listH3Tasks } from '../../../shared/video/h3Tasks';
import { statusOptions } from '../../helpers/options';
import { returnAllAndLimit } from '../../../shared/descriptions/options';

const STATUSES = ['queued', 'running', 'succeeded', 'failed', 'cancelled', 'expired'];

const properties: INodeProperties[] = [
	...returnAllAndLimit(),
	{
		displayName: 'Status',
		name: 'statusFilter',
		type: 'multiOptions',
		default: [],
		options: STATUSES.map((status) => ({
			name: status.charAt(0).toUpperCase() + status.slice(1),
			value: status,
		})),
		description: 'Only tasks with one of these statuses (empty: all). Applied by the node.',
	},
	statusOptions,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['h3'], operation: ['listTasks'] } },
	properties,
);

/** One item per task, newest first (MiniMax keeps tasks for 7 days). */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const check = new InputValidator(this.getNode(), itemIndex);
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const limit = returnAll
		? Infinity
		: check.number('Limit', this.getNodeParameter('limit', itemIndex, 50), {
				min: 1,
				integer: true,
			});
	const statuses = (this.getNodeParameter('statusFilter', itemIndex, []) as string[]) ?? [];
	for (const status of statuses) check.oneOf('Status', status, STATUSES);
	const tasks = await listH3Tasks(
		this,
		itemIndex,
		limit,
		(task) => statuses.length === 0 || isStatus(task.status, statuses),
	);
	return tasks.map((task) => ({ json: taskItem(task), pairedItem: { item: itemIndex } }));
}

function taskItem(task: H3TaskStatus): IDataObject {
	const json: IDataObject = {
		taskId: task.taskId,
		status: task.status,
		taskType: task.taskType,
		...h3Json(task),
		createdAt: task.createdAt,
		updatedAt: task.updatedAt,
		downloadUrl: isStatus(task.status, H3_SUCCESS) ? task.url : undefined,
		failureReason: task.failure,
	};
	for (const key of Object.keys(json)) if (json[key] === undefined) delete json[key];
	return json;
}
