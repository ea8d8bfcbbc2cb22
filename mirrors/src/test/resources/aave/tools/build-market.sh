#!/bin/sh
# Part of Solvent (Apache-2.0). Rebuilds one Aave v3 test market (aave/<version>/) from pinned
# sources: compiles aave-v3-origin with forge (solc-js behind solc-shim.js), deploys it on a fresh
# anvil with the version's DeploySolventTestnetMarket.s.sol, and writes state.json.gz,
# deployment.json and abi/*.json into the version's folder (finish.js). Tools go to
# <repo root>/.tools (ignored by git), from npm: solc@SOLC, @foundry-rs/forge-<platform>@FOUNDRY,
# and anvil through .ci/install-anvil.
#
# Run by aave/<version>/build.sh, which sets NAME, COMMIT, SOLC, FOUNDRY and SUBMODULES.
# Usage: build-market.sh VERSION_DIR AAVE_V3_ORIGIN_DIR
set -eu
tools=$(cd "$(dirname "$0")" && pwd)
here=$(cd "$1" && pwd)
shift
root=$(cd "$here/../../../../../.." && pwd)
: "${NAME:?}" "${COMMIT:?}" "${SOLC:?}" "${FOUNDRY:?}" "${SUBMODULES:?}"

# the genesis timestamp of the tests' anvil (AnvilChain.GENESIS_TIMESTAMP); every block of the
# deployment is stamped with it
TIMESTAMP=1700000000
# anvil's first default account: deployer and every role of the market (unlocked, no key needed)
SENDER=0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266
# the Safe singleton CREATE2 factory the config engine needs (the bytes TestnetProcedures etches)
FACTORY=0x914d7Fec6aaC8cd542e72Bca78B30650d45643d7
FACTORY_CODE=0x7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe03601600081602082378035828234f58015156039578182fd5b8082525050506014600cf3

say() { echo "aave/$NAME/build.sh: $*" >&2; }
if [ $# -ne 1 ] || [ ! -f "$1/foundry.toml" ]; then
  say "usage: build.sh AAVE_V3_ORIGIN_DIR (a work tree of aave-v3-origin at $COMMIT with submodules)"
  exit 2
fi
src=$(cd "$1" && pwd)
for tool in node npm curl; do
  command -v $tool >/dev/null 2>&1 || { say "$tool is needed"; exit 1; }
done

# ---- the sources: the pinned commit and submodules (checked when the tree is a git checkout) ----
if git -C "$src" rev-parse HEAD >/dev/null 2>&1; then
  head=$(git -C "$src" rev-parse HEAD)
  [ "$head" = "$COMMIT" ] || { say "$src is at $head, not $COMMIT"; exit 1; }
  status=$(git -C "$src" submodule status --recursive)
  echo "$SUBMODULES" | while read -r p c; do
    echo "$status" | grep -q "^ $c $p\( \|$\)" || { say "submodule $p is not at $c:"; echo "$status" >&2; exit 1; }
  done
else
  say "$src is not a git checkout: trusting it is $COMMIT with the submodules listed in this script"
fi
echo "$SUBMODULES" | while read -r p c; do
  [ -d "$src/$p" ] || { say "missing submodule $p (commit $c)"; exit 1; }
done

# ---- tools ----
case "$(uname -s)/$(uname -m)" in
  Linux/x86_64 | Linux/amd64) platform=linux-amd64 ;;
  Linux/aarch64 | Linux/arm64) platform=linux-arm64 ;;
  Darwin/arm64) platform=darwin-arm64 ;;
  Darwin/x86_64) platform=darwin-amd64 ;;
  *) say "no forge package for $(uname -s)/$(uname -m)"; exit 1 ;;
esac
solcjs=$root/.tools/solcjs-$SOLC
if ! grep -q "\"version\": \"$SOLC\"" "$solcjs/node_modules/solc/package.json" 2>/dev/null; then
  say "installing solc@$SOLC into .tools/solcjs-$SOLC"
  npm install --prefix "$solcjs" --no-save --no-audit --no-fund --loglevel=error "solc@$SOLC" >&2
