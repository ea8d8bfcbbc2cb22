package dev.solvent.oracle.history;

import dev.solvent.oracle.internal.ParameterChecks;
import dev.solvent.oracle.market.BlockClock;
import dev.solvent.oracle.market.MarketPath;
import java.math.BigInteger;

/**
 * Replays a candle series as a market path: one price per block of a {@link BlockClock}, by an {@link Interpolation}
 * rule. The path covers the blocks whose timestamps fall in {@code [clock start, series end)}.
 */
public final class HistoricalReplay {

    private HistoricalReplay() {}

    /**
     * {@return the series as a path of blocks every {@code secondsPerBlock} seconds, the first block (numbered
     * {@code firstBlock}) at the first candle's open}
     */
    public static MarketPath replay(
            CandleSeries series, long firstBlock, long secondsPerBlock, Interpolation interpolation) {
        return replay(series, new BlockClock(firstBlock, series.startTime(), secondsPerBlock), interpolation);
    }

    /**
     * {@return the series as a path on {@code clock}}
     *
     * @throws IllegalArgumentException if the clock starts outside {@code [series start, series end)}
     */
    public static MarketPath replay(CandleSeries series, BlockClock clock, Interpolation interpolation) {
        long start = clock.firstTimestamp();
        ParameterChecks.require(
                start >= series.startTime() && start < series.endTime(),
                "HistoricalReplay.clock.firstTimestamp",
                start + " is out of range; valid: within the series, " + series.startTime() + " <= t < "
                        + series.endTime());
        long s = clock.secondsPerBlock();
        long blocks = Math.ceilDiv(series.endTime() - start, s);
        ParameterChecks.within(
                "HistoricalReplay.blocks", blocks, 1, Integer.MAX_VALUE - 8, "blocks in the replayed path");
        long[] out = new long[(int) blocks];
        switch (interpolation) {
            case OHLC_PATH -> ohlcPath(series, start, s, out);
            case LINEAR_CLOSES -> linearCloses(series, start, s, out);
        }
        return MarketPath.of(clock, series.decimals(), out);
    }

    private static void ohlcPath(CandleSeries series, long start, long s, long[] out) {
        long d = series.intervalSeconds();
        long[] w = new long[4];
        for (Candle c : series.candles()) {
            long i0 = StrictMath.max(0, Math.ceilDiv(c.openTime() - start, s));
            long i1 = StrictMath.min(out.length, Math.ceilDiv(c.openTime() + d - start, s));
            int m = (int) (i1 - i0);
            if (m <= 0) {
                continue;
            }
            w[0] = c.open().longValueExact();
            w[1] = (c.isUp() ? c.low() : c.high()).longValueExact();
            w[2] = (c.isUp() ? c.high() : c.low()).longValueExact();
            w[3] = c.close().longValueExact();
            int base = (int) i0;
            if (m < 4) {
                for (int j = 0; j < m; j++) {
                    out[base + j] = w[4 - m + j];
                }
                continue;
            }
            int[] pos = {0, (m - 1) / 3, 2 * (m - 1) / 3, m - 1};
            for (int seg = 0; seg < 3; seg++) {
                int len = pos[seg + 1] - pos[seg];
                for (int k = 0; k < len; k++) {
                    out[base + pos[seg] + k] = lerp(w[seg], w[seg + 1], k, len);
                }
            }
            out[base + m - 1] = w[3];
        }
    }

    private static void linearCloses(CandleSeries series, long start, long s, long[] out) {
        long d = series.intervalSeconds();
        long t0 = series.startTime();
        // knot j sits at t0 + j * d: the first open, then each candle's close at the candle's end
        long[] knots = new long[series.size() + 1];
        knots[0] = series.candles().head().open().longValueExact();
        int k = 1;
        for (Candle c : series.candles()) {
            knots[k++] = c.close().longValueExact();
        }
        for (int i = 0; i < out.length; i++) {
            long t = start + i * s;
            int j = (int) ((t - t0) / d);
            out[i] = lerp(knots[j], knots[j + 1], t - (t0 + j * d), d);
        }
    }

    /** {@return {@code a + (b - a) * k / len}, rounded to the nearest unit, halves up} Exact for positive inputs. */
    static long lerp(long a, long b, long k, long len) {
        if (k == 0) {
            return a;
        }
        try {
            long num = Math.addExact(Math.multiplyExact(a, len - k), Math.multiplyExact(b, k));
            long q = num / len;
            long r = num % len;
            return r * 2 >= len ? q + 1 : q;
        } catch (ArithmeticException overflow) {
            BigInteger num = BigInteger.valueOf(a)
                    .multiply(BigInteger.valueOf(len - k))
                    .add(BigInteger.valueOf(b).multiply(BigInteger.valueOf(k)));
            BigInteger l = BigInteger.valueOf(len);
            return num.shiftLeft(1).add(l).divide(l.shiftLeft(1)).longValueExact();
        }
    }
}
