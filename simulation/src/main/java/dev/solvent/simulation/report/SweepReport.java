package dev.solvent.simulation.report;

import java.util.List;
import java.util.Optional;

/**
 * The report of a Monte Carlo sweep: a summary, a heatmap of one metric over two swept parameters (bad debt P95 unless
 * the caller chose another), and the table of results per grid point.
 *
 * @param title the page's heading
 * @param parameters the names of the swept parameters
 * @param summary the headline numbers (grid size, seeds per point, runs that failed, ...), shown first
 * @param results the results per grid point
 * @param heatmap the heatmap, if the sweep has two parameters to draw it over; its axes must be swept parameters
 */
public record SweepReport(
        String title,
        List<String> parameters,
        List<SummaryRow> summary,
        ResultsTable results,
        Optional<Heatmap> heatmap)
        implements Report {

    /** Rejects nulls and a heatmap over a parameter that was not swept. */
    public SweepReport {
        RecordArguments.text("title", title);
        parameters = RecordArguments.list("parameters", parameters);
        summary = RecordArguments.list("summary", summary);
        if (results == null || heatmap == null) {
            throw new IllegalArgumentException("results and heatmap: must not be null (use Optional.empty())");
        }
        for (String axis :
                heatmap.map(h -> List.of(h.xParameter(), h.yParameter())).orElse(List.of())) {
            if (!parameters.contains(axis)) {
                throw new IllegalArgumentException(
                        "heatmap: " + axis + " is not a swept parameter; valid: one of " + parameters);
            }
        }
    }
}
