import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { fileSourceProperties } from '../../shared/descriptions/fileSource';

/**
 * The reference song of Cover Song and Prepare Cover: `referenceSource` (an input binary or a URL;
 * for Cover Song also a feature id from Prepare Cover), `binaryPropertyName` and `referenceUrl`.
 */

export const FEATURE_ID_SOURCE = 'featureId';

const FEATURE_ID_OPTION: INodePropertyOptions = {
	name: 'Prepared Cover (Feature ID)',
	value: FEATURE_ID_SOURCE,
	description:
		'The cover feature ID from Music › Prepare Cover (valid 24 hours); sing your edited lyrics over it',
};

export function referenceSongProperties(withFeatureId: boolean): INodeProperties[] {
	const properties = fileSourceProperties({
		source: {
			displayName: 'Reference Song',
			name: 'referenceSource',
			binary: 'An MP3, WAV, M4A or FLAC file from an earlier node (sent inline)',
			url: 'A public link to the song; MiniMax downloads it (lighter for large files)',
			description: withFeatureId
				? 'The song to cover (6 s to 6 min, up to 50 MB), or a cover prepared from it'
				: 'The song to prepare: 6 s to 6 min, up to 50 MB',
		},
		binary: {
			displayName: 'Reference Song Field',
			name: 'binaryPropertyName',
			what: 'the song',
			description: 'The song (MP3, WAV, M4A or FLAC; 6 s to 6 min; up to 50 MB), sent inline',
		},
		url: {
			displayName: 'Reference Song URL',
			name: 'referenceUrl',
			placeholder: 'https://example.com/original.mp3',
			description: 'A public link to the song (6 s to 6 min, up to 50 MB)',
		},
	});
	if (!withFeatureId) return properties;
	const [selector, ...fields] = properties;
	return [
		{ ...selector, options: [...(selector.options ?? []), FEATURE_ID_OPTION] },
		...fields,
		{
			displayName: 'Cover Feature ID',
			name: 'coverFeatureId',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. {{ $json.coverFeatureId }}',
			displayOptions: { show: { referenceSource: [FEATURE_ID_SOURCE] } },
			description:
				'The coverFeatureId that Prepare Cover returned (valid 24 hours, on the same MiniMax region)',
		},
	];
}
