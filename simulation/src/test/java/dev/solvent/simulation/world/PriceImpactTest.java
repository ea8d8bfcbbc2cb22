package dev.solvent.simulation.world;

import static org.assertj.core.api.Assertions.assertThat;

import dev.solvent.model.math.I256;
import dev.solvent.model.math.Wad;
import dev.solvent.simulation.scenario.Scenario.ImpactModel;
import org.junit.jupiter.api.Test;

/** Impact curves against numbers worked by hand. */
class PriceImpactTest {

    static final I256 MILLION = I256.of(1_000_000_000_000L); // 1,000,000 USDC in base units

    @Test
    void linearSaleOfOnePercentOfDepthMovesThePriceOnePercentDown() {
        long gap = PriceImpact.trade(0, new ImpactModel.Linear(MILLION.times(I256.of(100))), MILLION.negate());
        assertThat(gap).isEqualTo(-10_000_000L); // -1% in parts per billion
        assertThat(PriceImpact.apply(2_000_00000000L, gap)).isEqualTo(1_980_00000000L);
    }

    @Test
    void squareRootOfAQuarterOfDepthMovesHalfTheCoefficient() {
        // 0.1 * sqrt(0.25) = 0.05
        long gap = PriceImpact.trade(
                0, new ImpactModel.SquareRoot(MILLION.times(I256.of(4)), Wad.parse("0.1")), MILLION.negate());
        assertThat(gap).isEqualTo(-50_000_000L);
    }

    @Test
    void constantProductSaleOfTheReserveQuartersThePrice() {
        // (y / (y + y))^2 = 1/4: the price falls by 75%
        long gap = PriceImpact.trade(0, new ImpactModel.ConstantProduct(MILLION), MILLION.negate());
        assertThat(gap).isEqualTo(-750_000_000L);
    }

    @Test
    void gapsCompoundAndRecoverTowardZero() {
        long first = PriceImpact.trade(0, new ImpactModel.Linear(MILLION.times(I256.of(10))), MILLION.negate());
        long second = PriceImpact.trade(first, new ImpactModel.Linear(MILLION.times(I256.of(10))), MILLION.negate());
        assertThat(first).isEqualTo(-100_000_000L);
        assertThat(second).isEqualTo(-190_000_000L); // 0.9 * 0.9 - 1
        assertThat(PriceImpact.recover(second, Wad.parse("0.5"))).isEqualTo(-95_000_000L);
        assertThat(PriceImpact.recover(-3, Wad.parse("0.5"))).isEqualTo(-1L); // toward zero
        assertThat(PriceImpact.recover(second, Wad.ONE)).isZero();
    }

    @Test
    void noModelNoMoveAndThePriceNeverReachesZero() {
        assertThat(PriceImpact.trade(-5, new ImpactModel.None(), MILLION.negate()))
                .isEqualTo(-5);
        long crushed = PriceImpact.trade(0, new ImpactModel.Linear(I256.ONE), MILLION.negate());
        assertThat(PriceImpact.apply(100, crushed)).isPositive();
    }
}
