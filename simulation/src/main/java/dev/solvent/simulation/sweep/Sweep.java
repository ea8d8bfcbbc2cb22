package dev.solvent.simulation.sweep;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * A Monte Carlo sweep: a base scenario, a grid over any of its fields (each field an axis, or zipped fields that vary
 * together as one axis), and a number of seeded runs per grid point.
 * Every run is a {@link Cell}: a point's overrides and a seed, a pure function of which gives a run summary, on one
 * machine ({@link LocalSweep}) or on many.
 *
 * @param source how to name the sweep file in messages
 * @param scenarioSource the base scenario's bundled name or path
 * @param scenarioYaml the base scenario's text
 * @param seed the sweep's seed
 * @param runs seeded runs per point
 * @param fixed overrides applied at every point
 * @param parameters the swept fields: the grid's in the order of the file, then the zipped ones
 * @param values each swept field's values (the zipped fields' lists are equally long: their i-th values go together)
 * @param heatmapX the parameter across the heatmap
 * @param heatmapY the parameter down the heatmap
 * @param zipFrom the index in {@code parameters} of the first zipped field ({@code parameters.size()} when none is)
 */
public record Sweep(
        String source,
        String scenarioSource,
        String scenarioYaml,
        long seed,
        int runs,
        Map<String, String> fixed,
        List<String> parameters,
        List<List<String>> values,
        String heatmapX,
        String heatmapY,
        int zipFrom)
        implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Copies every collection; zipped fields must have lists of one length. */
    public Sweep {
        fixed = Map.copyOf(fixed);
        parameters = List.copyOf(parameters);
        values = values.stream().map(List::copyOf).toList();
        if (zipFrom < 0 || zipFrom > parameters.size() || values.size() != parameters.size()) {
            throw new IllegalArgumentException("zipFrom " + zipFrom + " for " + parameters.size() + " parameters");
        }
        for (int p = zipFrom + 1; p < values.size(); p++) {
            if (values.get(p).size() != values.get(zipFrom).size()) {
                throw new IllegalArgumentException("zipped lists of different lengths: " + values);
            }
        }
    }

    /** A sweep whose every swept field is an axis of its own (nothing zipped). */
    public Sweep(
            String source,
            String scenarioSource,
            String scenarioYaml,
            long seed,
            int runs,
            Map<String, String> fixed,
            List<String> parameters,
            List<List<String>> values,
            String heatmapX,
            String heatmapY) {
        this(
                source,
                scenarioSource,
                scenarioYaml,
                seed,
                runs,
                fixed,
                parameters,
                values,
                heatmapX,
                heatmapY,
                parameters.size());
    }

    /** One grid point: its index and each swept field's value. */
    public record Point(int index, List<String> values) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /**
     * One run of a sweep.
     *
     * @param point the grid point's index
     * @param run the run's index within the point
     * @param seed the run's seed, {@link #runSeed}
     * @param overrides the fields the point and the fixed overrides set
     */
    public record Cell(int point, int run, long seed, Map<String, String> overrides) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /**
     * {@return the grid points, the last axis varying fastest} Each grid field is an axis; the zipped fields, if any,
     * are one more axis, the last, along which they move together.
     */
    public List<Point> points() {
        List<Integer> sizes = new java.util.ArrayList<>();
        for (int p = 0; p < zipFrom; p++) {
            sizes.add(values.get(p).size());
        }
        if (zipFrom < parameters.size()) {
            sizes.add(values.get(zipFrom).size());
        }
        int total = 1;
        for (int size : sizes) {
            total *= size;
        }
        java.util.ArrayList<Point> out = new java.util.ArrayList<>();
        for (int i = 0; i < total; i++) {
            int[] at = new int[sizes.size()];
            int rest = i;
            for (int a = sizes.size() - 1; a >= 0; a--) {
                at[a] = rest % sizes.get(a);
                rest /= sizes.get(a);
            }
            java.util.ArrayList<String> point = new java.util.ArrayList<>();
            for (int p = 0; p < parameters.size(); p++) {
                point.add(values.get(p).get(at[Math.min(p, zipFrom)]));
            }
            out.add(new Point(i, List.copyOf(point)));
        }
        return List.copyOf(out);
    }

    /** {@return every cell, point by point and run by run} */
    public List<Cell> cells() {
        java.util.ArrayList<Cell> out = new java.util.ArrayList<>();
        for (Point p : points()) {
            java.util.TreeMap<String, String> o = new java.util.TreeMap<>(fixed);
            for (int k = 0; k < parameters.size(); k++) {
                o.put(parameters.get(k), p.values().get(k));
            }
            for (int r = 0; r < runs; r++) {
                out.add(new Cell(p.index(), r, runSeed(seed, p.index(), r), Map.copyOf(o)));
            }
        }
        return List.copyOf(out);
    }

    /**
     * {@return the seed of run {@code run} at point {@code point}}: the same for every point (common random numbers),
     * so that two points differ by their parameters and not by their luck
     */
    public static long runSeed(long sweepSeed, int point, int run) {
        return dev.solvent.simulation.world.Rng.mix(sweepSeed * 0x9E3779B97F4A7C15L + run);
    }
}
