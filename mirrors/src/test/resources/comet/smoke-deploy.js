// Smoke test / reference deployment of Compound III (Comet) on a local node such as anvil.
// Node 20 built-ins only (fetch, JSON-RPC); reads artifacts/*.json next to this file.
//
//   anvil --host 127.0.0.1 --port 8545 --prune-history &
//   node smoke-deploy.js http://127.0.0.1:8545
//
// Sends transactions with eth_sendTransaction from the node's unlocked accounts
// (account 0 = governor and deployer, account 1 = pause guardian, accounts 2 and 3 = users).
// Deploys USDC (FaucetToken, 6 decimals), WETH (FaucetToken, 18 decimals), one SimplePriceFeed
// (8 decimals) for each, CometExt, then Comet; calls initializeStorage(); checks totalsBasic()
// (served by CometExt through Comet's fallback) and getAssetInfo(0); then does one supply,
// one collateral supply and one borrow. Prints the addresses and results as JSON; exits 1 on failure.
// Function selectors are computed with the node's web3_sha3 (Node has no keccak-256).
'use strict';
const fs = require('fs');
const path = require('path');

const RPC = process.argv[2] || 'http://127.0.0.1:8545';
const art = (name) => JSON.parse(fs.readFileSync(path.join(__dirname, 'artifacts', name + '.json'), 'utf8'));
const A = {
  Comet: art('Comet'),
  CometExt: art('CometExt'),
  FaucetToken: art('FaucetToken'),
  SimplePriceFeed: art('SimplePriceFeed'),
};

// ---- JSON-RPC ------------------------------------------------------------------------------

let rpcId = 0;
async function rpc(method, params = []) {
  const res = await fetch(RPC, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: ++rpcId, method, params }),
  });
  const body = await res.json();
  if (body.error) {
    const e = new Error(`${method}: ${body.error.message}${body.error.data ? ' ' + JSON.stringify(body.error.data) : ''}`);
    e.rpc = body.error;
    throw e;
  }
  return body.result;
}

// ---- minimal ABI codec (uintN, intN, address, bool, bytesN, string, bytes, T[], tuple) ------

const word = (n) => BigInt.asUintN(256, BigInt(n)).toString(16).padStart(64, '0');
const arrayOf = (type) => type.match(/^(.*)\[\]$/);
const isDynamic = (p) => p.type === 'string' || p.type === 'bytes' || !!arrayOf(p.type)
  || (p.type === 'tuple' && p.components.some(isDynamic));
const headWords = (p) => isDynamic(p) ? 1 : p.type === 'tuple' ? p.components.reduce((s, c) => s + headWords(c), 0) : 1;

function encodeOne(p, v) {
  const arr = arrayOf(p.type);
  if (arr) {
    const inner = { ...p, type: arr[1] };
    return word(v.length) + encodeList(v.map(() => inner), v);
  }
  if (p.type === 'tuple') return encodeList(p.components, Array.isArray(v) ? v : p.components.map((c) => v[c.name]));
  if (p.type === 'address') return BigInt(v).toString(16).padStart(64, '0');
  if (p.type === 'bool') return word(v ? 1 : 0);
  if (/^u?int\d*$/.test(p.type)) return word(v);
  if (/^bytes\d+$/.test(p.type)) return v.replace(/^0x/, '').padEnd(64, '0');
  if (p.type === 'string' || p.type === 'bytes') {
    const b = p.type === 'string' ? Buffer.from(v, 'utf8') : Buffer.from(v.replace(/^0x/, ''), 'hex');
    return word(b.length) + b.toString('hex').padEnd(Math.ceil(b.length / 32) * 64, '0');
  }
  throw new Error('unsupported ABI type ' + p.type);
}

function encodeList(params, values) {
  if (params.length !== values.length) throw new Error(`expected ${params.length} values, got ${values.length}`);
  let head = '';
  let tail = '';
  const headSize = params.reduce((s, p) => s + headWords(p), 0) * 32;
  params.forEach((p, i) => {
    const enc = encodeOne(p, values[i]);
    if (isDynamic(p)) {
      head += word(headSize + tail.length / 2);
      tail += enc;
    } else {
      head += enc;
    }
  });
  return head + tail;
}

function decodeOne(p, hex, at) { // at: byte offset of this value's head within hex
  const read = (o) => hex.slice(o * 2, o * 2 + 64);
  if (isDynamic(p)) {
    const base = Number(BigInt('0x' + read(at)));
    return decodeAt(p, hex, base);
  }
  return decodeAt(p, hex, at);
}

