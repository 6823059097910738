import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

/**
 * The canvas subtitle of a node with an Operation parameter: the readable name of the chosen
 * operation ("Generate Long Speech", not "generateLong"), as OpenAI v2's `prettifyOperation`
 * subtitle does. The names come from the node's own Operation options (one per Resource when the
 * node has resources), so a label lives in one place; `names` overrides a few where the option name
 * alone is too short on the canvas (key `operation`, or `resource:operation`).
 *
 * Returns an n8n expression (`={{ … }}`) that the editor evaluates with the node's parameters; an
 * operation missing from the table shows its raw value rather than nothing.
 */
export function operationSubtitle(
	properties: INodeProperties[],
	names: Record<string, string> = {},
): string {
	const labels: Record<string, string> = {};
	let byResource = false;
	for (const property of properties) {
		if (property.name !== 'operation' || property.type !== 'options') continue;
		const resources = (property.displayOptions?.show?.resource as string[] | undefined) ?? [
			undefined,
		];
		for (const resource of resources) {
			if (resource !== undefined) byResource = true;
			for (const option of (property.options ?? []) as INodePropertyOptions[]) {
				const value = String(option.value);
				const key = resource === undefined ? value : `${resource}:${value}`;
				labels[key] = names[key] ?? option.name;
			}
		}
	}
	const key = byResource
		? `$parameter.resource + ':' + $parameter.operation`
		: '$parameter.operation';
	return `={{ (${JSON.stringify(labels)})[${key}] || $parameter.operation }}`;
}
