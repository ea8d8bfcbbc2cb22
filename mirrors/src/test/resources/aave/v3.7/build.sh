#!/bin/sh
# Part of Solvent (Apache-2.0). Rebuilds the Aave v3.7 test market of this folder from pinned
# sources with ../tools/build-market.sh: compiles aave-v3-origin with forge (solc-js 0.8.27),
# deploys it on a fresh anvil with DeploySolventTestnetMarket.s.sol, and writes state.json.gz,
# deployment.json and abi/*.json here. Tools go to <repo root>/.tools (ignored by git), from npm:
# solc@0.8.27, @foundry-rs/forge-<platform>@1.7.1, and anvil through .ci/install-anvil.
#
# Usage: sh mirrors/src/test/resources/aave/v3.7/build.sh AAVE_V3_ORIGIN_DIR
#   AAVE_V3_ORIGIN_DIR: a work tree of https://github.com/aave-dao/aave-v3-origin at commit
#   fd1fbd9150426ca8ace9cee45b4acf912ae84f5b (main) with its submodules, e.g.
#     git clone https://github.com/aave-dao/aave-v3-origin
#     git -C aave-v3-origin checkout fd1fbd9150426ca8ace9cee45b4acf912ae84f5b
#     git -C aave-v3-origin submodule update --init --recursive
#   The tree is copied to a temporary directory; it is not modified.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
NAME=v3.7
COMMIT=fd1fbd9150426ca8ace9cee45b4acf912ae84f5b
SOLC=0.8.27
FOUNDRY=1.7.1
# submodule path and pinned commit, as `git submodule status --recursive` prints them
SUBMODULES="lib/forge-std 999be66ec94c78090087f674bbf52ce1cca12b75
lib/solidity-utils fdc69f984036585d508889147734902dc0c64bf3
lib/solidity-utils/lib/forge-std 999be66ec94c78090087f674bbf52ce1cca12b75
lib/solidity-utils/lib/openzeppelin-contracts-upgradeable fa525310e45f91eb20a6d3baa2644be8e0adba31
lib/solidity-utils/lib/openzeppelin-contracts-upgradeable/lib/openzeppelin-contracts 69c8def5f222ff96f2b5beff05dfba996368aa79"
export NAME COMMIT SOLC FOUNDRY SUBMODULES
exec sh "$here/../tools/build-market.sh" "$here" "$@"
