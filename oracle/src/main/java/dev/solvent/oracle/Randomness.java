package dev.solvent.oracle;

import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

/**
 * The one place the oracle module makes random generators: {@code L64X128MixRandom} seeded explicitly, never from the
 * clock. Generators and feeds take a {@link RandomGenerator} (or a seed) from their caller, so the same seed always
 * gives the same path, byte for byte, on any machine.
 */
public final class Randomness {

    /** The algorithm every seeded generator uses. */
    public static final String ALGORITHM = "L64X128MixRandom";

    private static final RandomGeneratorFactory<RandomGenerator> FACTORY = RandomGeneratorFactory.of(ALGORITHM);

    private Randomness() {}

    /** {@return a new {@value #ALGORITHM} generator seeded with {@code seed}} */
    public static RandomGenerator seeded(long seed) {
        return FACTORY.create(seed);
    }

    /**
     * {@return a uniform double in {@code [0, 1)} that depends only on {@code seed} and {@code index}} Pure: the same
     * arguments give the same value whatever was drawn before, so a step function can draw "the coin for block
     * {@code index}" without carrying a mutable generator in its state.
     */
    public static double uniform(long seed, long index) {
        // A fresh generator per index, seeded by a Weyl step of the golden gamma so that neighbouring indexes get
        // unrelated seeds (L64X128MixRandom mixes its seed further).
        return FACTORY.create(seed + index * 0x9E3779B97F4A7C15L).nextDouble();
    }
}
