package dev.solvent.oracle.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.solvent.oracle.Randomness;
import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** What every {@link PathGenerator} promises: a seed fixes the path byte for byte, and the path is well-formed. */
interface PathGeneratorContract {

    BlockClock CLOCK = BlockClock.ethereum(1_000, 1_700_000_000L);
    MarketPrice ETH_2000 = MarketPrice.of(200_000_000_000L, 8);

    /** The generator under test, with parameters that make every step move. */
    PathGenerator generator();

    @Property(tries = 50)
    default void givesTheSamePathForTheSameSeed(@ForAll long seed) {
        MarketPath a = generator().generate(ETH_2000, CLOCK, 200, seed);
        MarketPath b = generator().generate(ETH_2000, CLOCK, 200, Randomness.seeded(seed));
        assertThat(a).isEqualTo(b);
        assertThat(Arrays.equals(a.toUnitArray(), b.toUnitArray())).isTrue();
    }

    @Property(tries = 50)
    default void givesDifferentPathsForDifferentSeeds(@ForAll long seed) {
        MarketPath a = generator().generate(ETH_2000, CLOCK, 200, seed);
        MarketPath b = generator().generate(ETH_2000, CLOCK, 200, seed + 1);
        assertThat(a.toUnitArray()).isNotEqualTo(b.toUnitArray());
    }

    @Property(tries = 50)
    default void startsAtTheStartAndHasOnePricePerStepPlusOne(
            @ForAll long seed, @ForAll @IntRange(min = 0, max = 300) int steps) {
        MarketPath p = generator().generate(ETH_2000, CLOCK, steps, seed);
        assertThat(p.size()).isEqualTo(steps + 1);
        assertThat(p.first()).isEqualTo(new MarketTick(1_000, 1_700_000_000L, ETH_2000));
        assertThat(p.clock()).isEqualTo(CLOCK);
        assertThat(Arrays.stream(p.toUnitArray()).allMatch(u -> u > 0)).isTrue();
    }

    @Test
    default void refusesANegativeNumberOfSteps() {
        assertThatThrownBy(() -> generator().generate(ETH_2000, CLOCK, -1, 1L))
                .hasMessageContaining("steps: -1 is out of range");
    }
}
