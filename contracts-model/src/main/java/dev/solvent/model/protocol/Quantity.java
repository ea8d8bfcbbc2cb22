package dev.solvent.model.protocol;

import java.math.BigInteger;
import java.util.Objects;

/**
 * One of a protocol's own quantities, as its contracts keep it: an integer with its decimals and the unit it counts
 * (an asset's symbol, a price key, {@code "DAI"}, {@code "USD"}), so that layers that do not know the protocol can
 * still show it, value it and tell a loss from a buffer.
 *
 * @param amount the integer the contract holds (it may be negative where the contract's type is signed)
 * @param decimals how many of its digits are below the unit
 * @param unit what one unit is, e.g. {@code "WETH"}
 * @param kind what the quantity means for the protocol's solvency
 */
public record Quantity(BigInteger amount, int decimals, String unit, Kind kind) {

    /** What a quantity means for solvency, so that a report can add up like with like. */
    public enum Kind {
        /** Debt that nothing backs any more: a reserve deficit, bad debt, unbacked system debt. */
        LOSS,
        /** What the protocol holds to absorb losses: an insurance fund, reserves. */
        BUFFER,
        /** Anything else worth watching: debt on auction, collateral awaiting sale, totals. */
        OTHER
    }

    /** Checks that nothing is missing and the decimals are those of a contract (0 to 255). */
    public Quantity {
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(kind, "kind");
        if (decimals < 0 || decimals > 255) {
            throw new IllegalArgumentException("a quantity's decimals are 0 to 255, not " + decimals);
        }
    }
}
