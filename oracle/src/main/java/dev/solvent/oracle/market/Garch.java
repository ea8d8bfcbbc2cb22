package dev.solvent.oracle.market;

import dev.solvent.oracle.internal.ParameterChecks;
import java.util.random.RandomGenerator;

/**
 * GARCH(1,1) volatility clustering (Bollerslev 1986): calm stretches and turbulent ones, as real crypto returns show.
 * Per block, the variance of the return follows {@code h(t+1) = omega + alpha e(t)^2 + beta h(t)} with {@code e(t) =
 * sqrt(h(t)) Z}, and the log-return is {@code (drift dt - h(t)/2) + e(t)}.
 *
 * <p>Parameterised by its long-run (unconditional) volatility: {@code omega = longRunVolatility^2 dt (1 - alpha -
 * beta)}, so the average variance per block matches a GBM of the same volatility. The first block starts at the
 * long-run variance. Stationary only when {@code alpha + beta < 1}; typical daily fits give {@code alpha} near 0.1 and
 * {@code beta} near 0.85 (per block, persistence is higher).
 *
 * @param drift annualised drift, {@code -10..10}
 * @param longRunVolatility annualised unconditional volatility, {@code 0..10}
 * @param alpha reaction to the last shock, {@code 0..1}
 * @param beta persistence of variance, {@code 0..1}; {@code alpha + beta < 1}
 */
public record Garch(double drift, double longRunVolatility, double alpha, double beta) implements PathGenerator {

    /** Rejects parameters outside their ranges and a non-stationary variance. */
    public Garch {
        ParameterChecks.within("Garch.drift", drift, -10, 10, "annualised");
        ParameterChecks.within("Garch.longRunVolatility", longRunVolatility, 0, 10, "annualised");
        ParameterChecks.within("Garch.alpha", alpha, 0, 1, "reaction to the last shock");
        ParameterChecks.within("Garch.beta", beta, 0, 1, "persistence of variance");
        ParameterChecks.require(
                alpha + beta < 1,
                "Garch.alpha + Garch.beta",
                (alpha + beta)
                        + " is out of range; valid: alpha + beta < 1 (otherwise the variance is not stationary)");
    }

    @Override
    public MarketPath generate(MarketPrice start, BlockClock clock, int steps, RandomGenerator random) {
        long[] out = PathGenerator.prices(start, steps);
        double dt = clock.yearsPerBlock();
        double longRunVariance = longRunVolatility * longRunVolatility * dt;
        double omega = longRunVariance * (1 - alpha - beta);
        double driftPerBlock = drift * dt;
        NormalSampler normal = new NormalSampler(random);
        double p0 = out[0];
        double h = longRunVariance;
        double logMove = 0;
        for (int i = 1; i < out.length; i++) {
            double e = StrictMath.sqrt(h) * normal.next();
            logMove += driftPerBlock - 0.5 * h + e;
            out[i] = MarketPath.roundUnits(p0 * StrictMath.exp(logMove));
            h = omega + alpha * e * e + beta * h;
        }
        return MarketPath.owning(clock, start.decimals(), out);
    }
}
