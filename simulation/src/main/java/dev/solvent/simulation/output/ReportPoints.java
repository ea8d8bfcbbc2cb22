package dev.solvent.simulation.output;

import dev.solvent.simulation.metrics.HealthSample;
import dev.solvent.simulation.report.HealthDistribution;
import dev.solvent.simulation.report.MarketSeries;
import dev.solvent.simulation.report.Timeline;
import dev.solvent.simulation.world.Setup;
import io.vavr.collection.Vector;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What every kind of run's report samples alike: which rows become points (at most {@link RunReports#MAX_POINTS},
 * and always the last), their blocks and times, each price key's market and oracle price, and the health
 * distribution of the latest snapshot at or before each point. The caller adds its own series beside these.
 */
final class ReportPoints {

    private final int rows;
    private final int step;
    private final Vector<HealthSample> samples;
    private int sample = -1;
    private final List<Long> blocks = new ArrayList<>();
    private final List<Long> times = new ArrayList<>();
    private final List<List<Double>> market = new ArrayList<>();
    private final List<List<Double>> oracle = new ArrayList<>();
    private final List<List<Integer>> health = new ArrayList<>();

    ReportPoints(int rows, int priceKeys, Vector<HealthSample> samples) {
        this.rows = rows;
        this.step = Math.max(1, Math.ceilDiv(rows, RunReports.MAX_POINTS));
        this.samples = samples;
        for (int k = 0; k < priceKeys; k++) {
            market.add(new ArrayList<>());
            oracle.add(new ArrayList<>());
        }
    }

    /** Moves to row {@code i} at {@code block}; {@return whether that row is a point} */
    boolean reach(int i, long block) {
        while (sample + 1 < samples.size() && samples.get(sample + 1).block() <= block) {
            sample++;
        }
        return i % step == step - 1 || i == rows - 1;
    }

    /** Adds a point: its block, time and prices, and the health of the latest snapshot. */
    void add(long block, long timestamp, Vector<Long> marketPrices, Vector<Long> oraclePrices) {
        blocks.add(block);
        times.add(timestamp);
        for (int k = 0; k < market.size(); k++) {
            market.get(k).add(price(marketPrices.get(k)));
            oracle.get(k).add(price(oraclePrices.get(k)));
        }
        health.add(
                sample < 0
                        ? Collections.nCopies(HealthSample.BUCKETS.size(), 0)
                        : samples.get(sample).buckets().asJava());
    }

    Timeline timeline() {
        return new Timeline(blocks, times);
    }

    List<MarketSeries> markets(Vector<String> priceKeys) {
        List<MarketSeries> out = new ArrayList<>();
        for (int k = 0; k < priceKeys.size(); k++) {
            out.add(new MarketSeries(priceKeys.get(k), market.get(k), oracle.get(k)));
        }
        return out;
    }

    HealthDistribution health() {
        return new HealthDistribution(HealthSample.BUCKETS.asJava(), health);
    }

    private static double price(long units) {
        return BigDecimal.valueOf(units, Setup.PRICE_DECIMALS).doubleValue();
    }
}
