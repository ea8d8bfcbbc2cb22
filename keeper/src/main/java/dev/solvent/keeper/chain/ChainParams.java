package dev.solvent.keeper.chain;

import dev.solvent.keeper.GasToken;

/**
 * The chain's block rules.
 *
 * @param gasLimit gas per block; a transaction is included only if its gas limit fits in what is left
 * @param elasticity gas limit over gas target (EIP-1559: 2)
 * @param blockSeconds seconds between blocks
 * @param gasToken the gas token and the price key that values it
 * @param mempoolLatency how many blocks old a pending transaction must be before keepers see it ({@code 0}: they see
 *     everything still pending when they decide)
 */
public record ChainParams(long gasLimit, long elasticity, long blockSeconds, GasToken gasToken, int mempoolLatency) {

    /** Ethereum mainnet after London: 30M gas, target 15M, 12-second blocks, ether priced by ETH/USD. */
    public static final ChainParams MAINNET_LIKE = new ChainParams(30_000_000, 2, 12, GasToken.ETHER, 0);

    /** Rejects impossible rules. */
    public ChainParams {
        if (gasLimit <= 0 || elasticity <= 0 || gasLimit / elasticity <= 0 || blockSeconds <= 0) {
            throw new IllegalArgumentException("chain: gasLimit, elasticity and blockSeconds must be > 0");
        }
        if (gasToken == null || mempoolLatency < 0) {
            throw new IllegalArgumentException("chain: a gas token and mempoolLatency >= 0 are required");
        }
    }

    /** {@return the gas target, the gas limit over the elasticity} */
    public long gasTarget() {
        return gasLimit / elasticity;
    }

    /** {@return a copy with another gas limit} */
    public ChainParams withGasLimit(long limit) {
        return new ChainParams(limit, elasticity, blockSeconds, gasToken, mempoolLatency);
    }
}
