package dev.solvent.oracle.history;

import dev.solvent.model.math.I256;
import dev.solvent.oracle.internal.ParameterChecks;
import io.vavr.collection.Vector;
import io.vavr.control.Either;

/**
 * Removes bad prints from a candle series by checking each candle's extremes against a reference series of the same
 * asset (a spot or index market beside a perpetual, say).
 *
 * <p>The rule, per candle of the series: take the highest high and the lowest low of the reference candles that
 * overlap the candle's interval (any reference resolution works: finer candles are combined, a coarser candle is
 * used whole). If the candle's high is more than {@code maxDeviationBps} above the reference high, it is a bad print:
 * the high becomes {@code max(open, close, reference high)}. Likewise a low more than {@code maxDeviationBps} below the
 * reference low becomes {@code min(open, close, reference low)}. Opens, closes and volumes are kept, so a corrected
 * candle still bounds its open and close; a candle within the bound is left exactly as it was. Comparisons are exact
 * integer arithmetic: a high is bad when {@code high * 10000 > referenceHigh * (10000 + maxDeviationBps)}, a low when
 * {@code low * 10000 < referenceLow * (10000 - maxDeviationBps)}.
 *
 * <p>A perpetual legitimately trades away from spot by its basis and its own wicks; the bound says how far is still a
 * market price. On the bundled March 2020 files, ETH perp and spot 5-minute extremes differ by at most 2.5% (highs) and
 * 6.1% (lows) except at the 2020-03-13T02:35Z candle, whose high of 323 is 170% above the spot high: a bound of 1000
 * (10%) removes that print and nothing else.
 */
public final class BadPrints {

    /** The largest bound accepted, in basis points: 100%. A low bound past it would never trigger. */
    public static final int MAX_DEVIATION_BPS = 10_000;

    private static final I256 BPS = I256.of(10_000);

    private BadPrints() {}

    /**
     * One corrected extreme.
     *
     * @param openTime the candle's open time, unix seconds
     * @param extreme which extreme was replaced
     * @param was the price in the series
     * @param now the price it was replaced with
     * @param reference the reference's extreme over the candle's interval
     */
    public record Correction(long openTime, Extreme extreme, I256 was, I256 now, I256 reference) {}

    /** A candle's high or low. */
    public enum Extreme {
        /** The highest price. */
        HIGH,
        /** The lowest price. */
        LOW
    }

    /**
     * A series with its bad prints removed, and what was changed.
     *
     * @param series the corrected series (the same value when nothing was changed)
     * @param corrections every replaced extreme, in time order
     */
    public record Filtered(CandleSeries series, Vector<Correction> corrections) {}

    /**
     * Checks {@code series} against {@code reference}.
     *
     * @param maxDeviationBps how far an extreme may lie beyond the reference's, in basis points, {@code 1..10000}
     * @return the corrected series, or a message saying why the reference cannot be used (it does not cover the
     *     series' window, or its decimals differ)
     */
    public static Either<String, Filtered> filter(CandleSeries series, CandleSeries reference, int maxDeviationBps) {
        ParameterChecks.within("BadPrints.maxDeviationBps", maxDeviationBps, 1, MAX_DEVIATION_BPS, "bps");
        if (reference.decimals() != series.decimals()) {
            return Either.left("the reference " + reference.source() + " has " + reference.decimals()
                    + " decimals and the series " + series.source() + " " + series.decimals()
                    + "; valid: both read at the same decimals");
        }
        if (reference.startTime() > series.startTime() || reference.endTime() < series.endTime()) {
            return Either.left("the reference " + reference.source() + " covers " + instant(reference.startTime())
                    + " to " + instant(reference.endTime()) + "; valid: a reference covering the whole window of "
                    + series.source() + ", " + instant(series.startTime()) + " to " + instant(series.endTime()));
        }
        I256 up = BPS.plus(I256.of(maxDeviationBps));
        I256 down = BPS.minus(I256.of(maxDeviationBps));
        Vector<Candle> out = Vector.empty();
        Vector<Correction> corrections = Vector.empty();
        for (Candle c : series.candles()) {
            long from = (c.openTime() - reference.startTime()) / reference.intervalSeconds();
            long to =
                    (c.openTime() + series.intervalSeconds() - 1 - reference.startTime()) / reference.intervalSeconds();
            I256 refHigh = reference.candles().get((int) from).high();
            I256 refLow = reference.candles().get((int) from).low();
            for (long i = from + 1; i <= to; i++) {
                Candle r = reference.candles().get((int) i);
                refHigh = refHigh.max(r.high());
                refLow = refLow.min(r.low());
            }
            I256 high = c.high();
            I256 low = c.low();
            if (high.times(BPS).gt(refHigh.times(up))) {
                // an open or close that far out is kept: the rule only removes an extreme nothing else traded near
                high = c.open().max(c.close()).max(refHigh);
                if (!high.equals(c.high())) {
                    corrections =
                            corrections.append(new Correction(c.openTime(), Extreme.HIGH, c.high(), high, refHigh));
                }
            }
            if (low.times(BPS).lt(refLow.times(down))) {
                low = c.open().min(c.close()).min(refLow);
                if (!low.equals(c.low())) {
                    corrections = corrections.append(new Correction(c.openTime(), Extreme.LOW, c.low(), low, refLow));
                }
            }
            out = out.append(
                    high.equals(c.high()) && low.equals(c.low())
                            ? c
                            : new Candle(c.openTime(), c.open(), high, low, c.close(), c.volume()));
        }
        if (corrections.isEmpty()) {
            return Either.right(new Filtered(series, corrections));
        }
        CandleSeries filtered = new CandleSeries(
                series.source() + " (bad prints removed against " + reference.source() + ")",
                series.decimals(),
                series.intervalSeconds(),
                out,
                series.gaps());
        return Either.right(new Filtered(filtered, corrections));
    }

    private static String instant(long seconds) {
        return java.time.Instant.ofEpochSecond(seconds).toString();
    }
}
