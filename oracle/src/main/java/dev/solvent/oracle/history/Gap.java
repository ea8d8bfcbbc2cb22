package dev.solvent.oracle.history;

import java.time.Instant;

/**
 * A hole in a candle file that was filled: between the candle before it and the row at {@code line}, {@code missing}
 * candles were absent and have been filled with flat candles at the previous close (carried forward, zero volume).
 * Reported so that the user knows what the replay invented.
 *
 * @param source the file
 * @param line the line of the first row after the gap
 * @param after the open time of the last candle before the gap, unix seconds
 * @param before the open time of the first candle after the gap, unix seconds
 * @param missing how many candles were filled in
 */
public record Gap(String source, int line, long after, long before, int missing) {

    /** {@return a one-line explanation naming the file and line} */
    public String message() {
        return source + " line " + line + ": " + missing + " missing candle(s) between " + Instant.ofEpochSecond(after)
                + " and " + Instant.ofEpochSecond(before) + " filled with the previous close (carry forward)";
    }
}
