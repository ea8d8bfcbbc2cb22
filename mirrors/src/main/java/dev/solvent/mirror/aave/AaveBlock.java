package dev.solvent.mirror.aave;

import dev.solvent.mirror.evm.Address;
import io.vavr.collection.HashMap;
import io.vavr.collection.Map;
import java.math.BigInteger;
import java.util.Objects;

/**
 * The block a call runs in: its timestamp and what each asset's price source answers ({@code latestAnswer()} of the
 * aggregator {@code AaveOracle} reads, an {@code int256} in the oracle's 8-decimal base currency). A missing or
 * non-positive answer sends {@code AaveOracle} to its fallback oracle; the mirrored markets have none, so the call
 * reverts as the real one does.
 *
 * @param timestamp {@code block.timestamp}, seconds
 * @param answers the price source's answer per underlying asset
 */
public record AaveBlock(long timestamp, Map<Address, BigInteger> answers) {

    /** Checks the timestamp fits Aave's {@code uint40} and the answers are {@code int256}. */
    public AaveBlock {
        Objects.requireNonNull(answers, "answers");
        if (timestamp < 0 || timestamp >= (1L << 40)) {
            throw new IllegalArgumentException(
                    "block timestamp " + timestamp + " is not a uint40 (valid: 0 to 2^40 - 1 seconds)");
        }
        answers.forEach((asset, answer) -> {
            if (answer.bitLength() > 255) {
                throw new IllegalArgumentException("price answer " + answer + " of " + asset + " is not an int256");
            }
        });
    }

    /** {@return a block at {@code timestamp} with these answers} */
    public static AaveBlock of(long timestamp, java.util.Map<Address, BigInteger> answers) {
        return new AaveBlock(timestamp, HashMap.ofAll(answers));
    }

    /** {@return this block with the asset's answer replaced} */
    public AaveBlock withAnswer(Address asset, BigInteger answer) {
        return new AaveBlock(timestamp, answers.put(asset, answer));
    }

    /** {@return this block at another time, same answers} */
    public AaveBlock at(long time) {
        return new AaveBlock(time, answers);
    }
}
