package dev.solvent.oracle.feed;

import static dev.solvent.oracle.feed.FeedFixtures.CLOCK;
import static dev.solvent.oracle.feed.FeedFixtures.T0;
import static dev.solvent.oracle.feed.FeedFixtures.dollars;
import static dev.solvent.oracle.feed.FeedFixtures.usd;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.solvent.model.math.I256;
import dev.solvent.oracle.market.MarketPath;
import dev.solvent.oracle.market.MarketPrice;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import org.junit.jupiter.api.Test;

class PushFeedTest implements OracleFeedContract<PushFeed.State> {

    @Override
    public OracleFeed<PushFeed.State> feed() {
        return PushFeed.chainlink(8, 50, 3600, 2).withCongestion(new Congestion.Random(0.3, 5));
    }

    /** ETH/USD on mainnet: 8 decimals, 0.5%, one hour. */
    static final PushFeed ETH_USD = PushFeed.chainlink(8, 50, 3600, 0);

    @Test
    void publishesOnlyWhenTheMoveReachesTheDeviationThreshold() {
        // 2000 -> round 1; 2009 is 0.45% away: nothing; 2010 is exactly 0.5%: |10| * 10000 >= 50 * 2000 -> round 2;
        // 2000 is 0.4975% below 2010: nothing; 1999 is 0.547% below: round 3
        var trace = ETH_USD.trace(dollars(2000, 2009, 2010, 2000, 1999));
        assertThat(trace.map(r -> r.get().roundId())).containsExactly(1L, 1L, 2L, 2L, 3L);
        assertThat(trace.map(r -> r.get().answer()))
                .containsExactly(usd(2000), usd(2000), usd(2010), usd(2010), usd(1999));
        assertThat(trace.get(2).get()).isEqualTo(new Round(2, usd(2010), T0 + 24, T0 + 24, 2));
    }

    @Test
    void publishesTheSameAnswerWhenTheHeartbeatElapses() {
        // flat market: round 1 at block 0 (T0); 3600 s later is block 300: round 2 at T0 + 3600
        var trace = ETH_USD.trace(MarketPath.constant(CLOCK, MarketPrice.of(2000 * FeedFixtures.USD, 8), 302));
        assertThat(trace.get(299).get().roundId()).isEqualTo(1);
        assertThat(trace.get(300).get()).isEqualTo(new Round(2, usd(2000), T0 + 3600, T0 + 3600, 2));
        assertThat(trace.get(301).get().roundId()).isEqualTo(2);
    }

    @Test
    void landsAnObservationLatencyBlocksLaterWithTheOldPrice() {
        PushFeed slow = PushFeed.chainlink(8, 50, 3600, 2);
        // observed 2000 at block 0, lands at block 2 (T0 + 24); the move to 2100 at block 1 is not observed while a
        // transmission is in flight; it is observed at block 2 and lands at block 4
        var trace = slow.trace(dollars(2000, 2100, 2100, 2100, 2100, 2100));
        assertThat(FeedFixtures.answers(trace))
                .containsExactly(
                        Option.none(),
                        Option.none(),
                        Option.some(usd(2000)),
                        Option.some(usd(2000)),
                        Option.some(usd(2100)),
                        Option.some(usd(2100)));
        assertThat(trace.get(2).get().updatedAt()).isEqualTo(T0 + 24);
    }

    @Test
    void waitsOutCongestionBeforeLanding() {
        PushFeed congested = PushFeed.chainlink(8, 50, 3600, 1).withCongestion(Congestion.Windows.of(1_001, 1_003));
        var trace = congested.trace(dollars(2000, 2000, 2000, 2000, 2000));
        // due at block 1001, congested 1001..1003: lands at 1004 (index 4) with the observation of block 1000
        assertThat(trace.take(4)).containsOnly(Option.none());
        assertThat(trace.get(4).get()).isEqualTo(new Round(1, usd(2000), T0 + 48, T0 + 48, 1));
    }

    @Test
    void congestsTheSameBlocksForTheSameSeed() {
        MarketPath path = MarketPath.constant(CLOCK, MarketPrice.of(2000 * FeedFixtures.USD, 8), 2_000);
        PushFeed a = ETH_USD.withCongestion(new Congestion.Random(0.9, 42));
        assertThat(a.trace(path)).isEqualTo(a.trace(path));
        assertThat(a.trace(path))
                .isNotEqualTo(
                        ETH_USD.withCongestion(new Congestion.Random(0.9, 43)).trace(path));
        assertThat(ETH_USD.withCongestion(new Congestion.Random(1.0, 42)).trace(path))
                .containsOnly(Option.none());
        assertThat(ETH_USD.withCongestion(new Congestion.Random(0.0, 42)).trace(path))
                .isEqualTo(ETH_USD.trace(path));
        // about 90% of blocks congested: the heartbeat rounds land a few blocks late on average
        long congestedBlocks = Vector.range(0, 2_000)
                .filter(b -> new Congestion.Random(0.9, 42).congested(b))
                .size();
        assertThat(congestedBlocks).isBetween(1_700L, 1_900L);
    }

    @Test
    void freezesAtItsLastInRangeAnswerWhenTheMarketLeavesItsLimits() {
        PushFeed limited = ETH_USD.withLimits(new AnswerRange(usd(10), usd(1_000_000)));
        var trace = limited.trace(dollars(12, 11, 10, 9, 5, 1));
        assertThat(trace.map(r -> r.get().answer()))
                .containsExactly(usd(12), usd(11), usd(10), usd(10), usd(10), usd(10));
        assertThat(trace.last().get().updatedAt()).isEqualTo(T0 + 24);
    }

    @Test
    void roundsTheMarketToTheFeedsDecimalsHalfUp() {
        PushFeed twoDecimals = PushFeed.chainlink(2, 50, 3600, 0);
        MarketPath p = MarketPath.of(CLOCK, 8, 200_012_500_000L); // 2000.125
        assertThat(twoDecimals.trace(p).head().get().answer()).isEqualTo(I256.of(200_013));
        PushFeed wide = PushFeed.chainlink(20, 50, 3600, 0);
        assertThat(wide.trace(p).head().get().answer()).isEqualTo(I256.parse("200012500000000000000000"));
    }

    @Test
    void refusesParametersOutOfRangeNamingThem() {
        assertThatThrownBy(() -> PushFeed.chainlink(8, -1, 3600, 0))
                .hasMessageContaining("PushFeed.deviationBps: -1 is out of range; valid: 0 <= value <= 10000");
        assertThatThrownBy(() -> PushFeed.chainlink(8, 50, 0, 0)).hasMessageContaining("PushFeed.heartbeatSeconds: 0");
        assertThatThrownBy(() -> PushFeed.chainlink(37, 50, 60, 0)).hasMessageContaining("PushFeed.decimals: 37");
        assertThatThrownBy(() -> new Congestion.Random(1.5, 1))
                .hasMessageContaining("Congestion.Random.probability: 1.5 is out of range; valid: 0.0 <= value <= 1.0");
    }

    @Test
    void givesTheModelItsOracleAnswer() {
        var answer = ETH_USD.answer(ETH_USD.next(ETH_USD.start(), dollars(2000).first()));
        assertThat(answer.get()).isEqualTo(new dev.solvent.model.tx.OracleAnswer(usd(2000), 8, T0));
    }
}
