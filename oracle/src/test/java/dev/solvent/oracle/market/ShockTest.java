package dev.solvent.oracle.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vavr.collection.Vector;
import org.junit.jupiter.api.Test;

class ShockTest {

    static final BlockClock CLOCK = BlockClock.ethereum(10, 0);
    static final MarketPath FLAT_100 = MarketPath.constant(CLOCK, MarketPrice.of(100, 0), 8);

    static Vector<Long> prices(MarketPath path) {
        return Vector.ofAll(path.toUnitArray());
    }

    @Test
    void fallsLinearlyOverTheGivenBlocksAndStaysDown() {
        // 30% over 3 blocks from block 12: factors 1, 0.9, 0.8, 0.7, then 0.7
        assertThat(prices(FLAT_100.withShock(new Shock.Fall(12, 3000, 3))))
                .containsExactly(100L, 100L, 100L, 90L, 80L, 70L, 70L, 70L);
    }

    @Test
    void spikesHoldsAndReverts() {
        // x10 (+90000 bps): up over 2 blocks, 1 block held, down over 2 blocks, from block 11
        // knots (11, 1) (13, 10) (14, 10) (16, 1): 100, 550, 1000, 1000, 550, 100
        assertThat(prices(FLAT_100.withShock(new Shock.SpikeAndRevert(11, 90_000, 2, 1, 2))))
                .containsExactly(100L, 100L, 550L, 1000L, 1000L, 550L, 100L, 100L);
    }

    @Test
    void gapsAtOneBlock() {
        assertThat(prices(FLAT_100.withShock(new Shock.Gap(15, -2550))))
                .containsExactly(100L, 100L, 100L, 100L, 100L, 75L, 75L, 75L); // 74.5 rounds half up
    }

    @Test
    void keepsTheBasePathsOwnMovesUnderTheShock() {
        MarketPath base = MarketPath.of(CLOCK, 0, 100, 200, 100, 200);
        assertThat(prices(base.withShock(new Shock.Gap(11, -5000)))).containsExactly(100L, 100L, 50L, 100L);
    }

    @Test
    void refusesShocksOutsideThePathOrOutOfRange() {
        assertThatThrownBy(() -> FLAT_100.withShock(new Shock.Gap(9, 100)))
                .hasMessageContaining("Gap.atBlock: 9 is out of range; valid: a block of the path, 10..17");
        assertThatThrownBy(() -> new Shock.Fall(10, 10_000, 3)).hasMessageContaining("Fall.bps: 10000");
        assertThatThrownBy(() -> new Shock.Fall(10, 100, 0)).hasMessageContaining("Fall.overBlocks: 0");
        assertThatThrownBy(() -> new Shock.Gap(10, 0)).hasMessageContaining("Gap.bps: 0");
    }
}
