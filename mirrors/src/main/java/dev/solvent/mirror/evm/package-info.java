/**
 * What every mirror shares with the EVM: addresses, revert reasons as values, events, Solidity 0.8 integer arithmetic
 * at each width, and the ERC-20 tokens the mirrored contracts move.
 */
package dev.solvent.mirror.evm;
