package dev.solvent.simulation.lending;

import dev.solvent.model.protocol.Quantity;
import dev.solvent.simulation.metrics.HealthSample;
import io.vavr.collection.TreeMap;
import io.vavr.collection.Vector;

/**
 * What a lending run produced: its summary, one row per block, the health snapshots and the notable events.
 *
 * @param summary the headline numbers
 * @param priceKeys the price keys, in the order of each row's prices
 * @param quantityNames the protocol's quantities, in the order of each row's
 * @param quantityUnits each quantity's decimals and unit (its amount at the start), by name
 * @param totalNames the assets of each row's totals
 * @param rows one per block
 * @param samples the health snapshots (health factor buckets of accounts with debt)
 * @param events notable events as JSON lines
 */
public record LendingResult(
        LendingSummary summary,
        Vector<String> priceKeys,
        Vector<String> quantityNames,
        TreeMap<String, Quantity> quantityUnits,
        Vector<String> totalNames,
        Vector<LendingRow> rows,
        Vector<HealthSample> samples,
        Vector<String> events) {}
