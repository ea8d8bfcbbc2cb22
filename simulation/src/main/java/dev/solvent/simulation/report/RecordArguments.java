package dev.solvent.simulation.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Argument checks shared by the report records, with messages that name the field and what would be valid. */
final class RecordArguments {

    private RecordArguments() {}

    static String text(String field, String value) {
        return Objects.requireNonNull(value, field + ": must not be null");
    }

    static <T> List<T> list(String field, List<T> values) {
        Objects.requireNonNull(values, field + ": must not be null");
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i) == null) {
                throw new IllegalArgumentException(field + "[" + i + "]: must not be null");
            }
        }
        return List.copyOf(values);
    }

    /** A copy of a series: NaN stays (it means "no value here"), infinities are a bug upstream and are refused. */
    static List<Double> series(String field, List<Double> values) {
        List<Double> copy = list(field, values);
        for (int i = 0; i < copy.size(); i++) {
            if (copy.get(i).isInfinite()) {
                throw new IllegalArgumentException(field + "[" + i + "]: " + copy.get(i)
                        + " is not a number a chart can draw; valid: a finite" + " value, or NaN for no value");
            }
        }
        return copy;
    }

    static <T> List<List<T>> matrix(String field, List<List<T>> rows, int width, String widthName) {
        Objects.requireNonNull(rows, field + ": must not be null");
        List<List<T>> copy = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            List<T> row = list(field + "[" + i + "]", rows.get(i));
            if (row.size() != width) {
                throw new IllegalArgumentException(field + "[" + i + "]: has " + row.size() + " values; valid: " + width
                        + ", one per " + widthName);
            }
            copy.add(row);
        }
        return List.copyOf(copy);
    }

    static void sameLength(String field, List<?> values, int samples) {
        if (values.size() != samples) {
            throw new IllegalArgumentException(field + ": has " + values.size() + " values; valid: " + samples
                    + ", one per sample of the timeline");
        }
    }
}
