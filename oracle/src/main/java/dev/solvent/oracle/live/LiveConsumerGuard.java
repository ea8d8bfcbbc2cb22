package dev.solvent.oracle.live;

import dev.solvent.oracle.live.FeedFailure.AnsweredInEarlierRound;
import dev.solvent.oracle.live.FeedFailure.IncompleteRound;
import dev.solvent.oracle.live.FeedFailure.NonPositiveAnswer;
import dev.solvent.oracle.live.FeedFailure.Rejection;
import dev.solvent.oracle.live.FeedFailure.StaleAnswer;
import dev.solvent.oracle.live.FeedFailure.UpdatedInFuture;
import io.vavr.control.Either;
import java.time.Duration;
import java.time.Instant;

/**
 * The checks a careful consumer contract makes on a Chainlink round before it uses the answer, for live reads. The
 * simulated feeds have their own guards in {@code dev.solvent.oracle.feed}; this small one keeps live reads
 * self-contained until the two are reconciled.
 *
 * <p>The checks run in this order and the first that fails is the rejection: the round is complete (neither
 * {@code startedAt} nor {@code updatedAt} is 0); it was answered in its own round ({@code answeredInRound >=
 * roundId}); it is not from the future (beyond {@code allowedClockSkew}); it is at most {@code maxAge} old; and the
 * answer is positive.
 *
 * @param maxAge the oldest answer accepted; set it from the feed's heartbeat (ETH/USD on mainnet: 1 hour) plus a margin
 * @param allowedClockSkew how far in the future {@code updatedAt} may be, for a local clock a little behind the chain's
 */
public record LiveConsumerGuard(Duration maxAge, Duration allowedClockSkew) {

    /** Rejects a non-positive maximum age and a negative skew. */
    public LiveConsumerGuard {
        if (maxAge == null || maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("maxAge: " + maxAge + " must be positive");
        }
        if (allowedClockSkew == null || allowedClockSkew.isNegative()) {
            throw new IllegalArgumentException("allowedClockSkew: " + allowedClockSkew + " must not be negative");
        }
    }

    /** {@return a guard with the given maximum age that allows no clock skew} */
    public static LiveConsumerGuard maxAge(Duration maxAge) {
        return new LiveConsumerGuard(maxAge, Duration.ZERO);
    }

    /** {@return the round if a careful consumer would use its answer at {@code now}, or why it would not} */
    public Either<Rejection, RoundData> check(RoundData round, Instant now) {
        if (round.startedAt() == 0 || round.updatedAt() == 0) {
            return Either.left(new IncompleteRound(round));
        }
        if (round.answeredInRound().compareTo(round.roundId()) < 0) {
            return Either.left(new AnsweredInEarlierRound(round));
        }
        long nowSeconds = now.getEpochSecond();
        // compared this way round so that no subtraction can overflow, whatever updatedAt the feed returned
        if (round.updatedAt() - allowedClockSkew.toSeconds() > nowSeconds) {
            return Either.left(new UpdatedInFuture(round, nowSeconds));
        }
        // an answer from within the allowed skew counts as brand new
        Duration age = Duration.ofSeconds(Math.max(0, nowSeconds - round.updatedAt()));
        if (age.compareTo(maxAge) > 0) {
            return Either.left(new StaleAnswer(round, age, maxAge));
        }
        if (!round.answer().isPositive()) {
            return Either.left(new NonPositiveAnswer(round));
        }
        return Either.right(round);
    }
}
