package dev.solvent.oracle.feed;

import static dev.solvent.oracle.feed.FeedFixtures.T0;
import static dev.solvent.oracle.feed.FeedFixtures.dollars;
import static dev.solvent.oracle.feed.FeedFixtures.usd;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vavr.collection.Vector;
import io.vavr.control.Option;
import org.junit.jupiter.api.Test;

class MedianFeedTest implements OracleFeedContract<MedianFeed.State> {

    static MedianFeed honest(int n, long spreadBps, long expirySeconds) {
        Vector<MedianFeed.Relayed> reporters =
                MedianTest.REPORTERS.take(n).map(r -> new MedianFeed.Relayed(r, new MedianFeed.Behaviour.Honest()));
        Median median = Median.of(
                "ETHUSD", n, reporters.map(MedianFeed.Relayed::reporter).asJava());
        return new MedianFeed(median, 8, reporters, spreadBps, expirySeconds);
    }

    @Override
    public OracleFeed<MedianFeed.State> feed() {
        return honest(3, 500, 3600);
    }

    @Test
    void pokesWhenTheMedianMovesByTheSpreadOrTheValueExpires() {
        // spread 1%, expiry 36 s: 2000 poked at T0; 2015 (0.75%) not; 2020 (1%) poked at T0 + 24; 2020 again at
        // T0 + 60, when the stored value is 36 s old
        MedianFeed feed = honest(3, 100, 36);
        var trace = feed.trace(dollars(2000, 2015, 2020, 2020, 2020, 2020));
        assertThat(trace.map(r -> r.get().answer()))
                .containsExactly(usd(2000), usd(2000), usd(2020), usd(2020), usd(2020), usd(2020));
        assertThat(trace.map(r -> r.get().updatedAt())).containsExactly(T0, T0, T0 + 24, T0 + 24, T0 + 24, T0 + 60);
    }

    @Test
    void keepsTheStoredValueAndRecordsWhyAPokeWasRejected() {
        // the relayer's first reporter is not authorised by the contract
        Vector<MedianFeed.Relayed> reporters = MedianTest.REPORTERS
                .drop(4)
                .take(3)
                .map(r -> new MedianFeed.Relayed(r, new MedianFeed.Behaviour.Honest()));
        MedianFeed feed =
                new MedianFeed(new Median("ETHUSD", 3, MedianTest.ETH_USD.oracles()), 8, reporters, 100, 3600);
        MedianFeed.State s = feed.next(feed.start(), dollars(2000).first());
        assertThat(feed.latestRound(s)).isEmpty();
        assertThat(s.lastRejection().get()).isInstanceOf(MedianRejection.InvalidOracle.class);
    }

    @Test
    void refusesFewerReportersThanTheQuorum() {
        assertThatThrownBy(() -> new MedianFeed(MedianTest.ETH_USD, 8, Vector.empty(), 100, 3600))
                .hasMessageContaining("MedianFeed.reporters: 0 reporter(s) is out of range; valid: at least bar = 5");
        assertThat(Option.none()).isEmpty();
    }
}
