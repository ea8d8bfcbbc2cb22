// Part of Solvent (Apache-2.0). Run by build-market.sh after the forge script has deployed the
// market on anvil: writes, into the version's folder (aave/<version>/),
//   deployment.json  every address and the configuration read back from the chain (from the
//                    script's reports/solvent-deployment.json), laid out for the tests;
//   state.json.gz    anvil_dumpState of the node, without the deployment's transactions and all
//                    but the latest block (anvil_loadState needs that block), gzip level 9;
//   abi/<Name>.json  the ABIs the tests decode with, from forge's out/, and abi/Errors.json, every
//                    custom error of the build.
// Usage: node finish.js RPC_URL WORK_TREE VERSION_DIR VERSION_JSON
'use strict';
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

const [rpcUrl, work, here, versionFile] = process.argv.slice(2);
const version = JSON.parse(fs.readFileSync(versionFile, 'utf8'));

function fail(msg) {
  console.error('finish.js: ' + msg);
  process.exit(1);
}

async function rpc(method, params) {
  const res = await fetch(rpcUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
  });
  const body = await res.json();
  if (body.error) fail(method + ': ' + JSON.stringify(body.error));
  return body.result;
}

// The contracts whose ABIs the tests need: [file in abi/, forge artifact (source file, contract)].
const ABIS = [
  ['Pool', 'PoolInstance.sol', 'PoolInstance'],
  ['PoolConfigurator', 'PoolConfiguratorInstance.sol', 'PoolConfiguratorInstance'],
  ['AaveOracle', 'AaveOracle.sol', 'AaveOracle'],
  ['AaveProtocolDataProvider', 'AaveProtocolDataProvider.sol', 'AaveProtocolDataProvider'],
  ['AToken', 'ATokenInstance.sol', 'ATokenInstance'],
  ['VariableDebtToken', 'VariableDebtTokenInstance.sol', 'VariableDebtTokenInstance'],
  ['TestnetERC20', 'TestnetERC20.sol', 'TestnetERC20'],
  ['WETH9', 'WETH9.sol', 'WETH9'],
  ['MockAggregator', 'MockAggregator.sol', 'MockAggregator'],
  ['ACLManager', 'ACLManager.sol', 'ACLManager'],
  ['Collector', 'Collector.sol', 'Collector'],
  ['RewardsController', 'RewardsController.sol', 'RewardsController'],
  ['DefaultReserveInterestRateStrategyV2', 'DefaultReserveInterestRateStrategyV2.sol', 'DefaultReserveInterestRateStrategyV2'],
  ['PoolAddressesProvider', 'PoolAddressesProvider.sol', 'PoolAddressesProvider'],
  ['InitializableImmutableAdminUpgradeabilityProxy', 'InitializableImmutableAdminUpgradeabilityProxy.sol', 'InitializableImmutableAdminUpgradeabilityProxy'],
];

function writeAbis() {
  const dir = path.join(here, 'abi');
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir);
  for (const [name, file, contract] of ABIS) {
    const artifact = path.join(work, 'out', file, contract + '.json');
    if (!fs.existsSync(artifact)) fail('no forge artifact ' + artifact);
    const abi = JSON.parse(fs.readFileSync(artifact, 'utf8')).abi;
    fs.writeFileSync(path.join(dir, name + '.json'), JSON.stringify(abi, null, 1) + '\n');
  }
  fs.writeFileSync(path.join(dir, 'Errors.json'), JSON.stringify(allErrors(), null, 1) + '\n');
}

// Every custom error of every contract compiled (sorted, one entry per signature). A contract's ABI
// lists only the errors its own code can raise: the Pool's leaves out those raised in the linked
// logic libraries (SupplyLogic, LiquidationLogic, ...), where v3.4 and later raise Errors.X().
function allErrors() {
  const errors = new Map();
  const out = path.join(work, 'out');
  for (const dir of fs.readdirSync(out).sort()) {
    if (!dir.endsWith('.sol')) continue;
    for (const file of fs.readdirSync(path.join(out, dir)).sort()) {
      const abi = JSON.parse(fs.readFileSync(path.join(out, dir, file), 'utf8')).abi || [];
      for (const item of abi) {
        if (item.type !== 'error') continue;
        const signature = item.name + '(' + item.inputs.map(canonical).join(',') + ')';
        if (!errors.has(signature)) errors.set(signature, item);
      }
    }
  }
  return [...errors.keys()].sort().map((k) => errors.get(k));
}

function canonical(param) {
  if (!param.type.startsWith('tuple')) return param.type;
  return '(' + param.components.map(canonical).join(',') + ')' + param.type.slice('tuple'.length);
}

