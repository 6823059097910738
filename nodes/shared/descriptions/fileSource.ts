import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

/**
 * The "binary file or URL" input that several operations share (voice sample, song to cover,
 * character portrait, video frames): a `<role>Source` selector, a `binaryPropertyName[<Role>]`
 * field shown for `binary` and a URL field shown for `url`.
 */

/** The two choices of a `<role>Source` selector, with what each one expects. */
export function binaryOrUrlOptions(descriptions: {
	binary: string;
	url: string;
}): INodePropertyOptions[] {
	return [
		{ name: 'Binary File From Input', value: 'binary', description: descriptions.binary },
		{ name: 'URL', value: 'url', description: descriptions.url },
	];
}

export interface BinaryFieldSpec {
	displayName: string;
	/** `binaryPropertyName`, or `binaryPropertyName<Role>` where a node reads several files. */
	name: string;
	/** What the file is, for the hint: "the voice sample" → "…binary file data of the voice sample". */
	what: string;
	description: string;
	show: Record<string, string[]>;
	default?: string;
}

/** The input binary field of a file input (shown when its selector says `binary`). */
export function binaryFieldProperty(spec: BinaryFieldSpec): INodeProperties {
	const field: INodeProperties = {
		displayName: spec.displayName,
		name: spec.name,
		type: 'string',
		default: 'data',
		required: true,
		displayOptions: { show: spec.show },
		hint: `The name of the input field containing the binary file data of ${spec.what}`,
		description: spec.description,
	};
	if (spec.default !== undefined) field.default = spec.default;
	return field;
}

export interface UrlFieldSpec {
	displayName: string;
	name: string;
	placeholder: string;
	description: string;
	show: Record<string, string[]>;
}

/** The URL field of a file input (shown when its selector says `url`); MiniMax fetches the link. */
export function urlFieldProperty(spec: UrlFieldSpec): INodeProperties {
	return {
		displayName: spec.displayName,
		name: spec.name,
		type: 'string',
		default: '',
		required: true,
		placeholder: spec.placeholder,
		displayOptions: { show: spec.show },
		description: spec.description,
	};
}

export interface FileSourceSpec {
	/** The selector: `<role>Source`, with its label, the two choices and an optional "None" first. */
	source: {
		displayName: string;
		name: string;
		binary: string;
		url: string;
		description?: string;
		optional?: boolean;
	};
	binary: Omit<BinaryFieldSpec, 'show'>;
	url: Omit<UrlFieldSpec, 'show'>;
}

/** Selector + binary field + URL field for one file input. */
export function fileSourceProperties(spec: FileSourceSpec): INodeProperties[] {
	const { source } = spec;
	const choices = binaryOrUrlOptions(source);
	const selector: INodeProperties = {
		displayName: source.displayName,
		name: source.name,
		type: 'options',
		default: 'binary',
		options: choices,
	};
	if (source.optional) {
		selector.default = 'none';
		selector.options = [{ name: 'None', value: 'none' }, ...choices];
	}
	if (source.description) selector.description = source.description;
	return [
		selector,
		binaryFieldProperty({ ...spec.binary, show: { [source.name]: ['binary'] } }),
		urlFieldProperty({ ...spec.url, show: { [source.name]: ['url'] } }),
	];
}
