import { slugFromText } from '../../shared/media/binary';
import type { InputValidator } from '../../shared/validation';
import type { TextLimit } from './musicModels';

const STRUCTURE_TAG = /^\s*\[[^\]\n]+\]\s*$/;

const asText = (value: unknown) =>
	typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value);

/** Optional text: empty means "not given"; otherwise its length must fit what `taker` (a model) takes. */
export function optionalText(
	check: InputValidator,
	parameter: string,
	value: unknown,
	limit: TextLimit,
	taker: string,
): string | undefined {
	const text = asText(value);
	return text.trim() === '' ? undefined : checkedText(check, parameter, text, limit, taker);
}

export function requiredText(
	check: InputValidator,
	parameter: string,
	value: unknown,
	limit: TextLimit,
	taker: string,
	whyRequired: string,
): string {
	const text = asText(value);
	if (text.trim() === '') check.fail(parameter, `it is empty; ${whyRequired}`);
	return checkedText(check, parameter, text, limit, taker);
}

function checkedText(
	check: InputValidator,
	parameter: string,
	text: string,
	limit: TextLimit,
	taker: string,
): string {
	if (limit.max === undefined && (limit.min ?? 0) <= 1) return text;
	const length = [...text].length;
	const max = (limit.max ?? Infinity).toLocaleString('en-US');
	const range =
		limit.max === undefined
			? `at least ${limit.min} characters`
			: limit.min !== undefined && limit.min > 1
				? `${limit.min}–${max} characters`
				: `at most ${max} characters`;
	if ((limit.min !== undefined && length < limit.min) || length > (limit.max ?? Infinity)) {
		check.fail(
			parameter,
			`it has ${length.toLocaleString('en-US')} characters; ${taker} takes ${range}`,
		);
	}
	return text;
}

/** A file name for the song: the prompt, else the first sung line of the lyrics. */
export function songBaseName(
	prompt: string | undefined,
	lyrics: string | undefined,
	fallback: string,
): string {
	const firstLine = (lyrics ?? '')
		.split('\n')
		.find((line) => line.trim() && !STRUCTURE_TAG.test(line));
	return slugFromText(prompt || firstLine || '', fallback);
}

export function lyricsLineCount(lyrics: string): number {
	return lyrics.split('\n').filter((line) => line.trim() && !STRUCTURE_TAG.test(line)).length;
}
