/**
 * The edge between a keeper and a live chain: the node's JSON-RPC (chain id, head, nonce, fees, broadcast, receipts),
 * the signing key, the calldata of the modelled contract, and EIP-1559 signing, all through web3j.
 */
package dev.solvent.cli.live;
