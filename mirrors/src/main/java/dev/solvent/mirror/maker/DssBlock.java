package dev.solvent.mirror.maker;

import dev.solvent.mirror.evm.Address;
import java.math.BigInteger;
import java.util.Map;

/**
 * The block a call runs in: {@code now} and what each price feed ({@code pip}) answers to {@code peek()}. A pip
 * missing here has no code: reading it reverts with empty data, as on chain.
 */
public record DssBlock(long timestamp, Map<Address, Peek> pips) {

    /** A feed's answer: the value (a WAD price, as a {@code bytes32}) and whether it is valid. */
    public record Peek(BigInteger val, boolean has) {}

    /** Copies the feeds. */
    public DssBlock {
        if (timestamp < 0) {
            throw new IllegalArgumentException("a block timestamp is non-negative, not " + timestamp);
        }
        pips = Map.copyOf(pips);
    }

    /** {@return {@code now}} */
    public BigInteger now() {
        return BigInteger.valueOf(timestamp);
    }
}
