package dev.solvent.oracle.market;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** Defining properties of the path operations, over generated paths. */
class MarketPathProperties {

    static final BlockClock CLOCK = BlockClock.ethereum(50, 1_000);

    static MarketPath path(long seed, int steps) {
        return new Gbm(0, 1.5).generate(MarketPrice.of(3_000_000_000L, 8), CLOCK, steps, seed);
    }

    @Property(tries = 200)
    void aShockNeverTouchesBlocksBeforeItStarts(
            @ForAll long seed,
            @ForAll @IntRange(min = 0, max = 99) int at,
            @ForAll @LongRange(min = 1, max = 9999) long bps) {
        MarketPath base = path(seed, 99);
        MarketPath shocked = base.withShock(new Shock.Fall(50 + at, bps, 10));
        assertThat(Arrays.copyOf(shocked.toUnitArray(), at)).isEqualTo(Arrays.copyOf(base.toUnitArray(), at));
        assertThat(shocked.clock()).isEqualTo(base.clock());
    }

    @Property(tries = 200)
    void startingAtKeepsEveryRatioWithinRounding(
            @ForAll long seed, @ForAll @LongRange(min = 1_000, max = 10_000_000_000_000L) long start) {
        MarketPath base = path(seed, 50);
        MarketPath moved = base.startingAt(MarketPrice.of(start, 8));
        assertThat(moved.units(0)).isEqualTo(start);
        for (int i = 0; i < base.size(); i++) {
            double exact = (double) base.units(i) * start / base.units(0);
            assertThat((double) moved.units(i))
                    .isCloseTo(Math.max(1, exact), org.assertj.core.data.Offset.offset(0.5 + 1e-9 * exact));
        }
    }

    @Property(tries = 200)
    void followedByJoinsWithoutAJumpAndKeepsTheBlockSequence(
            @ForAll long seed, @ForAll @IntRange(min = 0, max = 40) int n, @ForAll @IntRange(min = 0, max = 40) int m) {
        MarketPath a = path(seed, n);
        MarketPath b = path(seed + 1, m).retimed(BlockClock.ethereum(7, 7));
        MarketPath ab = a.followedBy(b);
        assertThat(ab.size()).isEqualTo(a.size() + b.size() - 1);
        assertThat(ab.slice(0, a.size())).isEqualTo(a);
        assertThat(ab.last().block()).isEqualTo(a.last().block() + m);
        assertThat(ab.last().timestamp()).isEqualTo(a.last().timestamp() + 12L * m);
    }
}
