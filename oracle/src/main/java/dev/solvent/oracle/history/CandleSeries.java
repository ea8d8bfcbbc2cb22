package dev.solvent.oracle.history;

import dev.solvent.model.math.I256;
import dev.solvent.oracle.internal.ParameterChecks;
import dev.solvent.oracle.market.MarketPrice;
import io.vavr.collection.Vector;

/**
 * A contiguous run of candles of one market: one candle per interval, no holes (holes in the source were filled and
 * are listed in {@link #gaps()}), prices as exact integers with {@link #decimals()} decimals.
 *
 * @param source where the candles came from (a file name, or a description for resampled series)
 * @param decimals decimals of every price and volume, {@code 0..18}
 * @param intervalSeconds the candle length in seconds (300 for 5-minute candles)
 * @param candles the candles, the {@code i}-th opening at {@code startTime() + i * intervalSeconds}
 * @param gaps the holes that were filled when the source was read, in file order
 */
public record CandleSeries(
        String source, int decimals, long intervalSeconds, Vector<Candle> candles, Vector<Gap> gaps) {

    /** Requires a non-empty, contiguous, evenly spaced run. */
    public CandleSeries {
        ParameterChecks.present("CandleSeries.source", source);
        ParameterChecks.within("CandleSeries.decimals", decimals, 0, MarketPrice.MAX_DECIMALS, "");
        ParameterChecks.within("CandleSeries.intervalSeconds", intervalSeconds, 1, 366L * 86_400, "seconds");
        ParameterChecks.require(!candles.isEmpty(), "CandleSeries.candles", "a series needs at least one candle");
        ParameterChecks.present("CandleSeries.gaps", gaps);
        long t0 = candles.head().openTime();
        for (int i = 0; i < candles.size(); i++) {
            long t = candles.get(i).openTime();
            if (t != t0 + i * intervalSeconds) {
                throw new IllegalArgumentException("CandleSeries.candles[" + i + "]: opens at " + t + "; valid: "
                        + (t0 + i * intervalSeconds) + " (one candle per interval, no holes)");
            }
        }
    }

    /** {@return the number of candles} */
    public int size() {
        return candles.size();
    }

    /** {@return the open time of the first candle, unix seconds} */
    public long startTime() {
        return candles.head().openTime();
    }

    /** {@return the end of the last candle (its open time plus the interval), unix seconds, exclusive} */
    public long endTime() {
        return candles.last().openTime() + intervalSeconds;
    }

    /** {@return the candle with the lowest low (the first such candle when several tie)} */
    public Candle lowest() {
        return candles.reduceLeft((a, b) -> b.low().lt(a.low()) ? b : a);
    }

    /** {@return the candle with the highest high (the first such candle when several tie)} */
    public Candle highest() {
        return candles.reduceLeft((a, b) -> b.high().gt(a.high()) ? b : a);
    }

    /** {@return {@code units} of this series as a market price} */
    public MarketPrice price(I256 units) {
        return new MarketPrice(units, decimals);
    }

    /** {@return candles {@code from} (inclusive) to {@code to} (exclusive); gaps are kept only if inside} */
    public CandleSeries slice(int from, int to) {
        ParameterChecks.require(
                0 <= from && from < to && to <= candles.size(),
                "CandleSeries.slice",
                "[" + from + ", " + to + ") is not a non-empty range within [0, " + candles.size() + ")");
        Vector<Candle> part = candles.subSequence(from, to);
        long start = part.head().openTime();
        long end = part.last().openTime();
        return new CandleSeries(
                source, decimals, intervalSeconds, part, gaps.filter(g -> g.before() > start && g.before() <= end));
    }
}
