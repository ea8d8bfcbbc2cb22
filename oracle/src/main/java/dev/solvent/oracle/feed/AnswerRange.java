package dev.solvent.oracle.feed;

import dev.solvent.model.math.I256;

/**
 * A closed range of answers {@code [min, max]} with a feed's decimals: a Chainlink aggregator's {@code minAnswer} and
 * {@code maxAnswer}, or a consumer's circuit-breaker band.
 *
 * @param min the smallest answer in range
 * @param max the largest answer in range, {@code >= min}
 */
public record AnswerRange(I256 min, I256 max) {

    /** Requires {@code min <= max}. */
    public AnswerRange {
        if (min == null || max == null || min.gt(max)) {
            throw new IllegalArgumentException(
                    "AnswerRange: " + min + ".." + max + " is out of range; valid: min <= max, both present");
        }
    }

    /** {@return whether {@code answer} lies in {@code [min, max]}} */
    public boolean contains(I256 answer) {
        return answer.compareTo(min) >= 0 && answer.compareTo(max) <= 0;
    }
}
