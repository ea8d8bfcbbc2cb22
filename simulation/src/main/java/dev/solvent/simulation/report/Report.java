package dev.solvent.simulation.report;

import java.util.List;

/**
 * What {@link ReportWriter} can render: the report of one run or of one sweep. Both are immutable values, so the same
 * report always renders to the same bytes.
 */
public sealed interface Report permits RunReport, SweepReport {

    /** {@return the heading of the page and its browser title} */
    String title();

    /** {@return the rows of the table at the top of the page, in order} */
    List<SummaryRow> summary();
}