function lower(a) {
  return a.toLowerCase();
}

function writeDeployment(latest) {
  const report = JSON.parse(fs.readFileSync(path.join(work, 'reports', 'solvent-deployment.json'), 'utf8'));
  const owner = lower(report.poolAdmin);
  const reserves = Object.values(report.reserves).sort((a, b) => a.id - b.id).map((r) => {
    const weth = r.symbol === 'WETH';
    return {
      symbol: r.symbol,
      id: r.id,
      underlying: lower(r.underlying),
      token: weth ? 'WETH9' : 'TestnetERC20',
      mint: weth
        ? { signature: 'deposit()', payable: true, from: 'the receiver, with the amount as ether value' }
        : { signature: 'mint(address,uint256)', from: owner },
      aToken: lower(r.aToken),
      variableDebtToken: lower(r.variableDebtToken),
      priceFeed: lower(r.priceFeed),
      initialPrice: r.price,
      interestRateStrategy: lower(r.interestRateStrategy),
      treasury: lower(r.aTokenTreasury),
      configuration: r.configuration,
      configurationBitmap: r.configurationBitmap,
      interestRate: r.interestRate,
      liquidityIndex: r.liquidityIndex,
      variableBorrowIndex: r.variableBorrowIndex,
      lastUpdateTimestamp: r.lastUpdateTimestamp,
    };
  });
  const eModes = Object.values(report.eModeCategories).sort((a, b) => a.id - b.id);
  const doc = {
    note: 'Aave ' + version.name + ' test market on anvil, deployed by DeploySolventTestnetMarket.s.sol; '
      + 'load state.json.gz with anvil_loadState. Percentages in basis points, rates in ray (1e27), '
      + 'prices in the oracle base currency (8 decimals).',
    source: version.source,
    chain: { chainId: report.chainId, blockNumber: parseInt(latest.number, 16), timestamp: parseInt(latest.timestamp, 16) },
    roles: { deployer: lower(report.deployer), poolAdmin: owner, emergencyAdmin: owner, erc20Owner: owner },
    contracts: {
      pool: lower(report.pool),
      poolImplementation: lower(report.poolImplementation),
      poolConfigurator: lower(report.poolConfigurator),
      poolConfiguratorImplementation: lower(report.poolConfiguratorImplementation),
      poolAddressesProvider: lower(report.poolAddressesProvider),
      poolDataProvider: lower(report.poolDataProvider),
      aaveOracle: lower(report.aaveOracle),
      aclManager: lower(report.aclManager),
      treasury: lower(report.treasury),
      rewardsController: lower(report.rewardsController),
      defaultInterestRateStrategy: lower(report.defaultInterestRateStrategy),
      aTokenImplementation: lower(report.aTokenImplementation),
      variableDebtTokenImplementation: lower(report.variableDebtTokenImplementation),
      configEngine: lower(report.configEngine),
    },
    pool: Object.fromEntries(Object.entries(report.pool_).map(([k, v]) => [k, /^0x[0-9a-fA-F]{40}$/.test(v) ? lower(v) : v])),
    reserves,
    eModeCategories: eModes,
    abis: Object.fromEntries(ABIS.map(([name]) => [name, 'abi/' + name + '.json']).concat([['Errors', 'abi/Errors.json']])),
  };
  fs.writeFileSync(path.join(here, 'deployment.json'), JSON.stringify(doc, null, 2) + '\n');
}

async function writeState() {
  const dumped = await rpc('anvil_dumpState', []);
  const text = zlib.gunzipSync(Buffer.from(dumped.slice(2), 'hex')).toString('utf8');
  if (/[:\[,]\s*-?\d{16,}/.test(text)) fail('the state has a number JSON.parse would round');
  const state = JSON.parse(text);
  const blocks = state.blocks.slice().sort((a, b) => parseInt(a.header.number, 16) - parseInt(b.header.number, 16));
  const latest = blocks[blocks.length - 1];
  if (parseInt(latest.header.number, 16) !== state.best_block_number) fail('no block ' + state.best_block_number);
  latest.transactions = [];
  state.blocks = [latest];
  state.transactions = [];
  const json = JSON.stringify(state);
  fs.writeFileSync(path.join(here, 'state.json.gz'), zlib.gzipSync(Buffer.from(json, 'utf8'), { level: 9 }));
  return json.length;
}

(async () => {
  writeAbis();
  writeDeployment(await rpc('eth_getBlockByNumber', ['latest', false]));
  const size = await writeState();
  console.error('finish.js: wrote deployment.json, abi/ and state.json.gz (' + size + ' bytes of JSON)');
})();
