package dev.solvent.oracle.feed;

import dev.solvent.model.math.I256;
import dev.solvent.oracle.internal.ParameterChecks;
import io.vavr.control.Option;

/**
 * One check a careful consumer applies to an oracle reading before using it, as the Chainlink documentation and audit
 * practice recommend. A failed check is a typed {@link GuardRejection}, never an exception. Combine them with
 * {@link ConsumerGuards}.
 */
public sealed interface Guard {

    /** {@return why {@code reading} is refused, or none if this check passes} */
    Option<GuardRejection> check(FeedReading reading);

    /**
     * Refuses an answer older than {@code maxAgeSeconds}: {@code now - updatedAt > maxAge}. Set it from the feed's
     * heartbeat plus a margin for transmission delay.
     *
     * @param maxAgeSeconds the oldest acceptable answer, {@code >= 0}
     */
    record MaxAge(long maxAgeSeconds) implements Guard {

        /** Rejects a negative age. */
        public MaxAge {
            ParameterChecks.within("MaxAge.maxAgeSeconds", maxAgeSeconds, 0, Long.MAX_VALUE / 2, "seconds");
        }

        /** {@return a maximum age of the heartbeat plus {@code marginSeconds}} */
        public static MaxAge ofHeartbeat(long heartbeatSeconds, long marginSeconds) {
            return new MaxAge(heartbeatSeconds + marginSeconds);
        }

        @Override
        public Option<GuardRejection> check(FeedReading reading) {
            return reading.round().isEmpty()
                    ? Option.some(new GuardRejection.MissingRound())
                    : reading.round()
                            .filter(r -> reading.now() - r.updatedAt() > maxAgeSeconds)
                            .map(r -> new GuardRejection.StaleAnswer(r.updatedAt(), reading.now(), maxAgeSeconds));
        }
    }

    /**
     * A circuit breaker: refuses an answer at or beyond {@code min} or {@code max}. Set the bounds strictly inside the
     * aggregator's {@code minAnswer}/{@code maxAnswer}, because a feed that hits its limit stops following the market
     * (see {@link PushFeed}).
     *
     * @param min answers at or below it are refused
     * @param max answers at or above it are refused, {@code > min}
     */
    record Bounds(I256 min, I256 max) implements Guard {

        /** Requires {@code min < max}. */
        public Bounds {
            ParameterChecks.require(
                    min != null && max != null && min.lt(max),
                    "Bounds",
                    min + ".." + max + " is out of range; valid: min < max");
        }

        @Override
        public Option<GuardRejection> check(FeedReading reading) {
            return reading.round().isEmpty()
                    ? Option.some(new GuardRejection.MissingRound())
                    : reading.round()
                            .map(Round::answer)
                            .filter(a -> a.compareTo(min) <= 0 || a.compareTo(max) >= 0)
                            .map(a -> new GuardRejection.AnswerOutOfBounds(a, min, max));
        }
    }

    /** Refuses a zero or negative answer. */
    record PositiveAnswer() implements Guard {
        @Override
        public Option<GuardRejection> check(FeedReading reading) {
            return reading.round().isEmpty()
                    ? Option.some(new GuardRejection.MissingRound())
                    : reading.round()
                            .map(Round::answer)
                            .filter(a -> !a.isPositive())
                            .map(GuardRejection.NonPositiveAnswer::new);
        }
    }

    /** Refuses a round that never completed ({@code updatedAt == 0}) or carries an older round's answer. */
    record CompleteRound() implements Guard {
        @Override
        public Option<GuardRejection> check(FeedReading reading) {
            if (reading.round().isEmpty()) {
                return Option.some(new GuardRejection.MissingRound());
            }
            Round r = reading.round().get();
            if (r.updatedAt() == 0) {
                return Option.some(new GuardRejection.IncompleteRound(r.roundId()));
            }
            if (r.answeredInRound() < r.roundId()) {
                return Option.some(new GuardRejection.StaleRound(r.roundId(), r.answeredInRound()));
            }
            return Option.none();
        }
    }

    /**
     * On an L2: refuses while the sequencer is down, and for {@code gracePeriodSeconds} after it comes back (so that
     * users can top up positions before liquidations resume), as in Chainlink's L2 sequencer-uptime example: {@code
     * answer == 0} is up; {@code now - startedAt <= gracePeriod} is too early.
     *
     * @param gracePeriodSeconds the wait after the sequencer comes back, {@code >= 0} (Chainlink's example: 3600)
     */
    record SequencerUp(long gracePeriodSeconds) implements Guard {

        /** Rejects a negative grace period. */
        public SequencerUp {
            ParameterChecks.within(
                    "SequencerUp.gracePeriodSeconds", gracePeriodSeconds, 0, Long.MAX_VALUE / 2, "seconds");
        }

        @Override
        public Option<GuardRejection> check(FeedReading reading) {
            if (reading.sequencer().isEmpty()) {
                return Option.some(new GuardRejection.SequencerStatusUnknown());
            }
            Round s = reading.sequencer().get();
            if (!s.answer().isZero()) {
                return Option.some(new GuardRejection.SequencerDown(s.startedAt()));
            }
            if (reading.now() - s.startedAt() <= gracePeriodSeconds) {
                return Option.some(
                        new GuardRejection.GracePeriodNotOver(s.startedAt(), reading.now(), gracePeriodSeconds));
            }
            return Option.none();
        }
    }
}
