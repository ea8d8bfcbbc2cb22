package dev.solvent.oracle.market;

import java.util.random.RandomGenerator;

/**
 * Standard normal and Poisson draws from a caller's generator, with {@link StrictMath} only, so that a seed gives the
 * same numbers on every machine. ({@link RandomGenerator#nextGaussian()} is not used: its algorithm and floating-point
 * functions are the JDK's to change.) Confined to one generation call; not thread-safe.
 */
final class NormalSampler {

    private final RandomGenerator random;
    private double spare;
    private boolean hasSpare;

    NormalSampler(RandomGenerator random) {
        this.random = random;
    }

    /** {@return a standard normal draw} Marsaglia's polar method; every second call uses the spare. */
    double next() {
        if (hasSpare) {
            hasSpare = false;
            return spare;
        }
        double u;
        double v;
        double s;
        do {
            u = 2.0 * random.nextDouble() - 1.0;
            v = 2.0 * random.nextDouble() - 1.0;
            s = u * u + v * v;
        } while (s >= 1.0 || s == 0.0);
        double m = StrictMath.sqrt(-2.0 * StrictMath.log(s) / s);
        spare = v * m;
        hasSpare = true;
        return u * m;
    }

    /** {@return a uniform draw in {@code [0, 1)}} */
    double uniform() {
        return random.nextDouble();
    }

    /** {@return a Poisson draw with mean {@code -log(expMinusMean)}} Knuth's multiplication method, for small means. */
    int poisson(double expMinusMean) {
        int k = 0;
        double p = random.nextDouble();
        while (p > expMinusMean) {
            k++;
            p *= random.nextDouble();
        }
        return k;
    }
}
