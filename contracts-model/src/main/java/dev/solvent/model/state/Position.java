package dev.solvent.model.state;

import dev.solvent.model.math.I256;

/**
 * A perpetual position as a contract stores it: a signed size and a quote balance, so that its value at price
 * {@code p} is {@code size * p + quote} (dYdX v4's perpetual position with its quote balance).
 *
 * @param size base units of the underlying; positive long, negative short
 * @param quote settlement base units: minus what was paid to open, plus what was received, minus funding paid
 * @param fundingIndex the market's cumulative funding index when funding was last settled
 */
public record Position(I256 size, I256 quote, I256 fundingIndex) {

    /** Requires every field. */
    public Position {
        if (size == null || quote == null || fundingIndex == null) {
            throw new IllegalArgumentException("a position needs size, quote and fundingIndex");
        }
    }

    /** {@return an empty position at the given funding index} */
    public static Position empty(I256 fundingIndex) {
        return new Position(I256.ZERO, I256.ZERO, fundingIndex);
    }

    /** {@return whether the position has no size} */
    public boolean isFlat() {
        return size.isZero();
    }

    /** {@return a copy with the given size and quote} */
    public Position with(I256 newSize, I256 newQuote) {
        return new Position(newSize, newQuote, fundingIndex);
    }

    /** {@return a copy with the given quote} */
    public Position withQuote(I256 newQuote) {
        return new Position(size, newQuote, fundingIndex);
    }
}
