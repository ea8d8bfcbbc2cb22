package dev.solvent.oracle.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.solvent.model.math.I256;
import dev.solvent.oracle.live.FeedFailure.AnsweredInEarlierRound;
import dev.solvent.oracle.live.FeedFailure.IncompleteRound;
import dev.solvent.oracle.live.FeedFailure.NonPositiveAnswer;
import dev.solvent.oracle.live.FeedFailure.StaleAnswer;
import dev.solvent.oracle.live.FeedFailure.UpdatedInFuture;
import io.vavr.control.Either;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The consumer checks on their own, at their boundaries, with no network. */
class LiveConsumerGuardTest {

    private static final Instant NOW = Instant.ofEpochSecond(1_764_417_600);
    private static final long T = NOW.getEpochSecond();
    private static final BigInteger R7 = BigInteger.valueOf(7);
    private static final LiveConsumerGuard ONE_HOUR = LiveConsumerGuard.maxAge(Duration.ofHours(1));

    private static RoundData round(long answer, long startedAt, long updatedAt, long answeredInRound) {
        return new RoundData(R7, I256.of(answer), startedAt, updatedAt, BigInteger.valueOf(answeredInRound));
    }

    @Test
    void acceptsAnAnswerExactlyAsOldAsTheMaximumAge() {
        RoundData round = round(100, T - 3_600, T - 3_600, 7);

        assertThat(ONE_HOUR.check(round, NOW)).isEqualTo(Either.right(round));
    }

    @Test
    void rejectsAnAnswerOneSecondOlderThanTheMaximumAge() {
        RoundData round = round(100, T - 3_601, T - 3_601, 7);

        assertThat(ONE_HOUR.check(round, NOW))
                .isEqualTo(Either.left(new StaleAnswer(round, Duration.ofSeconds(3_601), Duration.ofHours(1))));
    }

    @Test
    void acceptsAnAnswerUpdatedThisVerySecond() {
        RoundData round = round(100, T, T, 7);

        assertThat(ONE_HOUR.check(round, NOW)).isEqualTo(Either.right(round));
    }

    @Test
    void rejectsAnAnswerOneSecondInTheFutureWithoutSkew() {
        RoundData round = round(100, T + 1, T + 1, 7);

        assertThat(ONE_HOUR.check(round, NOW)).isEqualTo(Either.left(new UpdatedInFuture(round, T)));
    }

    @Test
    void acceptsAnAnswerInTheFutureWithinTheAllowedSkew() {
        RoundData round = round(100, T + 5, T + 5, 7);
        LiveConsumerGuard skewed = new LiveConsumerGuard(Duration.ofHours(1), Duration.ofSeconds(5));

        assertThat(skewed.check(round, NOW)).isEqualTo(Either.right(round));
        assertThat(skewed.check(round(100, T + 6, T + 6, 7), NOW).getLeft()).isInstanceOf(UpdatedInFuture.class);
    }

    @Test
    void rejectsAnUpdateTimeFarBeyondAnyClockWithoutOverflowing() {
        RoundData round = round(100, 1, Long.MAX_VALUE, 7);

        assertThat(ONE_HOUR.check(round, Instant.MIN).getLeft()).isInstanceOf(UpdatedInFuture.class);
    }

    @Test
    void rejectsZeroAndNegativeAnswers() {
        assertThat(ONE_HOUR.check(round(0, T, T, 7), NOW).getLeft()).isInstanceOf(NonPositiveAnswer.class);
        assertThat(ONE_HOUR.check(round(-1, T, T, 7), NOW).getLeft()).isInstanceOf(NonPositiveAnswer.class);
        assertThat(ONE_HOUR.check(round(1, T, T, 7), NOW).isRight()).isTrue();
    }

    @Test
    void rejectsARoundThatNeverStartedOrWasNeverUpdated() {
        assertThat(ONE_HOUR.check(round(100, 0, T, 7), NOW).getLeft()).isInstanceOf(IncompleteRound.class);
        assertThat(ONE_HOUR.check(round(100, T, 0, 7), NOW).getLeft()).isInstanceOf(IncompleteRound.class);
    }

    @Test
    void rejectsAnAnswerFromAnEarlierRoundButAcceptsALaterOne() {
        assertThat(ONE_HOUR.check(round(100, T, T, 6), NOW).getLeft()).isInstanceOf(AnsweredInEarlierRound.class);
        assertThat(ONE_HOUR.check(round(100, T, T, 8), NOW).isRight()).isTrue();
    }

    @Test
    void reportsTheFirstFailingCheckInItsDocumentedOrder() {
        // incomplete, carried over, stale and negative all at once: incomplete comes first
        RoundData everythingWrong = round(-5, T - 10_000, 0, 6);

        assertThat(ONE_HOUR.check(everythingWrong, NOW)).isEqualTo(Either.left(new IncompleteRound(everythingWrong)));
        // stale and negative: stale comes first
        RoundData staleAndNegative = round(-5, T - 10_000, T - 10_000, 7);
        assertThat(ONE_HOUR.check(staleAndNegative, NOW).getLeft()).isInstanceOf(StaleAnswer.class);
    }

    @Test
    void refusesANonPositiveMaximumAge() {
        assertThatThrownBy(() -> LiveConsumerGuard.maxAge(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxAge");
    }
}
