#!/bin/sh
# Rebuilds artifacts/*.json (dss contracts compiled with solc 0.6.12, optimizer off, as dss's
# Makefile builds them, plus our test price feed) from the sources in src/ and test-contracts/.
# Installs solc-js 0.6.12 from npm into <repo root>/.tools/solcjs-0.6.12 (ignored by git) when it
# is not there yet.
# Usage: sh mirrors/src/test/resources/dss/build.sh   (from anywhere)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../../../.." && pwd)
version=0.6.12
dir=$root/.tools/solcjs-$version
pkg=$dir/node_modules/solc/package.json
if ! command -v node >/dev/null 2>&1; then
  echo "dss/build.sh: node is needed (Node.js 20 or newer)" >&2
  exit 1
fi
if [ ! -f "$pkg" ] || ! grep -q "\"version\": \"$version\"" "$pkg"; then
  echo "dss/build.sh: installing solc@$version into .tools/solcjs-$version" >&2
  npm install --prefix "$dir" --no-save --no-audit --no-fund --loglevel=error "solc@$version" >&2
fi
SOLCJS_DIR=$dir/node_modules/solc node "$here/build.js"
