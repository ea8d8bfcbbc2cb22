package dev.solvent.simulation.metrics;

import io.vavr.collection.Vector;

/**
 * Every account with risk, bucketed by health (margin equity over maintenance requirement) at one block.
 *
 * @param block the block number
 * @param buckets counts per bucket of {@link #BUCKETS}
 * @param underwater accounts whose margin equity is below zero
 */
public record HealthSample(long block, Vector<Integer> buckets, int underwater) {

    /** Bucket labels, lowest health first. */
    public static final Vector<String> BUCKETS =
            Vector.of("<1.0", "1.0-1.1", "1.1-1.25", "1.25-1.5", "1.5-2", "2-3", ">=3");

    /** Bucket lower bounds in thousandths of health, after the first. */
    static final long[] BOUNDS = {1_000, 1_100, 1_250, 1_500, 2_000, 3_000};

    /** {@return the bucket of a health given in thousandths} */
    public static int bucket(long milli) {
        int b = 0;
        while (b < BOUNDS.length && milli >= BOUNDS[b]) {
            b++;
        }
        return b;
    }

    /** {@return accounts with a health below 1.25, the first three buckets} */
    public int atRisk() {
        return buckets.get(0) + buckets.get(1) + buckets.get(2);
    }
}
