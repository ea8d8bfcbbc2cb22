// SPDX-License-Identifier: Apache-2.0

// Pip.sol -- a settable price for the Spotter and the Clipper in Solvent's tests.
// Written for the Solvent project; not part of dss. It answers dss's PipLike
// interface (peek) the way a DSValue or an OSM does: a value and whether it is valid.

pragma solidity 0.6.12;

contract Pip {
    bytes32 internal val; // price, a WAD in a bytes32 (as DSValue holds it)
    bool internal has;    // whether the price is valid

    // The price and whether it is valid; the Spotter then files spot 0, the Clipper reverts.
    function peek() external view returns (bytes32, bool) {
        return (val, has);
    }

    // Sets a valid price. No access control: any test account may set it.
    function poke(bytes32 wut) external {
        val = wut;
        has = true;
    }

    // Sets whether the price is valid, keeping the value.
    function void(bool has_) external {
        has = has_;
    }
}
