package dev.solvent.simulation.metrics;

import io.vavr.collection.Vector;

/**
 * Everything a run produced: its summary, one row per block, the health snapshots and the notable events (as JSON
 * lines, in order).
 *
 * @param summary the summary
 * @param priceKeys the price keys, in the order of each row's prices
 * @param rows one row per block
 * @param samples the health snapshots
 * @param events one JSON object per notable event, in the order they happened
 * @param stoppedBy why the run stopped early (an observer's reason), or empty when it ran its horizon
 */
public record RunResult(
        RunSummary summary,
        Vector<String> priceKeys,
        Vector<BlockRow> rows,
        Vector<HealthSample> samples,
        Vector<String> events,
        String stoppedBy) {}
