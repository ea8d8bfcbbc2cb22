#!/usr/bin/env node
// Part of Solvent (Apache-2.0). A `solc` command line for forge, backed by solc-js from npm:
// answers `--version` and `--standard-json` (input on stdin, output on stdout), which is all forge
// uses. solc-js aborts ("memory access out of bounds") on standard-JSON inputs that carry more than
// about 110 sources inline, so each source is handed to the compiler by name (`urls`) and its text
// served from memory by the import callback. Needs SOLCJS_DIR, the directory of the solc package.
'use strict';
const fs = require('fs');
if (!process.env.SOLCJS_DIR) {
  process.stderr.write('solc-shim: SOLCJS_DIR is not set\n');
  process.exit(1);
}
const solc = require(process.env.SOLCJS_DIR);
const args = process.argv.slice(2);
if (args.includes('--version')) {
  process.stdout.write('solc, the solidity compiler commandline interface\nVersion: ' + solc.version() + '\n');
  process.exit(0);
}
if (!args.includes('--standard-json')) {
  process.stderr.write('solc-shim: only --version and --standard-json are supported, not: ' + args.join(' ') + '\n');
  process.exit(1);
}
const input = JSON.parse(fs.readFileSync(0, 'utf8'));
const contents = {};
for (const [name, source] of Object.entries(input.sources)) {
  if (source.content !== undefined) {
    contents[name] = source.content;
    input.sources[name] = { urls: [name] };
  }
}
function findImports(name) {
  if (contents[name] !== undefined) return { contents: contents[name] };
  try {
    return { contents: fs.readFileSync(name, 'utf8') };
  } catch (e) {
    return { error: 'not found: ' + name };
  }
}
process.stdout.write(solc.compile(JSON.stringify(input), { import: findImports }));
