package dev.solvent.oracle.feed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.solvent.oracle.market.Gbm;
import dev.solvent.oracle.market.MarketPath;
import dev.solvent.oracle.market.MarketPrice;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/** What every feed promises: a pure step function whose rounds never go back in time. */
interface OracleFeedContract<S> {

    OracleFeed<S> feed();

    static MarketPath path(long seed) {
        return new Gbm(0, 2.0).generate(MarketPrice.of(2_000_00000000L, 8), FeedFixtures.CLOCK, 400, seed);
    }

    @Property(tries = 10)
    default void isAPureFunctionOfStateAndTick(@ForAll long seed) {
        MarketPath p = path(seed);
        assertThat(feed().trace(p)).isEqualTo(feed().trace(p));
        S s = feed().start();
        for (var tick : p) {
            S a = feed().next(s, tick);
            S b = feed().next(s, tick);
            assertThat(a).isEqualTo(b);
            s = a;
        }
    }

    @Property(tries = 10)
    default void neverPublishesARoundFromTheFutureOrGoesBack(@ForAll long seed) {
        MarketPath p = path(seed);
        var trace = feed().trace(p);
        long lastUpdate = Long.MIN_VALUE;
        long lastId = Long.MIN_VALUE;
        for (int i = 0; i < trace.size(); i++) {
            if (trace.get(i).isDefined()) {
                Round r = trace.get(i).get();
                assertThat(r.updatedAt()).isLessThanOrEqualTo(p.tick(i).timestamp());
                assertThat(r.updatedAt()).isGreaterThanOrEqualTo(lastUpdate);
                assertThat(r.roundId()).isGreaterThanOrEqualTo(lastId);
                lastUpdate = r.updatedAt();
                lastId = r.roundId();
            } else {
                assertThat(lastId).as("a round, once published, stays readable").isEqualTo(Long.MIN_VALUE);
            }
        }
    }
}
