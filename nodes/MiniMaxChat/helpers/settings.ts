import type { IDataObject } from 'n8n-workflow';

import { acceptsResponseFormat } from '../../shared/chat/models';
import { isPresent, readModelChoice, type ModelChoice } from '../../shared/chat/options';
import type { WireTool } from '../../shared/chat/wire';
import { readCommonOptions, type CommonOptions } from '../../shared/descriptions/options';
import type { InputValidator } from '../../shared/validation';

export type ReasoningMode = 'separate' | 'strip' | 'keep';
export type ReplyFile = 'none' | 'txt' | 'md';

export interface ChatSettings extends ModelChoice {
	reasoning: ReasoningMode;
	json: boolean;
	jsonSchema?: IDataObject;
	/** Send `response_format` (only where MiniMax is reported to accept it). */
	sendResponseFormat: boolean;
	tools?: WireTool[];
	toolChoice?: string;
	stream: boolean;
	replyFile: ReplyFile;
	common: CommonOptions;
}

/** Every option checked against MiniMax's rules before any request (docs/minimax-api.md §11). */
export function readChatSettings(
	check: InputValidator,
	rawModel: unknown,
	options: IDataObject,
): ChatSettings {
	const choice = readModelChoice(check, rawModel, options);
	const { model, api } = choice;
	const json =
		check.oneOf('Response Format', options.responseFormat ?? 'text', ['text', 'json']) === 'json';
	const jsonSchema =
		json && isPresent(options.jsonSchema) ? readSchema(check, options.jsonSchema) : undefined;
	const tools = isPresent(options.tools) ? readTools(check, options.tools) : undefined;
	return {
		...choice,
		reasoning: check.oneOf('Reasoning', options.reasoning ?? 'separate', [
			'separate',
			'strip',
			'keep',
		]),
		json,
		jsonSchema,
		sendResponseFormat: json && api === 'openai' && acceptsResponseFormat(model),
		tools,
		toolChoice: tools?.length
			? check.oneOf('Tool Choice', options.toolChoice ?? 'auto', ['auto', 'none', 'required'])
			: undefined,
		stream: check.boolean('Stream Response', options.stream),
		replyFile: check.oneOf('Reply as File', options.replyFile ?? 'none', ['none', 'txt', 'md']),
		common: readCommonOptions(options),
	};
}

function readSchema(check: InputValidator, raw: unknown): IDataObject {
	const schema = check.json('JSON Schema', raw);
	if (typeof schema !== 'object' || schema === null || Array.isArray(schema))
		check.fail(
			'JSON Schema',
			'it must be a JSON object, e.g. {"type": "object", "required": ["title"]}',
		);
	return schema as IDataObject;
}

function readTools(check: InputValidator, raw: unknown): WireTool[] {
	const parsed = check.json('Tools', raw);
	const list = Array.isArray(parsed) ? parsed : [parsed];
	return list.map((entry, index) => {
		const tool = (entry ?? {}) as IDataObject;
		// Accept both {type, function: {...}} and the bare function object.
		const fn = (tool.function ?? tool) as IDataObject;
		const name = fn.name;
		if (typeof name !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(name)) {
			check.fail(
				'Tools',
				`tool ${index + 1} needs a function name of 1–64 letters, digits, "_" or "-"`,
			);
		}
		if (
			fn.parameters !== undefined &&
			(typeof fn.parameters !== 'object' || fn.parameters === null || Array.isArray(fn.parameters))
		) {
			check.fail('Tools', `the parameters of tool "${name}" must be a JSON Schema object`);
		}
		// MiniMax rejects the `strict` flag (docs/minimax-api.md §11.2).
		const definition = { ...fn };
		delete definition.strict;
		return { type: 'function', function: definition as WireTool['function'] };
	});
}
