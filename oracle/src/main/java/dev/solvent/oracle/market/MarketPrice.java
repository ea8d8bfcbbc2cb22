package dev.solvent.oracle.market;

import dev.solvent.model.math.I256;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * What one whole unit of an asset trades at on the market, in quote units, as an exact positive integer with explicit
 * decimals: the price is {@code value / 10^decimals} (with 8 decimals, {@code 200000000000} is 2000 USD).
 *
 * <p>This is the market, not what a contract reads: an oracle turns market prices into answers by its own rules (see
 * {@code dev.solvent.oracle.feed}). Decimals are limited to {@code 0..18} and the value to {@code 2^63 - 1} units, so
 * that a path can hold its prices compactly.
 *
 * @param value the price in units of {@code 10^-decimals}; positive
 * @param decimals the number of decimals, {@code 0..18}
 */
public record MarketPrice(I256 value, int decimals) implements Comparable<MarketPrice> {

    /** The largest number of decimals a market price may carry. */
    public static final int MAX_DECIMALS = 18;

    /** Rejects a missing, non-positive or oversized value and impossible decimals. */
    public MarketPrice {
        if (value == null) {
            throw new IllegalArgumentException("MarketPrice.value: is missing");
        }
        if (decimals < 0 || decimals > MAX_DECIMALS) {
            throw new IllegalArgumentException(
                    "MarketPrice.decimals: " + decimals + " is out of range; valid: 0.." + MAX_DECIMALS);
        }
        if (!value.isPositive() || !value.fitsLong()) {
            throw new IllegalArgumentException("MarketPrice.value: " + value
                    + " is out of range; valid: 1 <= value <= 2^63-1 units of 10^-" + decimals);
        }
    }

    /** {@return the price of {@code units} units of {@code 10^-decimals}} */
    public static MarketPrice of(long units, int decimals) {
        return new MarketPrice(I256.of(units), decimals);
    }

    /**
     * Parses a plain decimal such as {@code "2000"} or {@code "0.00004"} exactly.
     *
     * @throws IllegalArgumentException if the text is not a decimal number, has more than {@code decimals} fractional
     *     digits (after trailing zeros are dropped), or is not positive
     */
    public static MarketPrice parse(String text, int decimals) {
        BigDecimal d;
        try {
            d = new BigDecimal(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("market price '" + text + "' is not a decimal number", e);
        }
        BigInteger units;
        try {
            units = d.movePointRight(decimals).toBigIntegerExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(
                    "market price '" + text + "' has more than " + decimals + " decimals; it cannot be held exactly",
                    e);
        }
        return new MarketPrice(I256.of(units), decimals);
    }

    /** {@return the value as a number of units} */
    public long units() {
        return value.longValueExact();
    }

    /**
     * {@return the same price with {@code newDecimals} decimals} Exact when decimals are added; when decimals are
     * removed the value is rounded to the nearest unit, halves away from zero, and never below one unit.
     */
    public MarketPrice rescale(int newDecimals) {
        if (newDecimals == decimals) {
            return this;
        }
        if (newDecimals < 0 || newDecimals > MAX_DECIMALS) {
            throw new IllegalArgumentException(
                    "MarketPrice.decimals: " + newDecimals + " is out of range; valid: 0.." + MAX_DECIMALS);
        }
        BigInteger scaled = new BigDecimal(value.toBigInteger(), decimals)
                .setScale(newDecimals, RoundingMode.HALF_UP)
                .unscaledValue();
        return new MarketPrice(I256.of(scaled.max(BigInteger.ONE)), newDecimals);
    }

    /** {@return the price as a plain decimal string, e.g. {@code 2000.00000000}} */
    public String toPlainString() {
        return new BigDecimal(value.toBigInteger(), decimals).toPlainString();
    }

    /** Compares the prices as numbers, whatever their decimals. */
    @Override
    public int compareTo(MarketPrice o) {
        return new BigDecimal(value.toBigInteger(), decimals)
                .compareTo(new BigDecimal(o.value.toBigInteger(), o.decimals));
    }

    @Override
    public String toString() {
        return toPlainString();
    }
}
