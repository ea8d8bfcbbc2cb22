package dev.solvent.oracle.feed;

import static dev.solvent.oracle.feed.FeedFixtures.T0;
import static dev.solvent.oracle.feed.FeedFixtures.dollars;
import static dev.solvent.oracle.feed.FeedFixtures.usd;
import static org.assertj.core.api.Assertions.assertThat;

import dev.solvent.model.math.I256;
import io.vavr.control.Option;
import org.junit.jupiter.api.Test;

class PullFeedTest implements OracleFeedContract<PullFeed.State> {

    @Override
    public OracleFeed<PullFeed.State> feed() {
        return new PullFeed(8, 10, Option.some(60L));
    }

    static final PullFeed MANUAL = new PullFeed(8, 10, Option.none());

    @Test
    void storesNothingUntilSomeonePulls() {
        PullFeed.State s = MANUAL.next(MANUAL.start(), dollars(2000).first());
        assertThat(MANUAL.latestRound(s)).isEmpty();
        // 10 bps of 2000 = 2 dollars of confidence
        assertThat(s.published().get()).isEqualTo(new PullFeed.PriceUpdate(usd(2000), usd(2), 8, T0));
        PullFeed.State pulled = PullFeed.pull(s, s.published().get());
        assertThat(MANUAL.latestRound(pulled).get()).isEqualTo(new Round(T0, usd(2000), T0, T0, T0));
    }

    @Test
    void pullsAutomaticallyWhenTheStoredPriceIsOldEnough() {
        PullFeed auto = new PullFeed(8, 10, Option.some(60L));
        var trace = auto.trace(dollars(2000, 2001, 2002, 2003, 2004, 2005, 2006));
        assertThat(trace.take(5).map(r -> r.get().updatedAt())).containsOnly(T0);
        assertThat(trace.get(5).get()).isEqualTo(new Round(T0 + 60, usd(2005), T0 + 60, T0 + 60, T0 + 60));
    }

    @Test
    void ignoresAnUpdateNotNewerThanTheStoredOne() {
        PullFeed.State s = PullFeed.pull(MANUAL.start(), new PullFeed.PriceUpdate(usd(2000), usd(1), 8, T0 + 12));
        assertThat(PullFeed.pull(s, new PullFeed.PriceUpdate(usd(1500), usd(1), 8, T0 + 12)))
                .isEqualTo(s);
        assertThat(PullFeed.pull(s, new PullFeed.PriceUpdate(usd(1500), usd(1), 8, T0)))
                .isEqualTo(s);
    }

    @Test
    void letsTheSubmitterPickAnOlderPriceThanTheLatest() {
        // the market falls from 2000 to 1500; a borrower holding the signed 2000 update from T0 + 12 submits it instead
        // of the latest, and a consumer allowing 60 s of age accepts it
        PullFeed.State s = MANUAL.start();
        PullFeed.PriceUpdate held = null;
        for (var tick : dollars(2000, 2000, 1500, 1500)) {
            s = MANUAL.next(s, tick);
            if (tick.timestamp() == T0 + 12) {
                held = s.published().get();
            }
        }
        s = PullFeed.pull(s, held);
        assertThat(s.published().get().price()).isEqualTo(usd(1500));
        assertThat(PullFeed.priceNoOlderThan(s, T0 + 36, 60).get().price()).isEqualTo(usd(2000));
        // a consumer that allows only 12 s refuses it
        assertThat(PullFeed.priceNoOlderThan(s, T0 + 36, 12).getLeft())
                .isEqualTo(new PullFeed.Rejection.StalePrice(T0 + 12, T0 + 36, 12));
    }

    @Test
    void refusesMissingStaleFutureAndUncertainPrices() {
        assertThat(PullFeed.priceNoOlderThan(MANUAL.start(), T0, 60).getLeft())
                .isEqualTo(new PullFeed.Rejection.PriceFeedNotFound());
        PullFeed.State s = PullFeed.pull(MANUAL.start(), new PullFeed.PriceUpdate(usd(2000), usd(2), 8, T0));
        assertThat(PullFeed.priceNoOlderThan(s, T0 + 60, 60).isRight()).isTrue();
        assertThat(PullFeed.priceNoOlderThan(s, T0 + 61, 60).getLeft())
                .isEqualTo(new PullFeed.Rejection.StalePrice(T0, T0 + 61, 60));
        assertThat(PullFeed.priceNoOlderThan(s, T0 - 61, 60).isLeft()).isTrue();
        PullFeed.PriceUpdate p = s.stored().get();
        // confidence 2 of 2000 is 10 bps
        assertThat(PullFeed.confidenceWithin(p, 10).isRight()).isTrue();
        assertThat(PullFeed.confidenceWithin(p, 9).getLeft())
                .isEqualTo(new PullFeed.Rejection.ConfidenceTooWide(usd(2), usd(2000), 9));
        assertThat(new PullFeed(0, 0, Option.none())
                        .next(MANUAL.start(), dollars(5).first())
                        .published()
                        .get()
                        .confidence())
                .isEqualTo(I256.ONE);
    }
}
