package dev.solvent.simulation.report;

import java.util.List;

/**
 * A table of a sweep's results, already formatted for people: one row per grid point, with its parameter values and
 * its risk metrics (bad debt percentiles, probability that the insurance fund is exhausted, ...). The report lets a
 * reader sort it by any column.
 *
 * @param columns the column headings
 * @param rows the cells, each row as long as {@code columns}
 */
public record ResultsTable(List<String> columns, List<List<String>> rows) {

    /** Rejects nulls and rows whose length is not the number of columns. */
    public ResultsTable {
        columns = RecordArguments.list("columns", columns);
        rows = RecordArguments.matrix("rows", rows, columns.size(), "column");
    }
}
