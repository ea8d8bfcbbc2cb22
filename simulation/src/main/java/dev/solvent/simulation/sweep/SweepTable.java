package dev.solvent.simulation.sweep;

import dev.solvent.simulation.metrics.RunSummary;
import dev.solvent.simulation.output.RunFiles;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The results table of a sweep, one row per grid point: the loss past the insurance fund at the 50th, 95th and 99th
 * percentile (nearest rank), the probability that the fund ran dry, liquidations, the accounts liquidatable at the
 * worst block, cascades and keeper profit. Built only from the cells' results, sorted first, so any runner that
 * computes the same cells gets the same table, byte for byte.
 *
 * @param columns the column names
 * @param rows one row per point, values as text
 */
public record SweepTable(List<String> columns, List<List<String>> rows) {

    /** Statistics after the parameters, in order. */
    public static final List<String> STATISTICS = List.of(
            "runs",
            "failed",
            "bad_debt_p50",
            "bad_debt_p95",
            "bad_debt_p99",
            "fund_exhausted_probability",
            "liquidations_mean",
            "liquidatable_peak_mean",
            "delayed_liquidations_mean",
            "cascade_depth_max",
            "keeper_profit_mean",
            "first_error");

    /** Copies the lists. */
    public SweepTable {
        columns = List.copyOf(columns);
        rows = rows.stream().map(List::copyOf).toList();
    }

    /** {@return the loss a run left past the insurance fund: socialized, deleveraged and recorded bad debt} */
    public static long badDebt(RunSummary s) {
        return s.socializedLoss() + s.deleveraged() + s.badDebt();
    }

    /** {@return the table of a sweep's results} */
    public static SweepTable of(Sweep sweep, List<CellResult> results) {
        List<CellResult> sorted = new ArrayList<>(results);
        sorted.sort(Comparator.comparingInt(CellResult::point).thenComparingInt(CellResult::run));
        List<String> columns = new ArrayList<>(sweep.parameters());
        columns.addAll(STATISTICS);
        List<List<String>> rows = new ArrayList<>();
        for (Sweep.Point p : sweep.points()) {
            List<CellResult> cells =
                    sorted.stream().filter(c -> c.point() == p.index()).toList();
            List<RunSummary> ok = cells.stream()
                    .filter(CellResult::ok)
                    .map(CellResult::summary)
                    .toList();
            int d = ok.isEmpty() ? 6 : ok.get(0).settlementDecimals();
            long[] debt = ok.stream().mapToLong(SweepTable::badDebt).sorted().toArray();
            List<String> row = new ArrayList<>(p.values());
            row.add(Integer.toString(cells.size()));
            row.add(Long.toString(cells.size() - ok.size()));
            row.add(percentile(debt, 50, d));
            row.add(percentile(debt, 95, d));
            row.add(percentile(debt, 99, d));
            row.add(ratio(ok.stream().filter(RunSummary::fundExhausted).count(), ok.size(), 4));
            row.add(ratio(ok.stream().mapToLong(RunSummary::liquidations).sum(), ok.size(), 2));
            row.add(ratio(ok.stream().mapToLong(RunSummary::maxLiquidatable).sum(), ok.size(), 2));
            row.add(ratio(ok.stream().mapToLong(RunSummary::delayedLiquidations).sum(), ok.size(), 2));
            row.add(
                    ok.isEmpty()
                            ? ""
                            : Integer.toString(ok.stream()
                                    .mapToInt(RunSummary::maxCascadeDepth)
                                    .max()
                                    .getAsInt()));
            row.add(
                    ok.isEmpty()
                            ? ""
                            : new BigDecimal(ok.stream()
                                            .mapToLong(RunSummary::keeperProfit)
                                            .sum())
                                    .movePointLeft(d)
                                    .divide(BigDecimal.valueOf(ok.size()), d, RoundingMode.HALF_EVEN)
                                    .toPlainString());
            row.add(cells.stream()
                    .filter(c -> !c.ok())
                    .map(c -> "run " + c.run() + ": " + c.error())
                    .findFirst()
                    .orElse(""));
            rows.add(row);
        }
        return new SweepTable(columns, rows);
    }

    /** {@return the nearest-rank percentile of sorted values, as a decimal, or empty without values} */
    static String percentile(long[] sorted, int q, int decimals) {
        if (sorted.length == 0) {
            return "";
        }
        int rank = (int) Math.ceil(q / 100.0 * sorted.length);
        return RunFiles.decimal(sorted[Math.max(0, rank - 1)], decimals);
    }

    private static String ratio(long num, long den, int scale) {
        if (den == 0) {
            return "";
        }
        return BigDecimal.valueOf(num)
                .divide(BigDecimal.valueOf(den), scale, RoundingMode.HALF_EVEN)
                .toPlainString();
    }

    /** {@return the table as CSV with a header} */
    public String csv() {
        tools.jackson.dataformat.csv.CsvSchema.Builder schema =
                tools.jackson.dataformat.csv.CsvSchema.builder().setUseHeader(true);
        columns.forEach(schema::addColumn);
        return tools.jackson.dataformat.csv.CsvMapper.builder()
                .build()
                .writer(schema.build())
                .writeValueAsString(rows);
    }
}
