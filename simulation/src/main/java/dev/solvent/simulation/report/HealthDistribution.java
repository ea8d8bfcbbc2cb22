package dev.solvent.simulation.report;

import java.util.List;

/**
 * How many accounts sit in each health bucket at each sample of the {@link Timeline}: the shape of the book as a crash
 * pushes it toward liquidation. Buckets are ordered from lowest to highest health, as {@link HealthBuckets#labels()}
 * gives them.
 *
 * @param buckets the bucket labels, lowest health first, e.g. {@code "<1.0"}, {@code "1.0-1.1"}
 * @param counts per sample, the number of accounts in each bucket: {@code counts.get(sample).get(bucket)}
 */
public record HealthDistribution(List<String> buckets, List<List<Integer>> counts) {

    /** Rejects nulls, rows whose length is not the number of buckets, and negative counts. */
    public HealthDistribution {
        buckets = RecordArguments.list("buckets", buckets);
        counts = RecordArguments.matrix("counts", counts, buckets.size(), "bucket");
        for (int sample = 0; sample < counts.size(); sample++) {
            for (int bucket = 0; bucket < buckets.size(); bucket++) {
                if (counts.get(sample).get(bucket) < 0) {
                    throw new IllegalArgumentException("counts[" + sample + "][" + bucket + "]: "
                            + counts.get(sample).get(bucket) + "; valid: a count, 0 or more");
                }
            }
        }
    }

    /** {@return a distribution with these buckets and no samples, for a run that recorded none} */
    public static HealthDistribution empty(HealthBuckets buckets) {
        return new HealthDistribution(buckets.labels(), List.of());
    }

    /** {@return the number of samples} */
    public int size() {
        return counts.size();
    }
}
