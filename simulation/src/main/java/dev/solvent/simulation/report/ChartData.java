package dev.solvent.simulation.report;

import java.util.ArrayList;
import java.util.List;

/**
 * The data a report's script draws, as it is embedded in the page (JSON). Shaped for the charts rather than for the
 * simulation: times in milliseconds, one list per health bucket, missing values as {@code null} (JSON has no NaN).
 */
final class ChartData {

    private ChartData() {}

    /** The data of a run report's charts. */
    record Run(
            String kind,
            String unit,
            List<Long> time,
            List<Long> blocks,
            List<Market> markets,
            List<Double> insuranceFund,
            List<Long> liquidations,
            List<Double> liquidationVolume,
            List<Double> shortfall,
            List<Double> socializedLoss,
            List<Double> badDebt,
            List<Double> baseFeeGwei,
            List<Double> keeperProfit,
            List<String> healthBuckets,
            List<List<Integer>> healthByBucket) {}

    /** One market's two prices. */
    record Market(String name, List<Double> market, List<Double> oracle) {}

    /** The data of a sweep report's heatmap, or none. */
    record Sweep(String kind, SweepHeatmap heatmap) {}

    /** Heatmap cells as {@code [x, y, value]} triples, value {@code null} where missing. */
    record SweepHeatmap(
            String metric,
            String xParameter,
            List<String> xValues,
            String yParameter,
            List<String> yValues,
            List<List<Object>> cells) {}

    static Run of(RunReport report) {
        Timeline timeline = report.timeline();
        ProtocolSeries protocol = report.protocol();
        List<Long> millis = new ArrayList<>(timeline.size());
        for (long seconds : timeline.timestamps()) {
            millis.add(seconds * 1000);
        }
        List<Market> markets = new ArrayList<>();
        for (MarketSeries market : report.markets()) {
            markets.add(new Market(market.market(), finite(market.marketPrice()), finite(market.oraclePrice())));
        }
        HealthDistribution health = report.health();
        List<List<Integer>> byBucket = new ArrayList<>();
        for (int bucket = 0; bucket < health.buckets().size(); bucket++) {
            List<Integer> counts = new ArrayList<>(health.size());
            for (List<Integer> sample : health.counts()) {
                counts.add(sample.get(bucket));
            }
            byBucket.add(counts);
        }
        return new Run(
                "run",
                protocol.unit(),
                millis,
                timeline.blocks(),
                markets,
                finite(protocol.insuranceFund()),
                protocol.liquidations(),
                finite(protocol.liquidationVolume()),
                finite(protocol.shortfall()),
                finite(protocol.socializedLoss()),
                finite(protocol.badDebt()),
                finite(protocol.baseFeeGwei()),
                finite(protocol.keeperProfit()),
                health.buckets(),
                byBucket);
    }

    static Sweep of(SweepReport report) {
        return new Sweep("sweep", report.heatmap().map(ChartData::heatmap).orElse(null));
    }

    private static SweepHeatmap heatmap(Heatmap heatmap) {
        List<List<Object>> cells = new ArrayList<>();
        for (int y = 0; y < heatmap.yValues().size(); y++) {
            for (int x = 0; x < heatmap.xValues().size(); x++) {
                Double value = heatmap.values().get(y).get(x);
                List<Object> cell = new ArrayList<>(3);
                cell.add(x);
                cell.add(y);
                cell.add(value.isNaN() ? null : value);
                cells.add(cell);
            }
        }
        return new SweepHeatmap(
                heatmap.metric(),
                heatmap.xParameter(),
                heatmap.xValues(),
                heatmap.yParameter(),
                heatmap.yValues(),
                cells);
    }

    /** The series with NaN as null; the records already refused infinities. */
    private static List<Double> finite(List<Double> values) {
        List<Double> out = new ArrayList<>(values.size());
        for (Double value : values) {
            // -0.0 and 0.0 draw alike; one spelling keeps the page the same whichever arithmetic produced the zero
            out.add(value.isNaN() ? null : value == 0.0 ? 0.0 : value);
        }
        return out;
    }
}
