package dev.solvent.oracle.market;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.apache.commons.statistics.inference.BinomialTest;
import org.apache.commons.statistics.inference.KolmogorovSmirnovTest;
import org.junit.jupiter.api.Test;

/**
 * The generators against theory, over many seeds (never one path): moments, goodness of fit, jump frequency, and
 * volatility clustering. Seeds are fixed, so each test is deterministic; the significance level 0.001 is for the
 * statistical claim, not for flakiness.
 */
class GeneratorStatisticsTest {

    static final double ALPHA = 0.001;
    static final BlockClock HOURLY = new BlockClock(0, 0, 3600);
    static final BlockClock DAILY = new BlockClock(0, 0, 86_400);
    static final MarketPrice START = MarketPrice.of(200_000_000_000L, 8);

    static double[] pooledReturns(PathGenerator g, BlockClock clock, int seeds, int steps) {
        return Samples.concat(LongStream.range(0, seeds)
                .mapToObj(seed -> Samples.logReturns(g.generate(START, clock, steps, seed)))
                .toArray(double[][]::new));
    }

    @Test
    void gbmLogReturnsHaveTheTheoreticalMeanAndVariance() {
        Gbm g = new Gbm(0.3, 0.8);
        double dt = DAILY.yearsPerBlock();
        double[] r = pooledReturns(g, DAILY, 400, 100);
        int n = r.length;
        double mean = (0.3 - 0.5 * 0.64) * dt;
        double variance = 0.64 * dt;
        // within four standard errors: sd/sqrt(n) for the mean, variance*sqrt(2/(n-1)) for the variance
        assertThat(Samples.mean(r)).isCloseTo(mean, org.assertj.core.data.Offset.offset(4 * Math.sqrt(variance / n)));
        assertThat(Samples.variance(r))
                .isCloseTo(variance, org.assertj.core.data.Offset.offset(4 * variance * Math.sqrt(2.0 / (n - 1))));
    }

    @Test
    void gbmLogReturnsAreNormalByKolmogorovSmirnov() {
        Gbm g = new Gbm(0.1, 0.8);
        double dt = HOURLY.yearsPerBlock();
        double[] r = pooledReturns(g, HOURLY, 100, 100);
        NormalDistribution theory = NormalDistribution.of((0.1 - 0.32) * dt, 0.8 * Math.sqrt(dt));
        double p = KolmogorovSmirnovTest.withDefaults()
                .test(r, theory::cumulativeProbability)
                .getPValue();
        assertThat(p).isGreaterThan(ALPHA);
    }

    @Test
    void gbmTerminalLogPricesAcrossSeedsFitTheLognormalLaw() {
        // one number per seed: log(S_T / S_0) ~ N((mu - sigma^2/2) T, sigma^2 T), T = 30 days
        Gbm g = new Gbm(0.0, 1.0);
        double t = 30 * DAILY.yearsPerBlock();
        double[] terminal = LongStream.range(0, 2000)
                .mapToDouble(seed -> {
                    MarketPath p = g.generate(START, DAILY, 30, seed);
                    return Math.log((double) p.last().price().units() / START.units());
                })
                .toArray();
        NormalDistribution theory = NormalDistribution.of(-0.5 * t, Math.sqrt(t));
        assertThat(KolmogorovSmirnovTest.withDefaults()
                        .test(terminal, theory::cumulativeProbability)
                        .getPValue())
                .isGreaterThan(ALPHA);
        // and a wrong law is rejected, so the test has teeth
        NormalDistribution wrong = NormalDistribution.of(-0.5 * t, 1.2 * Math.sqrt(t));
        assertThat(KolmogorovSmirnovTest.withDefaults()
                        .test(terminal, wrong::cumulativeProbability)
                        .getPValue())
                .isLessThan(ALPHA);
    }

