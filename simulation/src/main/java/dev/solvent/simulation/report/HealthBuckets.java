package dev.solvent.simulation.report;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * How account health is grouped for the {@link HealthDistribution}: increasing edges cut the health axis into
 * buckets, from "below the first edge" to "at or above the last". Health is equity over the maintenance requirement,
 * so an account below 1.0 can be liquidated; an account with no position (infinite health) falls in the last bucket.
 *
 * {@snippet :
 * HealthBuckets buckets = HealthBuckets.DEFAULT;
 * buckets.labels();      // ["<1.0", "1.0-1.1", "1.1-1.25", "1.25-1.5", "1.5-2.0", ">=2.0"]
 * buckets.indexOf(1.05); // 1
 * }
 *
 * @param edges the bucket boundaries, finite and strictly increasing; at least one
 */
public record HealthBuckets(List<Double> edges) {

    /** Fine near the liquidation threshold, where a crash moves accounts, and coarse above it. */
    public static final HealthBuckets DEFAULT = new HealthBuckets(List.of(1.0, 1.1, 1.25, 1.5, 2.0));

    /** Rejects an empty list, non-finite edges and edges that do not increase. */
    public HealthBuckets {
        edges = RecordArguments.list("edges", edges);
        if (edges.isEmpty()) {
            throw new IllegalArgumentException("edges: empty; valid: at least one health value, e.g. 1.0");
        }
        for (int i = 0; i < edges.size(); i++) {
            if (!Double.isFinite(edges.get(i)) || (i > 0 && edges.get(i) <= edges.get(i - 1))) {
                throw new IllegalArgumentException(
                        "edges[" + i + "]: " + edges.get(i) + "; valid: finite and strictly increasing");
            }
        }
    }

    /** {@return the number of buckets: one more than the edges} */
    public int size() {
        return edges.size() + 1;
    }

    /** {@return one label per bucket, lowest health first: {@code "<1.0"}, {@code "1.0-1.1"}, ..., {@code ">=2.0"}} */
    public List<String> labels() {
        List<String> labels = new ArrayList<>(size());
        labels.add("<" + format(edges.getFirst()));
        for (int i = 1; i < edges.size(); i++) {
            labels.add(format(edges.get(i - 1)) + "-" + format(edges.get(i)));
        }
        labels.add(">=" + format(edges.getLast()));
        return List.copyOf(labels);
    }

    /**
     * {@return the bucket of an account with this health} A bucket holds its lower edge: health exactly 1.0 is in
     * {@code "1.0-1.1"}, not with the liquidatable accounts. Positive infinity (no debt) is in the last bucket; NaN is
     * refused, since it means a bug in whoever computed the health.
     */
    public int indexOf(double health) {
        if (Double.isNaN(health)) {
            throw new IllegalArgumentException("health: NaN; valid: a number, or positive infinity for no debt");
        }
        int index = 0;
        while (index < edges.size() && health >= edges.get(index)) {
            index++;
        }
        return index;
    }

    private static String format(double edge) {
        return BigDecimal.valueOf(edge).toPlainString();
    }
}
