package dev.solvent.oracle.market;

import dev.solvent.oracle.internal.ParameterChecks;
import java.util.random.RandomGenerator;

/**
 * Geometric Brownian motion, {@code dS/S = drift dt + volatility dW}: each block's log-return is normal with mean
 * {@code (drift - volatility^2 / 2) dt} and standard deviation {@code volatility sqrt(dt)}, where {@code dt} is the
 * block length in years. The textbook model of a liquid market with no jumps and constant volatility.
 *
 * @param drift the annualised drift {@code mu}, {@code -10..10} (0.05 is 5% a year)
 * @param volatility the annualised volatility {@code sigma}, {@code 0..10} (0.8 is 80% a year, typical of ETH)
 */
public record Gbm(double drift, double volatility) implements PathGenerator {

    /** Rejects parameters outside their ranges. */
    public Gbm {
        ParameterChecks.within("Gbm.drift", drift, -10, 10, "annualised; 0.05 means 5% a year");
        ParameterChecks.within("Gbm.volatility", volatility, 0, 10, "annualised; 0.8 means 80%");
    }

    @Override
    public MarketPath generate(MarketPrice start, BlockClock clock, int steps, RandomGenerator random) {
        long[] out = PathGenerator.prices(start, steps);
        double dt = clock.yearsPerBlock();
        double mean = (drift - 0.5 * volatility * volatility) * dt;
        double sd = volatility * StrictMath.sqrt(dt);
        NormalSampler normal = new NormalSampler(random);
        double p0 = out[0];
        double logMove = 0;
        for (int i = 1; i < out.length; i++) {
            logMove += mean + sd * normal.next();
            out[i] = MarketPath.roundUnits(p0 * StrictMath.exp(logMove));
        }
        return MarketPath.owning(clock, start.decimals(), out);
    }
}
