package dev.solvent.oracle.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vavr.collection.Vector;
import java.util.List;
import org.junit.jupiter.api.Test;

class MarketPathTest {

    static final BlockClock CLOCK = BlockClock.ethereum(100, 1_700_000_000L);

    static Vector<Long> prices(MarketPath path) {
        return Vector.ofAll(path.toUnitArray());
    }

    @Test
    void givesEachBlockItsNumberAndTimestamp() {
        MarketPath p = MarketPath.of(CLOCK, 0, 10, 11, 12);
        assertThat(p.tick(2)).isEqualTo(new MarketTick(102, 1_700_000_024L, MarketPrice.of(12, 0)));
        assertThat(p.atBlock(101).get().price()).isEqualTo(MarketPrice.of(11, 0));
        assertThat(p.atBlock(103)).isEmpty();
        // the block in effect 13 s after the first: block 101 (12 s), not 102 (24 s)
        assertThat(p.atTime(1_700_000_013L).get().block()).isEqualTo(101);
        assertThat(p.atTime(1_699_999_999L)).isEmpty();
        assertThat(p.atTime(1_800_000_000L).get().block()).isEqualTo(102);
        assertThat(p.ticks().map(MarketTick::block)).containsExactly(100L, 101L, 102L);
    }

    @Test
    void refusesEmptyOrNonPositivePaths() {
        assertThatThrownBy(() -> MarketPath.of(CLOCK, 8)).hasMessageContaining("at least one price");
        assertThatThrownBy(() -> MarketPath.of(CLOCK, 8, 5, 0))
                .hasMessageContaining("MarketPath.prices[1]: 0 is out of range");
        assertThatThrownBy(() -> MarketPath.of(CLOCK, List.of(MarketPrice.of(1, 8), MarketPrice.of(1, 6))))
                .hasMessageContaining("has 6 decimals");
    }

    @Test
    void startsAtAnotherPriceKeepingRelativeMoves() {
        // 100, 150, 75 moved to start at 30: 30, 45, 22.5 -> 23 (half up)
        MarketPath p = MarketPath.of(CLOCK, 0, 100, 150, 75).startingAt(MarketPrice.of(30, 0));
        assertThat(prices(p)).containsExactly(30L, 45L, 23L);
        // decimals follow the new start: 30.00 -> 3000, 4500, 2250
        assertThat(prices(MarketPath.of(CLOCK, 0, 100, 150, 75).startingAt(MarketPrice.of(3000, 2))))
                .containsExactly(3000L, 4500L, 2250L);
    }

    @Test
    void continuesWithAnotherPathsMovesWithoutAJumpAtTheSeam() {
        MarketPath a = MarketPath.of(CLOCK, 0, 100, 120);
        MarketPath b = MarketPath.of(BlockClock.ethereum(0, 0), 0, 50, 25, 100);
        MarketPath ab = a.followedBy(b);
        // b's moves (x0.5, then x4) continue from 120: 60, 240
        assertThat(prices(ab)).containsExactly(100L, 120L, 60L, 240L);
        assertThat(ab.clock()).isEqualTo(CLOCK);
        assertThat(ab.last().block()).isEqualTo(103);
    }

    @Test
    void scalesEveryLogMoveFromTheFirstPrice() {
        MarketPath p = MarketPath.of(CLOCK, 0, 100, 110, 90);
        // doubled: 100 * 1.1^2 = 121, 100 * 0.9^2 = 81
        assertThat(prices(p.scaleVolatility(2))).containsExactly(100L, 121L, 81L);
        assertThat(prices(p.scaleVolatility(0))).containsExactly(100L, 100L, 100L);
        assertThat(p.scaleVolatility(1)).isSameAs(p);
        assertThatThrownBy(() -> p.scaleVolatility(-1))
                .hasMessageContaining("MarketPath.scaleVolatility.factor: -1.0 is out of range");
    }

    @Test
    void slicesKeepTheirBlocks() {
        MarketPath s = MarketPath.of(CLOCK, 0, 1, 2, 3, 4).slice(1, 3);
        assertThat(prices(s)).containsExactly(2L, 3L);
        assertThat(s.first().block()).isEqualTo(101);
        assertThat(s.first().timestamp()).isEqualTo(1_700_000_012L);
    }

    @Test
    void roundsGeneratedPricesToNearestEvenAndAtLeastOneUnit() {
        assertThat(MarketPath.roundUnits(2.5)).isEqualTo(2);
        assertThat(MarketPath.roundUnits(3.5)).isEqualTo(4);
        assertThat(MarketPath.roundUnits(1e-30)).isEqualTo(1);
        assertThatThrownBy(() -> MarketPath.roundUnits(1e19)).hasMessageContaining("cannot be held");
    }
}
