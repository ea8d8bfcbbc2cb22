package dev.solvent.model.tx;

import dev.solvent.model.math.I256;

/**
 * What the contract reads from one oracle when the transaction runs: an answer in settlement units per whole unit of
 * the asset, with the feed's decimals, and when the feed last updated it (as Chainlink's {@code latestRoundData}).
 *
 * @param answer the price with {@code decimals} decimals; the contract rejects a non-positive one
 * @param decimals the feed's decimals, {@code 0..36} (Chainlink USD feeds: 8)
 * @param updatedAt the feed's update time, in seconds
 */
public record OracleAnswer(I256 answer, int decimals, long updatedAt) {

    /** Rejects impossible decimals. */
    public OracleAnswer {
        if (answer == null) {
            throw new IllegalArgumentException("an oracle answer needs a value");
        }
        if (decimals < 0 || decimals > 36) {
            throw new IllegalArgumentException("oracle decimals: " + decimals + " is out of range; valid: 0..36");
        }
    }
}
