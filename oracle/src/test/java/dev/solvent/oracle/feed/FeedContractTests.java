package dev.solvent.oracle.feed;

import io.vavr.collection.Vector;
import io.vavr.control.Option;

/** The feed contract, run against every feed in the package. */
class FeedContractTests {

    static class PushFeedContractTest implements OracleFeedContract<PushFeed.State> {
        @Override
        public OracleFeed<PushFeed.State> feed() {
            return PushFeed.chainlink(8, 50, 3600, 2).withCongestion(new Congestion.Random(0.3, 5));
        }
    }

    static class OsmContractTest implements OracleFeedContract<Osm.State<PushFeed.State>> {
        @Override
        public OracleFeed<Osm.State<PushFeed.State>> feed() {
            return new Osm<>(PushFeed.chainlink(8, 50, 3600, 0), 600);
        }
    }

    static class TwapContractTest implements OracleFeedContract<Twap.State> {
        @Override
        public OracleFeed<Twap.State> feed() {
            return new Twap(1800, 8);
        }
    }

    static class PullFeedContractTest implements OracleFeedContract<PullFeed.State> {
        @Override
        public OracleFeed<PullFeed.State> feed() {
            return new PullFeed(8, 10, Option.some(60L));
        }
    }

    static class MedianFeedContractTest implements OracleFeedContract<MedianFeed.State> {
        @Override
        public OracleFeed<MedianFeed.State> feed() {
            Vector<MedianFeed.Relayed> reporters = Vector.range(0, 3)
                    .map(i -> new MedianFeed.Relayed(MedianTest.REPORTERS.get(i), new MedianFeed.Behaviour.Honest()));
            Median median = Median.of(
                    "ETHUSD", 3, reporters.map(MedianFeed.Relayed::reporter).asJava());
            return new MedianFeed(median, 8, reporters, 500, 3600);
        }
    }

    static class DelayedFeedContractTest implements OracleFeedContract<DelayedFeed.State<PushFeed.State>> {
        @Override
        public OracleFeed<DelayedFeed.State<PushFeed.State>> feed() {
            return Scenarios.delayed(PushFeed.chainlink(8, 50, 3600, 0), 5);
        }
    }

    static class FrozenFeedContractTest implements OracleFeedContract<PushFeed.State> {
        @Override
        public OracleFeed<PushFeed.State> feed() {
            return Scenarios.frozen(PushFeed.chainlink(8, 50, 3600, 0), 1_200);
        }
    }
}
