// Compiles the dss contracts in src/ and the test contract in test-contracts/ with solc-js
// (standard JSON) and writes artifacts/<Name>.json. Run through build.sh, which sets SOLCJS_DIR to
// an installed solc@0.6.12. Output is deterministic: the same sources and compiler give
// byte-identical files.
'use strict';
const fs = require('fs');
const path = require('path');

const REPOSITORY = 'makerdao/dss';
const COMMIT = 'fa4f6630afb0624d04a003e920b0d71a00331d98';
const LICENSE = 'AGPL-3.0-or-later';
const COMPILER = '0.6.12';

// [source unit name, file under this directory, contract name, origin]. dss's unit names are its
// repository paths (src/vat.sol, ...); the files sit directly in src/ here.
const DSS = 'dss';
const OWN = 'solvent';
const TARGETS = [
  ['src/vat.sol', 'src/vat.sol', 'Vat', DSS],
  ['src/jug.sol', 'src/jug.sol', 'Jug', DSS],
  ['src/spot.sol', 'src/spot.sol', 'Spotter', DSS],
  ['src/vow.sol', 'src/vow.sol', 'Vow', DSS],
  ['src/dog.sol', 'src/dog.sol', 'Dog', DSS],
  ['src/clip.sol', 'src/clip.sol', 'Clipper', DSS],
  ['src/abaci.sol', 'src/abaci.sol', 'LinearDecrease', DSS],
  ['src/abaci.sol', 'src/abaci.sol', 'StairstepExponentialDecrease', DSS],
  ['src/abaci.sol', 'src/abaci.sol', 'ExponentialDecrease', DSS],
  ['src/cat.sol', 'src/cat.sol', 'Cat', DSS],
  ['src/flip.sol', 'src/flip.sol', 'Flipper', DSS],
  ['test-contracts/Pip.sol', 'test-contracts/Pip.sol', 'Pip', OWN],
];

// dss's Makefile builds with DAPP_BUILD_OPTIMIZE=0, for which dapp drops the optimizer key from the
// standard JSON: solc's defaults, spelled out here. No evmVersion (solc 0.6.12's default, istanbul).
const OUTPUTS = ['abi', 'evm.bytecode.object', 'evm.bytecode.linkReferences', 'evm.deployedBytecode.object'];
const outputSelection = {};
for (const [unit, , name] of TARGETS) {
  outputSelection[unit] = outputSelection[unit] || {};
  outputSelection[unit][name] = OUTPUTS;
}
const SETTINGS = {
  optimizer: { enabled: false, runs: 200 },
  outputSelection,
};

const here = __dirname;

function fail(msg) {
  console.error('dss/build.js: ' + msg);
  process.exit(1);
}

if (!process.env.SOLCJS_DIR) fail('SOLCJS_DIR is not set; run build.sh');
const solc = require(process.env.SOLCJS_DIR);
const version = solc.version();
if (!version.startsWith(COMPILER + '+')) fail(`expected solc ${COMPILER}, found ${version}`);

const sources = {};
for (const [unit, file] of TARGETS) {
  sources[unit] = { content: fs.readFileSync(path.join(here, file), 'utf8') };
}

const input = { language: 'Solidity', sources, settings: SETTINGS };
// None of these sources imports anything: an import is an error.
const imports = (name) => ({ error: `imports are not expected: ${name}` });
console.error(`dss/build.js: compiling with solc ${version}`);
const output = JSON.parse(solc.compile(JSON.stringify(input), { import: imports }));

const errors = (output.errors || []).filter((e) => e.severity === 'error');
if (errors.length) fail('compilation failed:\n' + errors.map((e) => e.formattedMessage).join('\n'));
for (const e of output.errors || []) {
  if (e.severity === 'error') continue;
  const where = e.sourceLocation ? ` (${e.sourceLocation.file})` : '';
  console.error(`dss/build.js: solc ${e.severity}: ${e.message}${where}`);
}

const outDir = path.join(here, 'artifacts');
fs.mkdirSync(outDir, { recursive: true });
for (const [unit, , name, origin] of TARGETS) {
  const c = output.contracts && output.contracts[unit] && output.contracts[unit][name];
  if (!c) fail(`no output for ${unit}:${name}`);
  if (Object.keys(c.evm.bytecode.linkReferences || {}).length) fail(`${name} needs linked libraries`);
  const bytecode = c.evm.bytecode.object;
  const deployed = c.evm.deployedBytecode.object;
  if (!bytecode || !deployed) fail(`${name} has no bytecode`);
  const artifact = {
    contract: name,
    source: unit,
    abi: c.abi,
    bytecode: '0x' + bytecode,
    deployedSize: deployed.length / 2,
    compiler: version,
    settings: SETTINGS,
    repository: origin === DSS ? REPOSITORY : 'solvent (this repository)',
    commit: origin === DSS ? COMMIT : null,
    license: origin === DSS ? LICENSE : 'Apache-2.0',
  };
  fs.writeFileSync(path.join(outDir, name + '.json'), JSON.stringify(artifact, null, 2) + '\n');
  console.error(`dss/build.js: ${name}: ${artifact.deployedSize} bytes of runtime code`);
}
