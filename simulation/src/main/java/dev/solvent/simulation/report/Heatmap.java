package dev.solvent.simulation.report;

import java.util.List;

/**
 * One metric of a sweep over two of its parameters: the value at each grid cell, coloured from low to high. It answers
 * "which combinations of these two parameters are safe?" at a glance.
 *
 * <p>Parameter values are labels, formatted by the caller, in the order they are drawn (x from left to right, y from
 * bottom to top). A cell is {@code NaN} when it has no value, for example when every run of that point failed; it is
 * drawn empty.
 *
 * @param metric what the cells show, with its unit, e.g. {@code "bad debt P95 (USDC)"}; see {@link #BAD_DEBT_P95}
 * @param xParameter the parameter along the x axis, one of the sweep's parameters
 * @param xValues its values, as labels
 * @param yParameter the parameter along the y axis, one of the sweep's parameters
 * @param yValues its values, as labels
 * @param values the metric per cell: {@code values.get(y).get(x)}, one row per y value
 */
public record Heatmap(
        String metric,
        String xParameter,
        List<String> xValues,
        String yParameter,
        List<String> yValues,
        List<List<Double>> values) {

    /** The metric a sweep report shows unless asked for another: the bad debt that 1 run in 20 exceeds. */
    public static final String BAD_DEBT_P95 = "bad debt P95";

    /** Rejects nulls, infinities, an axis without values and a matrix whose shape is not {@code yValues x xValues}. */
    public Heatmap {
        RecordArguments.text("metric", metric);
        RecordArguments.text("xParameter", xParameter);
        RecordArguments.text("yParameter", yParameter);
        xValues = RecordArguments.list("xValues", xValues);
        yValues = RecordArguments.list("yValues", yValues);
        if (xValues.isEmpty() || yValues.isEmpty()) {
            throw new IllegalArgumentException("xValues and yValues: " + xValues.size() + " x " + yValues.size()
                    + " values; valid: at least one value on each axis");
        }
        values = RecordArguments.matrix("values", values, xValues.size(), xParameter + " value");
        if (values.size() != yValues.size()) {
            throw new IllegalArgumentException("values: has " + values.size() + " rows; valid: " + yValues.size()
                    + ", one per " + yParameter + " value");
        }
        for (int y = 0; y < values.size(); y++) {
            RecordArguments.series("values[" + y + "]", values.get(y));
        }
    }
}
