package dev.solvent.simulation.sweep;

import dev.solvent.simulation.output.OutputFolder;
import dev.solvent.simulation.report.Heatmap;
import dev.solvent.simulation.report.ReportWriter;
import dev.solvent.simulation.report.ResultsTable;
import dev.solvent.simulation.report.SummaryRow;
import dev.solvent.simulation.report.SweepReport;
import io.vavr.Tuple2;
import io.vavr.collection.Vector;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A sweep's outputs: {@code results.csv} (the {@link SweepTable}) and {@code report.html} with the table and a heatmap
 * of the 95th-percentile loss past the fund over two parameters.
 */
public final class SweepFiles {

    private SweepFiles() {}

    /** {@return the report of a sweep} */
    public static SweepReport report(Sweep sweep, SweepTable table, List<CellResult> results) {
        int xi = sweep.parameters().indexOf(sweep.heatmapX());
        int yi = sweep.parameters().indexOf(sweep.heatmapY());
        List<String> xs = sweep.values().get(xi);
        List<String> ys = sweep.values().get(yi);
        int p95 = table.columns().indexOf("bad_debt_p95");
        List<List<Double>> z = new ArrayList<>();
        for (String y : ys) {
            List<Double> line = new ArrayList<>();
            for (String x : xs) {
                // the worst P95 over the other parameters at this (x, y)
                double worst = Double.NaN;
                for (List<String> row : table.rows()) {
                    if (row.get(xi).equals(x)
                            && row.get(yi).equals(y)
                            && !row.get(p95).isEmpty()) {
                        double v = Double.parseDouble(row.get(p95));
                        worst = Double.isNaN(worst) ? v : Math.max(worst, v);
                    }
                }
                line.add(worst);
            }
            z.add(line);
        }
        long failed = results.stream().filter(r -> !r.ok()).count();
        List<SummaryRow> summary = List.of(
                new SummaryRow("Scenario", sweep.scenarioSource()),
                new SummaryRow("Grid points", Integer.toString(sweep.points().size())),
                new SummaryRow("Runs per point", Integer.toString(sweep.runs())),
                new SummaryRow("Sweep seed", Long.toString(sweep.seed())),
                new SummaryRow("Failed runs", Long.toString(failed)));
        return new SweepReport(
                "Solvent sweep: " + sweep.source(),
                sweep.parameters(),
                summary,
                new ResultsTable(table.columns(), table.rows()),
                Optional.of(new Heatmap(
                        Heatmap.BAD_DEBT_P95 + " (loss past the fund)",
                        sweep.heatmapX(),
                        xs,
                        sweep.heatmapY(),
                        ys,
                        z)));
    }

    /** Writes {@code results.csv} and {@code report.html} into the folder, none of them half-written. */
    public static void write(Path folder, Sweep sweep, List<CellResult> results) {
        SweepTable table = SweepTable.of(sweep, results);
        OutputFolder.write(
                folder,
                Vector.of(
                        new Tuple2<>("results.csv", table.csv()),
                        new Tuple2<>("report.html", ReportWriter.render(report(sweep, table, results)))));
    }
}
