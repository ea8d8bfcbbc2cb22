package dev.solvent.oracle.feed;

import static dev.solvent.oracle.feed.FeedFixtures.T0;
import static dev.solvent.oracle.feed.FeedFixtures.usd;
import static org.assertj.core.api.Assertions.assertThat;

import dev.solvent.model.id.AccountId;
import dev.solvent.model.logic.MarginLogic;
import dev.solvent.model.math.I256;
import dev.solvent.model.tx.BlockContext;
import dev.solvent.model.tx.OracleAnswer;
import dev.solvent.model.tx.Revert;
import io.vavr.collection.TreeMap;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class GuardTest {

    static final Round ROUND_7 = new Round(7, usd(2000), T0, T0, 7);

    static FeedReading at(Round round, long now) {
        return FeedReading.of(Option.some(round), 8, now);
    }

    @Test
    void refusesAnAnswerOlderThanTheHeartbeatPlusMargin() {
        Guard g = Guard.MaxAge.ofHeartbeat(3600, 600);
        assertThat(g.check(at(ROUND_7, T0 + 4200))).isEmpty();
        assertThat(g.check(at(ROUND_7, T0 + 4201))).contains(new GuardRejection.StaleAnswer(T0, T0 + 4201, 4200));
    }

    @Test
    void breaksTheCircuitAtOrBeyondItsBounds() {
        Guard g = new Guard.Bounds(usd(100), usd(10_000));
        assertThat(g.check(at(ROUND_7, T0))).isEmpty();
        Round atMin = new Round(8, usd(100), T0, T0, 8);
        assertThat(g.check(at(atMin, T0)))
                .contains(new GuardRejection.AnswerOutOfBounds(usd(100), usd(100), usd(10_000)));
        Round above = new Round(8, usd(10_001), T0, T0, 8);
        assertThat(g.check(at(above, T0)).isDefined()).isTrue();
    }

    @Test
    void refusesZeroAndNegativeAnswers() {
        Guard g = new Guard.PositiveAnswer();
        assertThat(g.check(at(new Round(1, I256.ZERO, T0, T0, 1), T0)))
                .contains(new GuardRejection.NonPositiveAnswer(I256.ZERO));
        assertThat(g.check(at(new Round(1, I256.of(-1), T0, T0, 1), T0)).isDefined())
                .isTrue();
        assertThat(g.check(at(ROUND_7, T0))).isEmpty();
    }

    @Test
    void refusesIncompleteRoundsAndAnswersCarriedFromOlderRounds() {
        Guard g = new Guard.CompleteRound();
        assertThat(g.check(at(new Round(8, usd(2000), T0, 0, 8), T0))).contains(new GuardRejection.IncompleteRound(8));
        Round carried = FeedFaults.carriedOverRound(ROUND_7, T0 + 3600);
        assertThat(carried).isEqualTo(new Round(8, usd(2000), T0 + 3600, T0, 7));
        assertThat(g.check(at(carried, T0 + 3700))).contains(new GuardRejection.StaleRound(8, 7));
    }

    @Test
    void waitsOutTheSequencersGracePeriod() {
        SequencerUptimeFeed uptime =
                new SequencerUptimeFeed(T0 - 86_400, Vector.of(new SequencerUptimeFeed.Outage(T0 + 100, T0 + 200)));
        Guard g = new Guard.SequencerUp(3600);
        java.util.function.LongFunction<Option<GuardRejection>> at =
                now -> g.check(new FeedReading(Option.some(ROUND_7), 8, now, uptime.round(now)));
        assertThat(at.apply(T0)).isEmpty();
        assertThat(at.apply(T0 + 150)).contains(new GuardRejection.SequencerDown(T0 + 100));
        assertThat(at.apply(T0 + 3800)).contains(new GuardRejection.GracePeriodNotOver(T0 + 200, T0 + 3800, 3600));
        assertThat(at.apply(T0 + 3801)).isEmpty();
        assertThat(at.apply(T0 - 90_000)).contains(new GuardRejection.SequencerStatusUnknown());
    }

    @Test
    void numbersTheSequencerFeedsRoundsByStatusChange() {
        SequencerUptimeFeed uptime = new SequencerUptimeFeed(
                100, Vector.of(new SequencerUptimeFeed.Outage(200, 300), new SequencerUptimeFeed.Outage(400, 450)));
        assertThat(uptime.round(99)).isEmpty();
        assertThat(uptime.round(100).get()).isEqualTo(new Round(1, I256.ZERO, 100, 100, 1));
        assertThat(uptime.round(250).get()).isEqualTo(new Round(2, I256.ONE, 200, 200, 2));
        assertThat(uptime.round(300).get()).isEqualTo(new Round(3, I256.ZERO, 300, 300, 3));
        assertThat(uptime.round(449).get()).isEqualTo(new Round(4, I256.ONE, 400, 400, 4));
        assertThat(uptime.round(10_000).get()).isEqualTo(new Round(5, I256.ZERO, 450, 450, 5));
    }

    @Test
    void reportsTheFirstFailingCheckInOrderAndOtherwiseTheModelsAnswer() {
        ConsumerGuards guards = ConsumerGuards.chainlink(3600, 600, usd(100), usd(100_000));
        Round negativeAndStale = new Round(3, I256.of(-5), T0, T0, 3);
        assertThat(guards.read(at(negativeAndStale, T0 + 99_999)).getLeft())
                .isEqualTo(new GuardRejection.NonPositiveAnswer(I256.of(-5)));
        assertThat(guards.read(at(ROUND_7, T0 + 99_999)).getLeft()).isInstanceOf(GuardRejection.StaleAnswer.class);
        assertThat(guards.read(at(ROUND_7, T0 + 10)).get()).isEqualTo(new OracleAnswer(usd(2000), 8, T0));
        assertThat(guards.read(FeedReading.of(Option.none(), 8, T0)).getLeft())
                .isEqualTo(new GuardRejection.MissingRound());
        assertThat(ConsumerGuards.of()
                        .read(FeedReading.of(Option.none(), 8, T0))
                        .getLeft())
                .isEqualTo(new GuardRejection.MissingRound());
        // on L2 the sequencer goes first
        assertThat(guards.onL2(3600).read(at(negativeAndStale, T0)).getLeft())
                .isEqualTo(new GuardRejection.SequencerStatusUnknown());
    }

    /** The guard and the margin model agree on staleness: both refuse exactly when now - updatedAt > maxAge. */
    @Property(tries = 300)
    void agreesWithTheModelOnStaleness(
            @ForAll @LongRange(min = 0, max = 10_000) long age, @ForAll @LongRange(min = 0, max = 10_000) long maxAge) {
        long now = T0 + age;
        boolean guardRefuses = new Guard.MaxAge(maxAge).check(at(ROUND_7, now)).isDefined();
        BlockContext block = new BlockContext(1, now, AccountId.of("a"), TreeMap.of("ETH/USD", ROUND_7.toAnswer(8)));
        boolean modelRefuses =
                MarginLogic.price("ETH/USD", maxAge, block).fold(r -> r instanceof Revert.StalePrice, q -> false);
        assertThat(guardRefuses).isEqualTo(modelRefuses);
    }
}
