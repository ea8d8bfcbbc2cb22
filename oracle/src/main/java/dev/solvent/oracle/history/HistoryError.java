package dev.solvent.oracle.history;

import java.time.Instant;

/**
 * Why a candle file could not be read, one record per reason, each naming the file and line (1-based, the header is
 * line 1) and what would be valid. A reader reports every problem it finds, not just the first.
 */
public sealed interface HistoryError {

    /** The file. */
    String source();

    /** {@return a one-line explanation for people: file, line, problem, what is valid} */
    String message();

    /** The file could not be read at all. */
    record Unreadable(String source, String detail) implements HistoryError {
        @Override
        public String message() {
            return source + ": cannot be read: " + detail;
        }
    }

    /** The file holds no candle. */
    record Empty(String source) implements HistoryError {
        @Override
        public String message() {
            return source + ": holds no candle; valid: a header line and at least one row";
        }
    }

    /** The first line is not the expected header. */
    record BadHeader(String source, String found, String expected) implements HistoryError {
        @Override
        public String message() {
            return source + " line 1: header is '" + found + "'; valid: '" + expected + "'";
        }
    }

    /** A row has the wrong number of fields, or a field that is not a timestamp or a decimal number. */
    record MalformedRow(String source, int line, String detail) implements HistoryError {
        @Override
        public String message() {
            return source + " line " + line + ": " + detail;
        }
    }

    /** A price is zero or negative (or rounds to zero at the requested decimals). */
    record NonPositivePrice(String source, int line, String column, String value) implements HistoryError {
        @Override
        public String message() {
            return source + " line " + line + ": " + column + " " + value
                    + " is not a positive price at the requested decimals; valid: > 0";
        }
    }

    /** High and low do not bound open and close. */
    record InconsistentCandle(String source, int line, String detail) implements HistoryError {
        @Override
        public String message() {
            return source + " line " + line + ": " + detail + "; valid: low <= min(open, close) <= max(open, close)"
                    + " <= high";
        }
    }

    /** A row's timestamp is earlier than the row before it. */
    record OutOfOrder(String source, int line, long timestamp, long previous) implements HistoryError {
        @Override
        public String message() {
            return source + " line " + line + ": timestamp " + Instant.ofEpochSecond(timestamp) + " comes after "
                    + Instant.ofEpochSecond(previous) + "; valid: rows in ascending time";
        }
    }

    /** Two rows have the same timestamp. */
    record DuplicateTimestamp(String source, int line, long timestamp) implements HistoryError {
        @Override
        public String message() {
            return source + " line " + line + ": timestamp " + Instant.ofEpochSecond(timestamp)
                    + " repeats the row before; valid: one row per interval";
        }
    }

    /** A row's timestamp is not a whole number of intervals after the first row's. */
    record MisalignedTimestamp(String source, int line, long timestamp, long intervalSeconds) implements HistoryError {
        @Override
        public String message() {
            return source + " line " + line + ": timestamp " + Instant.ofEpochSecond(timestamp)
                    + " is not on the file's " + intervalSeconds
                    + "-second grid; valid: first timestamp + k * interval";
        }
    }
}