fi
forgedir=$root/.tools/forge-$FOUNDRY
forge=$forgedir/node_modules/@foundry-rs/forge-$platform/bin/forge
if [ ! -x "$forge" ] || ! "$forge" --version 2>/dev/null | grep -q "forge Version: $FOUNDRY\$"; then
  say "installing @foundry-rs/forge-$platform@$FOUNDRY into .tools/forge-$FOUNDRY"
  npm install --prefix "$forgedir" --no-save --no-audit --no-fund --loglevel=error "@foundry-rs/forge-$platform@$FOUNDRY" >&2
  chmod +x "$forge"
fi
sh "$root/.ci/install-anvil"
anvil=$root/.tools/anvil/node_modules/.bin/anvil

# ---- a private copy of the tree, with the deployment script and a `solc` for forge ----
work=$(mktemp -d)
anvil_pid=
cleanup() {
  if [ -n "$anvil_pid" ]; then kill "$anvil_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT INT TERM
tree=$work/aave-v3-origin
mkdir -p "$tree"
(cd "$src" && tar --exclude=./.git --exclude=./out --exclude=./cache --exclude=./broadcast -cf - .) | (cd "$tree" && tar -xf -)
mkdir -p "$tree/scripts/solvent" "$tree/reports"
cp "$here/DeploySolventTestnetMarket.s.sol" "$tree/scripts/solvent/"
cat > "$work/solc" <<SH
#!/bin/sh
SOLCJS_DIR='$solcjs/node_modules/solc' exec node '$tools/solc-shim.js' "\$@"
SH
chmod +x "$work/solc"

# ---- a fresh anvil: the tests' settings, every block at TIMESTAMP ----
port=$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
rpc_url=http://127.0.0.1:$port
"$anvil" --host 127.0.0.1 --port "$port" --silent --base-fee 0 --gas-price 0 --disable-min-priority-fee \
  --gas-limit 1000000000000 --timestamp "$TIMESTAMP" >"$work/anvil.log" 2>&1 &
anvil_pid=$!
rpc() {
  curl -sS --fail -H 'content-type: application/json' \
    --data "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"$1\",\"params\":$2}" "$rpc_url"
}
tries=0
until rpc eth_chainId '[]' >/dev/null 2>&1; do
  tries=$((tries + 1))
  [ $tries -lt 100 ] || { say "anvil did not start: $(cat "$work/anvil.log")"; exit 1; }
  sleep 0.1
done
rpc anvil_setBlockTimestampInterval '[0]' >/dev/null
rpc anvil_setCode "[\"$FACTORY\",\"$FACTORY_CODE\"]" >/dev/null

# ---- compile and deploy (forge reads the repository's foundry.toml: optimizer 200 runs,
# shanghai, bytecode_hash none); --slow: one transaction per block, each confirmed ----
say "compiling and deploying (about 3 minutes of solc-js)"
(cd "$tree" && FOUNDRY_SOLC="$work/solc" FOUNDRY_OFFLINE=true FOUNDRY_AUTO_DETECT_SOLC=false \
  "$forge" script scripts/solvent/DeploySolventTestnetMarket.s.sol:DeploySolventTestnetMarket \
  --rpc-url "$rpc_url" --broadcast --slow --unlocked --sender "$SENDER" >"$work/forge.log" 2>&1) || {
  cat "$work/forge.log" >&2
  exit 1
}
grep -q 'ONCHAIN EXECUTION COMPLETE & SUCCESSFUL' "$work/forge.log" || { cat "$work/forge.log" >&2; exit 1; }

cat > "$work/version.json" <<JSON
{
  "name": "$NAME",
  "source": {
    "repository": "https://github.com/aave-dao/aave-v3-origin",
    "commit": "$COMMIT",
    "submodules": {$(echo "$SUBMODULES" | sed 's/^\([^ ]*\) \(.*\)$/"\1": "\2"/' | paste -sd, -)},
    "license": "BUSL-1.1 (see LICENSE)",
    "compiler": "solc $SOLC (solc-js), through forge $FOUNDRY",
    "settings": {"optimizer": true, "optimizer_runs": 200, "evm_version": "shanghai", "via_ir": false, "bytecode_hash": "none"},
    "deployment": "DeploySolventTestnetMarket.s.sol"
  }
}
JSON
node "$tools/finish.js" "$rpc_url" "$tree" "$here" "$work/version.json"
say "done: $(ls -l "$here/state.json.gz" | awk '{print $5}') bytes of state.json.gz"