    @Test
    void jumpsArriveAtTheirPoissonRate() {
        // 50 crash jumps a year of -20% each, hourly blocks: P(jump in a block) = 1 - exp(-50/8760) ~ 0.57%
        JumpDiffusion j = new JumpDiffusion(0, 0.01, 50, -0.2, 0.01);
        double[] r = pooledReturns(j, HOURLY, 20, 10_000);
        int blocksWithJumps =
                (int) java.util.Arrays.stream(r).filter(x -> x < -0.1).count();
        double p = j.jumpProbabilityPerBlock(HOURLY);
        assertThat(BinomialTest.withDefaults()
                        .test(r.length, blocksWithJumps, p)
                        .getPValue())
                .isGreaterThan(ALPHA);
        assertThat(blocksWithJumps).isBetween(1000, 1300); // expected ~1140
    }

    @Test
    void jumpDiffusionKeepsTheExpectedPriceGrowingAtTheDrift() {
        // compensated drift: E[S_T] = S_0 e^{mu T} even with large crash jumps
        JumpDiffusion j = JumpDiffusion.crashes(0.0, 0.5, 12, 0.3);
        double[] terminalRatio = LongStream.range(0, 4000)
                .mapToDouble(seed -> (double) j.generate(START, DAILY, 30, seed)
                                .last()
                                .price()
                                .units()
                        / START.units())
                .toArray();
        double sd = Math.sqrt(Samples.variance(terminalRatio) / terminalRatio.length);
        assertThat(Samples.mean(terminalRatio)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(4 * sd));
    }

    @Test
    void garchClustersVolatilityAndGbmDoesNot() {
        Garch garch = new Garch(0, 0.8, 0.15, 0.8);
        double[] g = pooledReturns(garch, HOURLY, 10, 5_000);
        double[] b = pooledReturns(new Gbm(0, 0.8), HOURLY, 10, 5_000);
        double bound = 4 / Math.sqrt(b.length); // two-sided 4-sigma band for a zero autocorrelation
        assertThat(Samples.squaredAutocorrelation(g)).isGreaterThan(0.1);
        assertThat(Math.abs(Samples.squaredAutocorrelation(b))).isLessThan(bound);
        assertThat(Samples.kurtosis(g)).isGreaterThan(3.5);
        // the long-run variance per block matches the parameter (loosely: GARCH variance estimates converge slowly)
        double longRun = 0.64 * HOURLY.yearsPerBlock();
        assertThat(Samples.variance(g)).isBetween(0.85 * longRun, 1.15 * longRun);
    }

    @Test
    void correlatedLegsHaveTheRequestedCorrelation() {
        double[][] c = {{1, 0.7, -0.4}, {0.7, 1, 0.1}, {-0.4, 0.1, 1}};
        CorrelatedGbm gen = CorrelatedGbm.of(List.of(new Gbm(0, 0.8), new Gbm(0, 0.6), new Gbm(0, 1.2)), c);
        List<List<double[]>> legs = new ArrayList<>(List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>()));
        for (long seed = 0; seed < 20; seed++) {
            var paths = gen.generate(List.of(START, START, START), HOURLY, 2_500, seed);
            for (int a = 0; a < 3; a++) {
                legs.get(a).add(Samples.logReturns(paths.get(a)));
            }
        }
        double[][] r = legs.stream()
                .map(l -> Samples.concat(l.toArray(double[][]::new)))
                .toArray(double[][]::new);
        double se = 1 / Math.sqrt(r[0].length - 3.0); // Fisher z standard error, ~0.0045 here
        for (int a = 0; a < 3; a++) {
            for (int b = a + 1; b < 3; b++) {
                assertThat(Samples.correlation(r[a], r[b]))
                        .as("corr(%d,%d)", a, b)
                        .isCloseTo(c[a][b], org.assertj.core.data.Offset.offset(5 * se));
            }
        }
        assertThat(Samples.variance(r[2]))
                .isCloseTo(
                        1.44 * HOURLY.yearsPerBlock(),
                        org.assertj.core.data.Offset.offset(0.05 * 1.44 * HOURLY.yearsPerBlock()));
    }
}
