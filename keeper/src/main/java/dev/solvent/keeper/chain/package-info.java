/**
 * The chain around keepers: an EIP-1559 base fee, a block gas limit, block building by priority fee, races between
 * keepers, and each keeper's ledger of gas and rewards.
 */
package dev.solvent.keeper.chain;
