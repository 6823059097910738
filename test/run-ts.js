'use strict';
// Runs a TypeScript entry file without a build step: `node test/run-ts.js <file.ts> [args...]`.
// Every required .ts file is transpiled on the fly with typescript.transpileModule (no type check).
const fs = require('fs');
const path = require('path');
const Module = require('module');
const ts = require('typescript');

const compilerOptions = {
	module: ts.ModuleKind.CommonJS,
	target: ts.ScriptTarget.ES2019,
	esModuleInterop: true,
	sourceMap: false,
	inlineSourceMap: true,
};

require.extensions['.ts'] = function compileTs(module, filename) {
	const source = fs.readFileSync(filename, 'utf8');
	const { outputText } = ts.transpileModule(source, { compilerOptions, fileName: filename });
	module._compile(outputText, filename);
};

const entry = process.argv[2];
if (!entry) {
	console.error('usage: node test/run-ts.js <file.ts> [args...]');
	process.exit(2);
}
// The entry sees its own arguments from argv[2] on, as if it had been run directly.
process.argv.splice(1, 2, path.resolve(entry));
Module.runMain(path.resolve(entry));
