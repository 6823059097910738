import type { INodeProperties } from 'n8n-workflow';

import type { InputValidator } from '../../shared/validation';

export function taskIdProperty(
	description: string,
	show?: Record<string, string[]>,
): INodeProperties {
	return {
		displayName: 'Task ID',
		name: 'taskId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 106916112212032',
		description,
		...(show ? { displayOptions: { show } } : {}),
	};
}

/** MiniMax task and file IDs are digit strings (a JSON number may arrive as a number). */
export function readId(check: InputValidator, parameter: string, value: unknown): string {
	const id = check.id(parameter, value, { max: 64 });
	if (!/^\d+$/.test(id)) check.fail(parameter, `"${id}" is not a MiniMax ID (digits only)`);
	return id;
}
