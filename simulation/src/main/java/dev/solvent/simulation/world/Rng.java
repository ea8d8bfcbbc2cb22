package dev.solvent.simulation.world;

import dev.solvent.oracle.Randomness;
import java.util.random.RandomGenerator;

/**
 * Random numbers as a pure function of (seed, stream, index): a world needs no mutable generator, any block's draws
 * can be recomputed alone, and runs on different threads cannot disturb each other.
 */
public final class Rng {

    /** Draws of the trader population. */
    public static final long POPULATION = 1;
    /** Draws of trader actions in a block. */
    public static final long ACTIONS = 2;
    /** Ties between equal priority fees in a block. */
    public static final long BLOCK_BUILDING = 3;
    /** Top-up decisions at a health check. */
    public static final long TOP_UPS = 4;
    /** Generated price paths, per price key. */
    public static final long PRICES = 5;
    /** Draws of the lending traders of a lending run, per trader. */
    public static final long LENDING_TRADERS = 6;
    /** Lending traders' decisions at a health check. */
    public static final long LENDING_ACTIONS = 7;
    /** The order keepers try a block's liquidations in, in a lending run. */
    public static final long KEEPER_ORDER = 8;

    private Rng() {}

    /** {@return a generator for one (seed, stream, index)} */
    public static RandomGenerator of(long seed, long stream, long index) {
        return Randomness.seeded(mix(mix(seed) ^ mix(stream * 0x9E3779B97F4A7C15L + index)));
    }

    /** {@return SplitMix64's finalizer: a bijection on longs that spreads nearby inputs far apart} */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
