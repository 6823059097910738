import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

/**
 * The layout rule of nodes/: a node imports only from its own folder and from nodes/shared;
 * nodes/shared never imports from a node's folder.
 */
const NODES = resolve(__dirname, '../../nodes');

function sourceFiles(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return sourceFiles(path);
		return path.endsWith('.ts') ? [path] : [];
	});
}

function relativeImports(file: string): string[] {
	const text = readFileSync(file, 'utf8');
	const pattern = /(?:from|import|require\()\s*'(\.{1,2}\/[^']*)'/g;
	return [...text.matchAll(pattern)].map((match) => match[1]);
}

/** The top folder below nodes/ a path belongs to ("shared", "MiniMaxVideo", …). */
function topFolder(path: string): string {
	return relative(NODES, path).split(sep)[0];
}

const imports = sourceFiles(NODES).flatMap((file) =>
	relativeImports(file).map((specifier) => ({
		file: relative(NODES, file),
		from: topFolder(file),
		to: topFolder(resolve(dirname(file), specifier)),
	})),
);

describe('nodes/ layout', () => {
	it('finds the imports it checks', () => {
		expect(imports.some((entry) => entry.to === 'shared' && entry.from !== 'shared')).toBe(true);
	});

	it('no node imports from a sibling node folder', () => {
		const crossing = imports.filter(
			(entry) => entry.from !== 'shared' && entry.to !== 'shared' && entry.to !== entry.from,
		);
		expect(crossing).toEqual([]);
	});

	it('nodes/shared imports nothing from a node folder', () => {
		const upward = imports.filter((entry) => entry.from === 'shared' && entry.to !== 'shared');
		expect(upward).toEqual([]);
	});
});
