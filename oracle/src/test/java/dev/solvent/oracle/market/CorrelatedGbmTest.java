package dev.solvent.oracle.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class CorrelatedGbmTest {

    static final MarketPrice P = MarketPrice.of(100_000_000, 8);
    static final BlockClock CLOCK = BlockClock.ethereum(0, 0);
    static final List<Gbm> THREE = List.of(new Gbm(0, 0.5), new Gbm(0, 0.5), new Gbm(0, 0.5));

    @Test
    void refusesAMatrixThatIsNotPositiveSemiDefinite() {
        double[][] impossible = {{1, 0.9, -0.9}, {0.9, 1, 0.9}, {-0.9, 0.9, 1}};
        assertThatThrownBy(() -> CorrelatedGbm.of(THREE, impossible))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CorrelatedGbm.correlation: is not positive semi-definite")
                .hasMessageContaining("row 2");
    }

    @Test
    void refusesCorrelationsOutsideMinusOneToOneAndAsymmetry() {
        assertThatThrownBy(() -> CorrelatedGbm.of(THREE.subList(0, 2), new double[][] {{1, 1.5}, {1.5, 1}}))
                .hasMessageContaining(
                        "CorrelatedGbm.correlation[0][1]: 1.5 is out of range; valid: -1.0 <= value <= 1.0");
        assertThatThrownBy(() -> CorrelatedGbm.of(THREE.subList(0, 2), new double[][] {{1, 0.5}, {0.4, 1}}))
                .hasMessageContaining("correlation[1][0]: 0.4 differs from correlation[0][1] = 0.5");
        assertThatThrownBy(() -> CorrelatedGbm.of(THREE.subList(0, 2), new double[][] {{0.9, 0}, {0, 1}}))
                .hasMessageContaining("correlation[0][0]: 0.9 is out of range; valid: 1");
        assertThatThrownBy(() -> CorrelatedGbm.of(THREE, new double[][] {{1, 0}, {0, 1}}))
                .hasMessageContaining("has 2 rows; valid: one row per leg (3)");
    }

    @Test
    void acceptsPerfectCorrelationAndMovesTheLegsTogether() {
        double[][] one = {{1, 1}, {1, 1}};
        var paths = CorrelatedGbm.of(THREE.subList(0, 2), one).generate(List.of(P, P), CLOCK, 500, 3L);
        assertThat(paths.get(0)).isEqualTo(paths.get(1));
    }

    @Test
    void mirrorsALegWithCorrelationMinusOne() {
        double[][] minusOne = {{1, -1}, {-1, 1}};
        var paths = CorrelatedGbm.of(List.of(new Gbm(0, 0), new Gbm(0, 0)), minusOne)
                .generate(List.of(P, P), CLOCK, 10, 3L);
        assertThat(paths.get(0).toUnitArray()).containsOnly(100_000_000L);
        var moving = CorrelatedGbm.of(List.of(new Gbm(0.5, 0.5), new Gbm(0.5, 0.5)), minusOne)
                .generate(List.of(P, P), CLOCK, 10, 3L);
        double[] a = Samples.logReturns(moving.get(0));
        double[] b = Samples.logReturns(moving.get(1));
        assertThat(Samples.correlation(a, b)).isLessThan(-0.999);
    }

    @Test
    void isDeterministicForASeed() {
        double[][] c = {{1, 0.3, 0}, {0.3, 1, 0.2}, {0, 0.2, 1}};
        CorrelatedGbm g = CorrelatedGbm.of(THREE, c);
        assertThat(g.generate(List.of(P, P, P), CLOCK, 100, 9L))
                .isEqualTo(g.generate(List.of(P, P, P), CLOCK, 100, 9L));
        assertThat(g.generate(List.of(P, P, P), CLOCK, 100, 9L))
                .isNotEqualTo(g.generate(List.of(P, P, P), CLOCK, 100, 10L));
    }
}
