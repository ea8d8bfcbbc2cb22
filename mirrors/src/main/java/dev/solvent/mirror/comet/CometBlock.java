package dev.solvent.mirror.comet;

import dev.solvent.mirror.evm.Address;
import java.math.BigInteger;
import java.util.Map;

/**
 * The block a call runs in, as far as Comet can see it: {@code block.timestamp}, {@code block.basefee}, and the
 * latest answer of each price feed ({@code latestRoundData().answer}, 8 decimals as Comet requires). A feed missing
 * here is a feed without code: reading it reverts with empty data, as on chain.
 */
public record CometBlock(long timestamp, BigInteger baseFee, Map<Address, BigInteger> answers) {

    /** Copies the answers. */
    public CometBlock {
        if (timestamp < 0) {
            throw new IllegalArgumentException("a block timestamp is non-negative, not " + timestamp);
        }
        answers = Map.copyOf(answers);
    }

    /** {@return the same block with one feed's answer changed} */
    public CometBlock withAnswer(Address feed, BigInteger answer) {
        var next = new java.util.HashMap<>(answers);
        next.put(feed, answer);
        return new CometBlock(timestamp, baseFee, next);
    }

    /** {@return the same answers at another time} */
    public CometBlock at(long time) {
        return new CometBlock(time, baseFee, answers);
    }
}