function decodeAt(p, hex, at) {
  const read = (o) => hex.slice(o * 2, o * 2 + 64);
  const arr = arrayOf(p.type);
  if (arr) {
    const n = Number(BigInt('0x' + read(at)));
    const inner = { ...p, type: arr[1] };
    return decodeList(Array(n).fill(inner), hex.slice((at + 32) * 2));
  }
  if (p.type === 'tuple') {
    const vals = decodeList(p.components, hex.slice(at * 2));
    return Object.fromEntries(p.components.map((c, i) => [c.name || String(i), vals[i]]));
  }
  const w = read(at);
  if (p.type === 'address') return '0x' + w.slice(24);
  if (p.type === 'bool') return BigInt('0x' + w) !== 0n;
  if (/^uint\d*$/.test(p.type)) return BigInt('0x' + w);
  if (/^int\d*$/.test(p.type)) return BigInt.asIntN(256, BigInt('0x' + w));
  if (/^bytes\d+$/.test(p.type)) return '0x' + w;
  if (p.type === 'string' || p.type === 'bytes') {
    const n = Number(BigInt('0x' + w));
    const b = Buffer.from(hex.slice((at + 32) * 2, (at + 32 + n) * 2), 'hex');
    return p.type === 'string' ? b.toString('utf8') : '0x' + b.toString('hex');
  }
  throw new Error('unsupported ABI type ' + p.type);
}

function decodeList(params, hex) {
  let at = 0;
  return params.map((p) => {
    const v = decodeOne(p, hex, at);
    at += headWords(p) * 32;
    return v;
  });
}

// ---- contracts -----------------------------------------------------------------------------

const selectors = new Map();
async function selector(fn) {
  const sig = `${fn.name}(${fn.inputs.map(canonical).join(',')})`;
  if (!selectors.has(sig)) selectors.set(sig, (await rpc('web3_sha3', ['0x' + Buffer.from(sig).toString('hex')])).slice(0, 10));
  return selectors.get(sig);
}
const canonical = (p) => {
  const arr = arrayOf(p.type);
  if (arr) return canonical({ ...p, type: arr[1] }) + '[]';
  return p.type === 'tuple' ? `(${p.components.map(canonical).join(',')})` : p.type;
};

async function waitReceipt(hash) {
  for (let i = 0; i < 200; i++) {
    const r = await rpc('eth_getTransactionReceipt', [hash]);
    if (r) {
      if (r.status !== '0x1') throw new Error(`transaction ${hash} reverted`);
      return r;
    }
    await new Promise((ok) => setTimeout(ok, 50));
  }
  throw new Error(`no receipt for ${hash}`);
}

async function deploy(from, name, args) {
  const a = A[name];
  const ctor = a.abi.find((x) => x.type === 'constructor');
  const data = a.bytecode + (ctor ? encodeList(ctor.inputs, args) : '');
  const r = await waitReceipt(await rpc('eth_sendTransaction', [{ from, data, gas: '0x' + (15_000_000).toString(16) }]));
  return contract(name, r.contractAddress);
}

// A contract handle: c.send(from, 'fn', ...args), c.call('fn', ...args).
// Comet is given CometExt's ABI as well, since Comet forwards unknown selectors to it.
function contract(name, address) {
  const abi = name === 'Comet' ? A.Comet.abi.concat(A.CometExt.abi) : A[name].abi;
  const find = (fn, n) => {
    const f = abi.find((x) => x.type === 'function' && x.name === fn && x.inputs.length === n);
    if (!f) throw new Error(`${name} has no function ${fn}/${n}`);
    return f;
  };
  const calldata = async (f, args) => (await selector(f)) + encodeList(f.inputs, args);
  return {
    address,
    async send(from, fn, ...args) {
      const f = find(fn, args.length);
      return waitReceipt(await rpc('eth_sendTransaction', [{ from, to: address, data: await calldata(f, args), gas: '0x' + (3_000_000).toString(16) }]));
    },
    async call(fn, ...args) {
      const f = find(fn, args.length);
      const out = await rpc('eth_call', [{ to: address, data: await calldata(f, args) }, 'latest']);
      const vals = decodeList(f.outputs, out.replace(/^0x/, ''));
      return vals.length === 1 ? vals[0] : vals;
    },
  };
}

// ---- the deployment ------------------------------------------------------------------------

const e = (n, d) => BigInt(n) * 10n ** BigInt(d); // e(5, 17) = 0.5e18
const bytes32 = (s) => '0x' + Buffer.from(s, 'utf8').toString('hex').padEnd(64, '0');

function check(cond, what) {
  if (!cond) throw new Error('check failed: ' + what);
}

