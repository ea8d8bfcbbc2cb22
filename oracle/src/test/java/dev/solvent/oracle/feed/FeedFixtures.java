package dev.solvent.oracle.feed;

import dev.solvent.model.math.I256;
import dev.solvent.oracle.market.BlockClock;
import dev.solvent.oracle.market.MarketPath;
import io.vavr.collection.Vector;
import io.vavr.control.Option;

/** Shared test values: a clock on an hour boundary and paths of whole dollars with 8 decimals. */
final class FeedFixtures {

    private FeedFixtures() {}

    /** 2023-11-14T22:00:00Z, a multiple of 3600. */
    static final long T0 = 1_699_999_200L;

    static final BlockClock CLOCK = BlockClock.ethereum(1_000, T0);

    static final long USD = 100_000_000L;

    /** {@return a path of whole-dollar prices, 8 decimals, one per 12-second block from {@link #CLOCK}} */
    static MarketPath dollars(long... prices) {
        long[] units = new long[prices.length];
        for (int i = 0; i < prices.length; i++) {
            units[i] = prices[i] * USD;
        }
        return MarketPath.of(CLOCK, 8, units);
    }

    /** {@return {@code blocks} blocks at each of the given dollar prices, in turn} */
    static MarketPath steps(int blocks, long... prices) {
        long[] units = new long[blocks * prices.length];
        for (int i = 0; i < units.length; i++) {
            units[i] = prices[i / blocks] * USD;
        }
        return MarketPath.of(CLOCK, 8, units);
    }

    static I256 usd(long dollars) {
        return I256.of(dollars * USD);
    }

    /** {@return the answers of a trace, none where there was no round} */
    static Vector<Option<I256>> answers(Vector<Option<Round>> trace) {
        return trace.map(r -> r.map(Round::answer));
    }
}
