package dev.solvent.sweepspark;

import dev.solvent.simulation.sweep.CellResult;
import dev.solvent.simulation.sweep.Sweep;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * Runs a sweep's cells on Spark: the cells are split into a few partitions per core and each cell is computed by
 * {@link CellResult#run}, the same pure function of (sweep, cell) as the local runner, so the results, and the table
 * built from them, do not depend on the partitions or the executors. Cells travel as Java-serialized records through
 * the JavaRDD API (records do not work with bean encoders or Kryo).
 */
public final class SparkSweep {

    /** Partitions per core by default: enough to even out runs of unequal length, few enough to keep tasks heavy. */
    public static final int PARTITIONS_PER_CORE = 3;

    private SparkSweep() {}

    /** {@return the default number of partitions of a sweep: a few per core the context has, at most one per cell} */
    public static int defaultPartitions(JavaSparkContext sc, Sweep sweep) {
        return Math.max(1, Math.min(sweep.cells().size(), sc.defaultParallelism() * PARTITIONS_PER_CORE));
    }

    /**
     * {@return every cell's result, sorted by point and run}; a run that throws is a failed cell, not a failed sweep
     *
     * @param sc the Spark context
     * @param sweep the sweep
     * @param partitions how many tasks to split the cells into
     */
    public static List<CellResult> run(JavaSparkContext sc, Sweep sweep, int partitions) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions: " + partitions + "; valid: 1 or more");
        }
        List<Sweep.Cell> cells = sweep.cells();
        // the sweep (with its scenario text) goes once to each executor, not once per task
        Broadcast<Sweep> shared = sc.broadcast(sweep);
        try {
            List<CellResult> results = new ArrayList<>(sc.parallelize(cells, Math.min(partitions, cells.size()))
                    .map(cell -> CellResult.run(shared.value(), cell))
                    .collect());
            results.sort(Comparator.comparingInt(CellResult::point).thenComparingInt(CellResult::run));
            return List.copyOf(results);
        } finally {
            shared.destroy();
        }
    }
}
