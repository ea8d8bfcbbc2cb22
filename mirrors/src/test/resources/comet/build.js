// Compiles the Compound III contracts in src/ with solc-js (standard JSON) and writes
// artifacts/<Name>.json. Run through build.sh, which sets SOLCJS_DIR to an installed solc@0.8.15.
// Output is deterministic: the same sources and compiler give byte-identical files.
'use strict';
const fs = require('fs');
const path = require('path');

const REPOSITORY = 'compound-finance/comet';
const COMMIT = 'd5a30b0aaeff7755f1431e87f818990902237b03';
const LICENSE = 'BUSL-1.1';
const COMPILER = '0.8.15';

// The contracts to build: [source unit name (path in the comet repository), contract name].
const TARGETS = [
  ['contracts/Comet.sol', 'Comet'],
  ['contracts/CometExt.sol', 'CometExt'],
  ['contracts/test/SimplePriceFeed.sol', 'SimplePriceFeed'],
  ['contracts/test/FaucetToken.sol', 'FaucetToken'],
];

// comet's hardhat.config.ts at COMMIT (no evmVersion there, so solc's default, london).
const SETTINGS = {
  viaIR: true,
  optimizer: {
    enabled: true,
    runs: 1,
    details: {
      yulDetails: {
        optimizerSteps: 'dhfoDgvulfnTUtnIf [xa[r]scLM cCTUtTOntnfDIul Lcul Vcul [j] Tpeul xa[rul] xa[r]cL gvif CTUca[r]LsTOtfDnca[r]Iulc] jmul[jul] VcTOcul jmul',
      },
    },
  },
  outputSelection: Object.fromEntries(TARGETS.map(([file, name]) =>
    [file, { [name]: ['abi', 'evm.bytecode.object', 'evm.bytecode.linkReferences', 'evm.deployedBytecode.object'] }])),
};

const here = __dirname;
const srcDir = path.join(here, 'src');
const outDir = path.join(here, 'artifacts');

function fail(msg) {
  console.error('comet/build.js: ' + msg);
  process.exit(1);
}

if (!process.env.SOLCJS_DIR) fail('SOLCJS_DIR is not set; run build.sh');
const solc = require(process.env.SOLCJS_DIR);
const version = solc.version();
if (!version.startsWith(COMPILER + '+')) fail(`expected solc ${COMPILER}, found ${version}`);

function readSource(name) {
  const file = path.resolve(srcDir, name);
  if (!file.startsWith(srcDir + path.sep) || !fs.existsSync(file)) return null;
  return fs.readFileSync(file, 'utf8');
}

const sources = {};
for (const [file] of TARGETS) sources[file] = { content: readSource(file) };

const input = { language: 'Solidity', sources, settings: SETTINGS };
const imports = (name) => {
  const content = readSource(name);
  return content === null ? { error: `not in src/: ${name}` } : { contents: content };
};
console.error(`comet/build.js: compiling with solc ${version} (viaIR; takes about half a minute)`);
const output = JSON.parse(solc.compile(JSON.stringify(input), { import: imports }));

const errors = (output.errors || []).filter((e) => e.severity === 'error');
if (errors.length) fail('compilation failed:\n' + errors.map((e) => e.formattedMessage).join('\n'));
for (const e of output.errors || []) {
  if (e.severity === 'error') continue;
  const where = e.sourceLocation ? ` (${e.sourceLocation.file})` : '';
  console.error(`comet/build.js: solc ${e.severity}: ${e.message}${where}`);
}

fs.mkdirSync(outDir, { recursive: true });
for (const [file, name] of TARGETS) {
  const c = output.contracts && output.contracts[file] && output.contracts[file][name];
  if (!c) fail(`no output for ${file}:${name}`);
  if (Object.keys(c.evm.bytecode.linkReferences || {}).length) fail(`${name} needs linked libraries`);
  const bytecode = c.evm.bytecode.object;
  const deployed = c.evm.deployedBytecode.object;
  if (!bytecode || !deployed) fail(`${name} has no bytecode`);
  const artifact = {
    contract: name,
    source: file,
    abi: c.abi,
    bytecode: '0x' + bytecode,
    deployedSize: deployed.length / 2,
    compiler: version,
    settings: SETTINGS,
    repository: REPOSITORY,
    commit: COMMIT,
    license: LICENSE,
  };
  fs.writeFileSync(path.join(outDir, name + '.json'), JSON.stringify(artifact, null, 2) + '\n');
  console.error(`comet/build.js: ${name}: ${artifact.deployedSize} bytes of runtime code`);
}
