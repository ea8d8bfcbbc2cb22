package dev.solvent.oracle.mirror;

import dev.solvent.mirror.comet.CometBlock;
import dev.solvent.mirror.comet.CometState;

/**
 * A Comet market as read at one block: where it was read (chain, block number and hash) and what the mirror needs to
 * continue from there (its state, and the block as Comet sees it: time, base fee, each feed's answer).
 *
 * <p>The state holds every account found in the market's logs ({@code userBasic}, even when empty, and each non-zero
 * collateral balance), the absorbers' {@code liquidatorPoints}, the {@code isAllowed} pairs that are true, and for
 * each token only what Comet's views read: its decimals, its total supply and Comet's own balance (the reserves).
 *
 * @param chainId the chain's id ({@code eth_chainId})
 * @param blockNumber the block read
 * @param blockHash its hash, checked unchanged at the end of the read
 * @param block the block as the mirror runs calls in it
 * @param state the market's state at that block
 */
public record CometSnapshot(long chainId, long blockNumber, String blockHash, CometBlock block, CometState state) {

    /** Checks the numbers. */
    public CometSnapshot {
        if (chainId < 0 || blockNumber < 0) {
            throw new IllegalArgumentException("chain id and block number are non-negative");
        }
        if (blockHash == null || block == null || state == null) {
            throw new IllegalArgumentException("blockHash, block and state are required");
        }
    }
}
