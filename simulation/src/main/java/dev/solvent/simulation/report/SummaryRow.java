package dev.solvent.simulation.report;

/**
 * One line of a report's summary table, already formatted for people (units and rounding are the caller's choice, so
 * the report shows exactly what the command line prints).
 *
 * @param label what the value is, e.g. {@code "Bad debt"}
 * @param value the formatted value, e.g. {@code "1,234,567.89 USDC"}
 */
public record SummaryRow(String label, String value) {

    /** Rejects nulls. */
    public SummaryRow {
        RecordArguments.text("label", label);
        RecordArguments.text("value", value);
    }
}
