import type { INodePropertyOptions } from 'n8n-workflow';

/**
 * Languages for the `language` hint (ISO codes, docs/minimax-api.md §17.1). Empty = auto-detect,
 * which also handles Chinese–English code-switching.
 */
export const LANGUAGE_OPTIONS: INodePropertyOptions[] = [
	{ name: 'Auto-Detect', value: '' },
	{ name: 'Arabic', value: 'ar' },
	{ name: 'Cantonese', value: 'yue' },
	{ name: 'Chinese (Mandarin)', value: 'zh' },
	{ name: 'Dutch', value: 'nl' },
	{ name: 'English', value: 'en' },
	{ name: 'Filipino', value: 'fil' },
	{ name: 'French', value: 'fr' },
	{ name: 'German', value: 'de' },
	{ name: 'Hindi', value: 'hi' },
	{ name: 'Indonesian', value: 'id' },
	{ name: 'Italian', value: 'it' },
	{ name: 'Japanese', value: 'ja' },
	{ name: 'Korean', value: 'ko' },
	{ name: 'Malay', value: 'ms' },
	{ name: 'Polish', value: 'pl' },
	{ name: 'Portuguese', value: 'pt' },
	{ name: 'Russian', value: 'ru' },
	{ name: 'Spanish', value: 'es' },
	{ name: 'Thai', value: 'th' },
	{ name: 'Turkish', value: 'tr' },
	{ name: 'Ukrainian', value: 'uk' },
	{ name: 'Vietnamese', value: 'vi' },
];
