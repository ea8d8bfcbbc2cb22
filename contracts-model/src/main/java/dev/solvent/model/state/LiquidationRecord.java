package dev.solvent.model.state;

import dev.solvent.model.math.I256;

/**
 * Size liquidated in one market at one block timestamp, the entry Synthetix v3 keeps per market
 * ({@code PerpsMarket.liquidationData}) to cap liquidations per window.
 *
 * @param timestamp the block timestamp of the liquidations
 * @param amount base units of the underlying liquidated at that timestamp, positive
 */
public record LiquidationRecord(long timestamp, I256 amount) {

    /** Requires an amount. */
    public LiquidationRecord {
        if (amount == null) {
            throw new IllegalArgumentException("a liquidation record needs an amount");
        }
    }
}
