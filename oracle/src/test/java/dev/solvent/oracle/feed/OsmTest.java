package dev.solvent.oracle.feed;

import static dev.solvent.oracle.feed.FeedFixtures.T0;
import static dev.solvent.oracle.feed.FeedFixtures.steps;
import static dev.solvent.oracle.feed.FeedFixtures.usd;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.solvent.model.math.I256;
import dev.solvent.oracle.market.BlockClock;
import dev.solvent.oracle.market.MarketPath;
import dev.solvent.oracle.market.MarketTick;
import io.vavr.control.Option;
import org.junit.jupiter.api.Test;

class OsmTest implements OracleFeedContract<Osm.State<PushFeed.State>> {

    @Override
    public OracleFeed<Osm.State<PushFeed.State>> feed() {
        return new Osm<>(PushFeed.chainlink(8, 50, 3600, 0), 600);
    }

    /** A source that follows every move: deviation 0, no latency. */
    static final PushFeed SPOT = PushFeed.chainlink(8, 0, 3600, 0);

    static final Osm<PushFeed.State> OSM = new Osm<>(SPOT, 3600);

    /** 100, 200, 300, 400 dollars, one hour (300 blocks) each, from T0 (an hour boundary). */
    static final MarketPath HOURLY_STEPS = steps(300, 100, 200, 300, 400);

    @Test
    void givesContractsThePriceOfOneHopAgo() {
        var trace = OSM.trace(HOURLY_STEPS);
        // first poke at T0 queues 100 and makes nothing current
        assertThat(trace.take(300)).containsOnly(Option.none());
        // at T0 + 3600 the queued 100 becomes current while the market is at 200, and so on
        assertThat(trace.get(300).get()).isEqualTo(new Round(2, usd(100), T0 + 3600, T0 + 3600, 2));
        assertThat(trace.slice(300, 600).map(r -> r.get().answer())).containsOnly(usd(100));
        assertThat(trace.slice(600, 900).map(r -> r.get().answer())).containsOnly(usd(200));
        assertThat(trace.slice(900, 1200).map(r -> r.get().answer())).containsOnly(usd(300));
    }

    @Test
    void showsTheQueuedValueBeforeItTakesEffect() {
        Osm.State<PushFeed.State> s = run(OSM, HOURLY_STEPS.slice(0, 301));
        assertThat(OSM.latestRound(s).get().answer()).isEqualTo(usd(100));
        assertThat(OSM.queued(s)).contains(usd(200));
    }

    @Test
    void roundsPokeTimesDownToTheHop() {
        // starting half an hour into an hour: zzz = prev(T0 + 1800) = T0, so the next poke comes 30 minutes later
        MarketPath p = steps(150, 100, 200, 300).retimed(BlockClock.ethereum(0, T0 + 1800));
        var trace = OSM.trace(p);
        assertThat(trace.get(149)).isEmpty();
        assertThat(trace.get(150).get()).isEqualTo(new Round(2, usd(100), T0 + 3600, T0 + 3600, 2));
    }

    @Test
    void freezesWhenStoppedAndDropsEverythingWhenVoided() {
        Osm.State<PushFeed.State> s = run(OSM, HOURLY_STEPS.slice(0, 301));
        Osm.State<PushFeed.State> halted = Osm.halted(s);
        for (MarketTick t : HOURLY_STEPS.slice(301, 900)) {
            halted = OSM.next(halted, t);
        }
        assertThat(OSM.latestRound(halted).get().answer()).isEqualTo(usd(100));
        // restarted: the next block passes (now >= zzz + hop) and pokes
        Osm.State<PushFeed.State> resumed = OSM.next(Osm.resumed(halted), HOURLY_STEPS.tick(900));
        assertThat(OSM.latestRound(resumed).get().answer()).isEqualTo(usd(200));
        assertThat(OSM.queued(resumed)).contains(usd(400));
        assertThat(OSM.latestRound(Osm.voided(s))).isEmpty();
    }

    @Test
    void doesNotPokeWhileTheSourceHasNoValue() {
        Osm<PushFeed.State> slowSource = new Osm<>(PushFeed.chainlink(8, 0, 3600, 5), 3600);
        Osm.State<PushFeed.State> s = slowSource.next(slowSource.start(), HOURLY_STEPS.tick(0));
        assertThat(s.pokes()).isZero();
        assertThat(s.zzz()).isZero();
        assertThat(slowSource.queued(s)).isEmpty();
        assertThat(slowSource.decimals()).isEqualTo(8);
        assertThatThrownBy(() -> new Osm<>(SPOT, 0)).hasMessageContaining("Osm.hopSeconds: 0 is out of range");
        // and nothing is current: a contract reading the OSM gets no round, not a zero price
        assertThat(slowSource.latestRound(s)).isEmpty();
        assertThat(s.cur()).isEqualTo(Option.<I256>none());
    }

    static <S> S run(OracleFeed<S> feed, MarketPath path) {
        S s = feed.start();
        for (MarketTick t : path) {
            s = feed.next(s, t);
        }
        return s;
    }
}
