package dev.solvent.oracle.feed;

import dev.solvent.model.math.I256;

/**
 * Why a careful consumer refuses an oracle answer: one record per check of {@link Guard}, named like the custom errors
 * such consumers revert with, each carrying the numbers that explain it.
 */
public sealed interface GuardRejection {

    /** The feed has no round. */
    record MissingRound() implements GuardRejection {}

    /** The answer is zero or negative. */
    record NonPositiveAnswer(I256 answer) implements GuardRejection {}

    /** {@code now - updatedAt > maxAge}. */
    record StaleAnswer(long updatedAt, long now, long maxAge) implements GuardRejection {}

    /** The answer is at or beyond the circuit breaker's bounds. */
    record AnswerOutOfBounds(I256 answer, I256 min, I256 max) implements GuardRejection {}

    /** The round never completed ({@code updatedAt == 0}). */
    record IncompleteRound(long roundId) implements GuardRejection {}

    /** The answer was carried from an older round ({@code answeredInRound < roundId}). */
    record StaleRound(long roundId, long answeredInRound) implements GuardRejection {}

    /** The L2 sequencer is down ({@code SequencerDown}). */
    record SequencerDown(long since) implements GuardRejection {}

    /** The sequencer came back less than the grace period ago ({@code GracePeriodNotOver}). */
    record GracePeriodNotOver(long upSince, long now, long gracePeriod) implements GuardRejection {}

    /** The sequencer-uptime feed has no round ({@code InvalidRound}). */
    record SequencerStatusUnknown() implements GuardRejection {}
}
