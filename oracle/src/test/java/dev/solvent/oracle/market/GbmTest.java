package dev.solvent.oracle.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GbmTest implements PathGeneratorContract {

    @Override
    public PathGenerator generator() {
        return new Gbm(0.05, 0.8);
    }

    @Test
    void isTheSameOnEveryMachine() {
        // Pinned output of seed 42: L64X128MixRandom, the polar method and StrictMath are fully specified, so these
        // units must never change. If they do, paths recorded by users no longer replay.
        MarketPath p = generator().generate(ETH_2000, CLOCK, 4, 42L);
        assertThat(p.toUnitArray()).containsExactly(GOLDEN_SEED_42);
    }

    static final long[] GOLDEN_SEED_42 = {
        200_000_000_000L, 200_120_258_312L, 200_225_012_513L, 200_282_586_440L, 200_370_118_831L
    };

    @Test
    void refusesParametersOutOfRangeNamingThem() {
        assertThatThrownBy(() -> new Gbm(0, -0.2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Gbm.volatility: -0.2 is out of range; valid: 0.0 <= value <= 10.0 (annualised; 0.8 means"
                        + " 80%)");
        assertThatThrownBy(() -> new Gbm(Double.NaN, 0.2)).hasMessageContaining("Gbm.drift: NaN is out of range");
    }

    @Test
    void isFlatWithoutVolatilityOrDrift() {
        assertThat(new Gbm(0, 0).generate(ETH_2000, CLOCK, 10, 7L).toUnitArray())
                .containsOnly(200_000_000_000L);
    }
}
