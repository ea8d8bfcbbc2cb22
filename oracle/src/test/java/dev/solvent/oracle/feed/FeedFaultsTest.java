package dev.solvent.oracle.feed;

import static dev.solvent.oracle.feed.FeedFixtures.CLOCK;
import static dev.solvent.oracle.feed.FeedFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.solvent.model.math.I256;
import dev.solvent.oracle.history.CandleCsv;
import dev.solvent.oracle.history.CandleSeries;
import dev.solvent.oracle.history.HistoricalReplay;
import dev.solvent.oracle.history.Interpolation;
import dev.solvent.oracle.market.BlockClock;
import dev.solvent.oracle.market.Gbm;
import dev.solvent.oracle.market.MarketPath;
import dev.solvent.oracle.market.MarketPrice;
import dev.solvent.oracle.market.MarketTick;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FeedFaultsTest {

    static final PushFeed ETH_USD = PushFeed.chainlink(8, 50, 3600, 1);

    /** MNGO at 3 cents, 8 decimals. */
    static final MarketPrice MNGO = MarketPrice.of(3_000_000, 8);

    static long units(Option<Round> r) {
        return r.map(x -> x.answer().longValueExact()).getOrElse(0L);
    }

    @Test
    void aFrozenFeedKeepsItsLastRoundUntilAStalenessGuardCatchesIt() {
        MarketPath market = new Gbm(0, 0.8).generate(MarketPrice.of(2000_00000000L, 8), CLOCK, 1_000, 11L);
        FrozenFeed<PushFeed.State> frozen = FeedFaults.frozen(ETH_USD, CLOCK.block(100));
        var trace = frozen.trace(market);
        Round last = trace.get(99).get();
        assertThat(trace.drop(100)).containsOnly(Option.some(last));
        ConsumerGuards guards = ConsumerGuards.of(Guard.MaxAge.ofHeartbeat(3600, 300));
        // readable until the age passes heartbeat + margin, refused afterwards
        long deadline = last.updatedAt() + 3900;
        assertThat(guards.read(FeedReading.of(trace.get(400), 8, deadline)).isRight())
                .isTrue();
        assertThat(guards.read(FeedReading.of(trace.get(400), 8, deadline + 1)).getLeft())
                .isEqualTo(new GuardRejection.StaleAnswer(last.updatedAt(), deadline + 1, 3900));
    }

    @Test
    void aDelayedFeedShowsTheRoundOfSomeBlocksAgo() {
        MarketPath market = new Gbm(0, 1.5).generate(MarketPrice.of(2000_00000000L, 8), CLOCK, 500, 3L);
        var direct = ETH_USD.trace(market);
        var late = FeedFaults.delayed(ETH_USD, 5).trace(market);
        assertThat(late.take(5)).containsOnly(Option.none());
        assertThat(late.drop(5)).isEqualTo(direct.dropRight(5));
    }

    @Test
    void aPushFeedCarriesAThinMarketSpikeIntoCollateralWithinMinutes() {
        MarketPath mango = FeedFaults.mangoMarkets(CLOCK, MNGO);
        // tenfold over blocks 300..350, top held to 450, back to 0.03 by 600
        assertThat(mango.units(299)).isEqualTo(3_000_000);
        assertThat(mango.units(350)).isEqualTo(30_000_000);
        assertThat(mango.units(600)).isEqualTo(3_000_000);
        var push = PushFeed.chainlink(8, 100, 3600, 1).trace(mango);
        // a 1% / 1 h feed with one block of latency publishes the top one block after the market reaches it
        assertThat(units(push.get(350))).isLessThan(30_000_000);
        assertThat(units(push.get(351))).isEqualTo(30_000_000);
        // and the answer stays above five times the pre-spike price for 20 minutes or more (100 blocks)
        long blocksAbove5x = push.count(r -> units(r) >= 15_000_000);
        assertThat(blocksAbove5x).isGreaterThanOrEqualTo(100);
    }

    @Test
    void aTwapShorterThanTheManipulationOnlyDelaysIt() {
        MarketPath mango = FeedFaults.mangoMarkets(CLOCK, MNGO);
        var push = PushFeed.chainlink(8, 100, 3600, 1).trace(mango);
        var twap = new Twap(1800, 8).trace(mango);
        int pushAt2x = push.indexWhere(r -> units(r) >= 6_000_000);
        int twapAt2x = twap.indexWhere(r -> units(r) >= 6_000_000);
        assertThat(pushAt2x).isEqualTo(307);
        // 35 blocks (7 minutes) later
        assertThat(twapAt2x).isEqualTo(342);
        // a 30-minute window over a 20-minute hold still reaches more than nine times the real price
        long twapMax = twap.map(FeedFaultsTest::units).max().get();
        assertThat(twapMax).isGreaterThan(27_000_000).isLessThan(30_000_000);
    }

    @Test
    void anOsmEitherMissesAShortSpikeOrPublishesItAnHourLateWithTimeToStopIt() {
        // pokes on the hour (blocks 0, 300, 600): the spike lives between them and is never seen
        MarketPath onTheHour = FeedFaults.mangoMarkets(CLOCK, MNGO);
        Osm<PushFeed.State> osm = new Osm<>(PushFeed.chainlink(8, 0, 3600, 0), 3600);
        assertThat(osm.trace(onTheHour).map(FeedFaultsTest::units).distinct()).containsOnly(0L, 3_000_000L);
        // starting half an hour earlier, the poke at block 450 lands on the top: the OSM queues the tenfold price,
        // everyone can see it (peep) for an hour, and it becomes current at block 750, when the market is back at 0.03
        MarketPath offset = FeedFaults.mangoMarkets(BlockClock.ethereum(CLOCK.firstBlock(), T0 + 1800), MNGO);
        Osm.State<PushFeed.State> s = osm.start();
        Vector<Long> current = Vector.empty();
        for (MarketTick t : offset) {
            s = osm.next(s, t);
            current = current.append(units(osm.latestRound(s)));
            if (t.block() == offset.clock().block(450)) {
                assertThat(osm.queued(s)).contains(I256.of(30_000_000));
            }
        }
        assertThat(current.get(749)).isEqualTo(3_000_000);
        assertThat(current.get(750)).isEqualTo(30_000_000);
        assertThat(offset.units(750)).isEqualTo(3_000_000);
    }

    @Test
    void freezesAtItsMinimumLikeTheLunaFeedWhileTheMarketGoesToZero() {
        // real LUNA/USDT 1-minute candles from 2022-05-12T00:00Z to the last trade, into 12-second blocks
        CandleSeries luna =
                CandleCsv.bundled("luna-usd-2022-05-07_2022-05-13-1m.csv", 8).get();
        int from = (int) ((Instant.parse("2022-05-12T00:00:00Z").getEpochSecond() - luna.startTime()) / 60);
        MarketPath market =
                HistoricalReplay.replay(luna.slice(from, luna.size()), 14_750_000, 12, Interpolation.OHLC_PATH);
        // an aggregator whose minAnswer is 0.10 USD
        PushFeed feed = ETH_USD.withLimits(new AnswerRange(I256.of(10_000_000), I256.of(100_000_000_000L)));
        Round last = feed.trace(market).last().get();
        assertThat(market.last().price()).isEqualTo(MarketPrice.parse("0.00005", 8));
        // the last in-range observation: 0.1298 USD at 11:32:24Z, thirteen hours before the end of trading
        assertThat(last.answer()).isEqualTo(I256.of(12_980_000));
        assertThat(Instant.ofEpochSecond(last.updatedAt())).isEqualTo(Instant.parse("2022-05-12T11:32:24Z"));
        long end = market.last().timestamp();
        FeedReading reading = FeedReading.of(Option.some(last), 8, end);
        // a circuit breaker set at the aggregator's own minimum does not fire: the stuck answer is above it
        assertThat(new Guard.Bounds(I256.of(10_000_000), I256.of(100_000_000_000L)).check(reading))
                .isEmpty();
        // the staleness guard does
        assertThat(Guard.MaxAge.ofHeartbeat(3600, 300).check(reading).get())
                .isInstanceOf(GuardRejection.StaleAnswer.class);
    }

    @Test
    void runsFeedsOfDifferentKindsSideBySide() {
        MarketPath market = new Gbm(0, 0.8).generate(MarketPrice.of(2000_00000000L, 8), CLOCK, 200, 1L);
        Vector<RunningFeed<?>> feeds = Vector.of(
                RunningFeed.start(ETH_USD),
                RunningFeed.start(new Twap(600, 8)),
                RunningFeed.start(new Osm<>(ETH_USD, 3600)));
        for (MarketTick t : market) {
            feeds = feeds.map(f -> f.next(t));
        }
        // 200 blocks = 40 minutes: the push feed and the 10-minute TWAP answer; the OSM has queued but not yet
        // made current its first value (that takes a hop)
        assertThat(feeds.map(f -> f.answer().isDefined())).containsExactly(true, true, false);
        assertThat(feeds.head().answer()).isEqualTo(ETH_USD.answer(OsmTest.run(ETH_USD, market)));
    }
}