async function main() {
  const [gov, guardian, alice, bob] = await rpc('eth_accounts');

  // FaucetToken(uint256 initialAmount, string name, uint8 decimals, string symbol); initialAmount goes to the deployer.
  const usdc = await deploy(gov, 'FaucetToken', [e(1_000_000, 6), 'USD Coin', 6, 'USDC']);
  const weth = await deploy(gov, 'FaucetToken', [e(1_000, 18), 'Wrapped Ether', 18, 'WETH']);
  // SimplePriceFeed(int256 answer, uint8 decimals); Comet requires 8 decimals.
  const usdcFeed = await deploy(gov, 'SimplePriceFeed', [e(1, 8), 8]);
  const wethFeed = await deploy(gov, 'SimplePriceFeed', [e(3000, 8), 8]);
  // CometExt(ExtConfiguration{bytes32 name32, bytes32 symbol32})
  const ext = await deploy(gov, 'CometExt', [{ name32: bytes32('Compound USDC'), symbol32: bytes32('cUSDCv3') }]);

  // Comet(Configuration): rates and rewards as comet's test/helpers.ts defaults (makeProtocol),
  // collateral factors like mainnet cUSDCv3's WETH (the test defaults there are 1 - 1e-18, 1, 1).
  const config = {
    governor: gov,
    pauseGuardian: guardian,
    baseToken: usdc.address,
    baseTokenPriceFeed: usdcFeed.address,
    extensionDelegate: ext.address,
    supplyKink: e(8, 17), // 0.8
    supplyPerYearInterestRateSlopeLow: e(5, 16), // 0.05
    supplyPerYearInterestRateSlopeHigh: e(2, 18), // 2
    supplyPerYearInterestRateBase: 0n,
    borrowKink: e(8, 17), // 0.8
    borrowPerYearInterestRateSlopeLow: e(1, 17), // 0.1
    borrowPerYearInterestRateSlopeHigh: e(3, 18), // 3
    borrowPerYearInterestRateBase: e(5, 15), // 0.005
    storeFrontPriceFactor: e(5, 17), // 0.5
    trackingIndexScale: e(1, 15),
    baseTrackingSupplySpeed: e(1, 15),
    baseTrackingBorrowSpeed: e(1, 15),
    baseMinForRewards: e(1, 6), // 1 USDC
    baseBorrowMin: e(1, 6), // 1 USDC
    targetReserves: 0n,
    assetConfigs: [{
      asset: weth.address,
      priceFeed: wethFeed.address,
      decimals: 18,
      borrowCollateralFactor: e(825, 15), // 0.825
      liquidateCollateralFactor: e(895, 15), // 0.895
      liquidationFactor: e(95, 16), // 0.95
      supplyCap: e(100_000, 18), // 100,000 WETH
    }],
  };
  const comet = await deploy(gov, 'Comet', [config]);
  await comet.send(gov, 'initializeStorage');

  const totals = await comet.call('totalsBasic'); // CometExt, through Comet's fallback
  check(totals.baseSupplyIndex === e(1, 15) && totals.baseBorrowIndex === e(1, 15), 'indices start at 1e15');
  check(totals.lastAccrualTime > 0n, 'lastAccrualTime set by initializeStorage');
  const info = await comet.call('getAssetInfo', 0);
  check(info.asset.toLowerCase() === weth.address.toLowerCase(), 'asset 0 is WETH');
  check(info.borrowCollateralFactor === e(825, 15) && info.supplyCap === e(100_000, 18), 'asset 0 factors');
  check(await comet.call('name') === 'Compound USDC', 'name() through the extension');
  check(await comet.call('numAssets') === 1n, 'numAssets');

  // One lender, one borrower.
  const max = (1n << 256n) - 1n;
  await usdc.send(gov, 'allocateTo', alice, e(10_000, 6));
  await usdc.send(alice, 'approve', comet.address, max);
  await comet.send(alice, 'supply', usdc.address, e(10_000, 6));
  await weth.send(gov, 'allocateTo', bob, e(1, 18));
  await weth.send(bob, 'approve', comet.address, max);
  await comet.send(bob, 'supply', weth.address, e(1, 18));
  await comet.send(bob, 'withdraw', usdc.address, e(1_000, 6)); // borrows 1,000 USDC against 1 WETH
  const aliceBalance = await comet.call('balanceOf', alice);
  const bobDebt = await comet.call('borrowBalanceOf', bob);
  check(aliceBalance >= e(10_000, 6) - 1n, 'lender balance');
  check(bobDebt >= e(1_000, 6), 'borrower debt');
  check(await usdc.call('balanceOf', bob) === e(1_000, 6), 'borrowed USDC arrived');
  check(await comet.call('isBorrowCollateralized', bob), 'borrower collateralized');

  const show = (o) => JSON.parse(JSON.stringify(o, (k, v) => (typeof v === 'bigint' ? v.toString() : v)));
  console.log(JSON.stringify({
    addresses: {
      comet: comet.address, cometExt: ext.address, usdc: usdc.address, weth: weth.address,
      usdcPriceFeed: usdcFeed.address, wethPriceFeed: wethFeed.address,
    },
    totalsBasic: show(totals),
    assetInfo0: show(info),
    after: {
      aliceBalance: aliceBalance.toString(),
      bobBorrowBalance: bobDebt.toString(),
      utilization: (await comet.call('getUtilization')).toString(),
      totalsBasic: show(await comet.call('totalsBasic')),
    },
  }, null, 2));
}

main().catch((err) => {
  console.error('smoke-deploy: ' + (err.stack || err));
  process.exit(1);
});
