package dev.solvent.model.protocol;

import java.math.BigInteger;
import java.util.Objects;

/**
 * One of a protocol's own quantities, as its contracts keep it: an integer with its decimals and the unit it counts
 * (an asset's symbol, a price key, {@code "DAI"}, {@code "USD"}), so that layers that do not know the protocol can
 * still show it and value it.
 *
 * @param amount the integer the contract holds (it may be negative where the contract's type is signed)
 * @param decimals how many of its digits are below the unit
 * @param unit what one unit is, e.g. {@code "WETH"}
 */
public record Quantity(BigInteger amount, int decimals, String unit) {

    /** Checks that nothing is missing and the decimals are those of a contract (0 to 255). */
    public Quantity {
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(unit, "unit");
        if (decimals < 0 || decimals > 255) {
            throw new IllegalArgumentException("a quantity's decimals are 0 to 255, not " + decimals);
        }
    }
}
