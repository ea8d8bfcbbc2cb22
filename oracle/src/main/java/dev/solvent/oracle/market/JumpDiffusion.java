package dev.solvent.oracle.market;

import dev.solvent.oracle.internal.ParameterChecks;
import java.util.random.RandomGenerator;

/**
 * Merton's jump-diffusion: geometric Brownian motion plus jumps that arrive as a Poisson process, each multiplying the
 * price by {@code exp(Y)} with {@code Y ~ N(jumpMean, jumpVolatility^2)}. A negative {@code jumpMean} models crashes.
 * The diffusion drift is compensated ({@code - jumpsPerYear * k dt}, {@code k = E[exp(Y)] - 1}) so the expected price
 * still grows at {@code drift}.
 *
 * <p>Per block: {@code N ~ Poisson(jumpsPerYear * dt)} jumps; log-return = {@code (drift - volatility^2/2 -
 * jumpsPerYear k) dt + volatility sqrt(dt) Z + Y_1 + ... + Y_N}.
 *
 * @param drift annualised drift, {@code -10..10}
 * @param volatility annualised diffusion volatility, {@code 0..10}
 * @param jumpsPerYear expected jumps per year (the Poisson intensity), {@code 0..100000}
 * @param jumpMean mean of a jump's log size, {@code -5..5} ({@code -0.2} is a fall of about 18%)
 * @param jumpVolatility standard deviation of a jump's log size, {@code 0..5}
 */
public record JumpDiffusion(
        double drift, double volatility, double jumpsPerYear, double jumpMean, double jumpVolatility)
        implements PathGenerator {

    /** Rejects parameters outside their ranges. */
    public JumpDiffusion {
        ParameterChecks.within("JumpDiffusion.drift", drift, -10, 10, "annualised");
        ParameterChecks.within("JumpDiffusion.volatility", volatility, 0, 10, "annualised");
        ParameterChecks.within(
                "JumpDiffusion.jumpsPerYear", jumpsPerYear, 0, 100_000, "Poisson intensity, jumps per year");
        ParameterChecks.within("JumpDiffusion.jumpMean", jumpMean, -5, 5, "mean of the log jump size");
        ParameterChecks.within(
                "JumpDiffusion.jumpVolatility", jumpVolatility, 0, 5, "standard deviation of the log jump size");
    }

    /** {@return crash jumps: a fall of {@code fall} (0.3 = 30%) on average, {@code jumpsPerYear} times a year} */
    public static JumpDiffusion crashes(double drift, double volatility, double jumpsPerYear, double fall) {
        ParameterChecks.within("JumpDiffusion.fall", fall, 0, 0.99, "a fraction; 0.3 means a 30% fall");
        return new JumpDiffusion(drift, volatility, jumpsPerYear, StrictMath.log1p(-fall), 0.05);
    }

    /** {@return the probability that a block of {@code clock} holds at least one jump: {@code 1 - exp(-lambda dt)}} */
    public double jumpProbabilityPerBlock(BlockClock clock) {
        return -StrictMath.expm1(-jumpsPerYear * clock.yearsPerBlock());
    }

    @Override
    public MarketPath generate(MarketPrice start, BlockClock clock, int steps, RandomGenerator random) {
        long[] out = PathGenerator.prices(start, steps);
        double dt = clock.yearsPerBlock();
        double k = StrictMath.expm1(jumpMean + 0.5 * jumpVolatility * jumpVolatility);
        double mean = (drift - 0.5 * volatility * volatility - jumpsPerYear * k) * dt;
        double sd = volatility * StrictMath.sqrt(dt);
        double expMinusIntensity = StrictMath.exp(-jumpsPerYear * dt);
        NormalSampler normal = new NormalSampler(random);
        double p0 = out[0];
        double logMove = 0;
        for (int i = 1; i < out.length; i++) {
            double r = mean + sd * normal.next();
            for (int j = normal.poisson(expMinusIntensity); j > 0; j--) {
                r += jumpMean + jumpVolatility * normal.next();
            }
            logMove += r;
            out[i] = MarketPath.roundUnits(p0 * StrictMath.exp(logMove));
        }
        return MarketPath.owning(clock, start.decimals(), out);
    }
}
