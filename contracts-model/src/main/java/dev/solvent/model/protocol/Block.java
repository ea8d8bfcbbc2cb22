package dev.solvent.model.protocol;

import io.vavr.collection.TreeMap;
import java.math.BigInteger;
import java.util.Objects;

/**
 * The block a protocol call runs in, as the layers above produce it: number, time, base fee, and what each price
 * source answers. Prices are keyed by the name the protocol was set up with (an engine price key, an asset symbol);
 * each protocol translates them into what its contracts read (feed answers, oracle prices, pip values).
 *
 * @param baseFee the block's base fee in wei (some contracts read it)
 * @param prices each price source's answer, by name
 */
public record Block(long number, long timestamp, BigInteger baseFee, TreeMap<String, Price> prices) {

    /** Checks that nothing is missing and that time and number are not negative. */
    public Block {
        Objects.requireNonNull(baseFee, "baseFee");
        Objects.requireNonNull(prices, "prices");
        if (number < 0 || timestamp < 0 || baseFee.signum() < 0) {
            throw new IllegalArgumentException("a block's number (" + number + "), timestamp (" + timestamp
                    + ") and base fee (" + baseFee + ") must not be negative");
        }
    }

    /** {@return a block with no base fee} */
    public static Block of(long number, long timestamp, TreeMap<String, Price> prices) {
        return new Block(number, timestamp, BigInteger.ZERO, prices);
    }

    /** {@return the answer named {@code name}, if the block has one} */
    public io.vavr.control.Option<Price> price(String name) {
        return prices.get(name);
    }

    /** {@return this block with one answer replaced} */
    public Block withPrice(String name, Price price) {
        return new Block(number, timestamp, baseFee, prices.put(name, price));
    }

    /**
     * One price source's answer: an integer with its decimals (a Chainlink-style {@code int256}), and when it was
     * last updated.
     */
    public record Price(BigInteger answer, int decimals, long updatedAt) {

        /** Checks the decimals are a {@code uint8}. */
        public Price {
            Objects.requireNonNull(answer, "answer");
            if (decimals < 0 || decimals > 255) {
                throw new IllegalArgumentException("price decimals are a uint8 (0 to 255), not " + decimals);
            }
        }

        /** {@return {@code answer} scaled to {@code target} decimals, rounding toward zero} */
        public BigInteger scaledTo(int target) {
            return target >= decimals
                    ? answer.multiply(BigInteger.TEN.pow(target - decimals))
                    : answer.divide(BigInteger.TEN.pow(decimals - target));
        }
    }
}
