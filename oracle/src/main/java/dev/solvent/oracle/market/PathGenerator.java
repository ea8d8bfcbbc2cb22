package dev.solvent.oracle.market;

import dev.solvent.oracle.Randomness;
import java.util.random.RandomGenerator;

/**
 * A stochastic model of one market price, turned into a {@link MarketPath} one block at a time. Parameters are
 * annualised (a year of 365 days) and validated at construction; the step length {@code dt} comes from the
 * {@link BlockClock}. All randomness comes from the generator passed in; all floating-point functions are
 * {@link StrictMath}, so a seed gives the same path, byte for byte, on every machine.
 */
public sealed interface PathGenerator permits Gbm, JumpDiffusion, Garch {

    /**
     * Generates {@code steps} moves from {@code start}: the path has {@code steps + 1} prices, the first being
     * {@code start}, on {@code clock}, with {@code start}'s decimals.
     *
     * @param random the only source of randomness; the generator is advanced
     */
    MarketPath generate(MarketPrice start, BlockClock clock, int steps, RandomGenerator random);

    /** Generates a path as {@link #generate(MarketPrice, BlockClock, int, RandomGenerator)} from a fresh seeded generator. */
    default MarketPath generate(MarketPrice start, BlockClock clock, int steps, long seed) {
        return generate(start, clock, steps, Randomness.seeded(seed));
    }

    /** Checks a step count and returns the array for a path of {@code steps + 1} prices starting at {@code start}. */
    static long[] prices(MarketPrice start, int steps) {
        if (steps < 0 || steps == Integer.MAX_VALUE) {
            throw new IllegalArgumentException(
                    "steps: " + steps + " is out of range; valid: 0 <= steps < " + Integer.MAX_VALUE);
        }
        long[] out = new long[steps + 1];
        out[0] = start.units();
        return out;
    }
}
