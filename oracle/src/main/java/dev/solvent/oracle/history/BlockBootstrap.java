package dev.solvent.oracle.history;

import dev.solvent.model.math.I256;
import dev.solvent.oracle.Randomness;
import dev.solvent.oracle.internal.ParameterChecks;
import dev.solvent.oracle.market.MarketPrice;
import io.vavr.collection.Vector;
import java.util.random.RandomGenerator;

/**
 * Many plausible histories from one: the moving block bootstrap (Künsch 1989) over whole candles. Each candle of the
 * history is taken as four log-ratios of its open, high, low and close to the previous close (the first candle's
 * previous close is its own open); a sample is made of runs of {@code blockLength} consecutive candles starting at
 * uniformly drawn positions, chained from a starting price. Runs keep the short-range dependence of real returns
 * (volatility clusters, crash sequences, intra-candle wicks) that an independent resampling of returns destroys.
 *
 * <p>Prices are rebuilt as {@code previous close * exp(log-ratio)} with {@link StrictMath} and rounded to the nearest
 * unit, ties to even, at least one unit; rounding is monotone, so every sampled candle is consistent ({@code low <=
 * open, close <= high}). Sampled series have zero volume.
 */
public final class BlockBootstrap {

    private final CandleSeries history;
    private final int blockLength;
    private final double[][] ratios;

    /**
     * {@return a bootstrap of {@code history} in runs of {@code blockLength} candles}
     *
     * @throws IllegalArgumentException if the run length is not between 1 and the number of candles
     */
    public static BlockBootstrap of(CandleSeries history, int blockLength) {
        ParameterChecks.within(
                "BlockBootstrap.blockLength",
                blockLength,
                1,
                history.size(),
                "candles per run; at most the history's length");
        return new BlockBootstrap(history, blockLength);
    }

    private BlockBootstrap(CandleSeries history, int blockLength) {
        this.history = history;
        this.blockLength = blockLength;
        Vector<Candle> c = history.candles();
        ratios = new double[c.size()][4];
        double prevClose = c.head().open().longValueExact();
        for (int i = 0; i < c.size(); i++) {
            Candle k = c.get(i);
            ratios[i][0] = StrictMath.log(k.open().longValueExact() / prevClose);
            ratios[i][1] = StrictMath.log(k.high().longValueExact() / prevClose);
            ratios[i][2] = StrictMath.log(k.low().longValueExact() / prevClose);
            ratios[i][3] = StrictMath.log(k.close().longValueExact() / prevClose);
            prevClose = k.close().longValueExact();
        }
    }

    /** {@return the history being resampled} */
    public CandleSeries history() {
        return history;
    }

    /** {@return the run length, in candles} */
    public int blockLength() {
        return blockLength;
    }

    /**
     * Samples a series of {@code candles} candles, opening at the history's start time with the history's interval and
     * decimals, the first candle's previous close being {@code start}.
     *
     * @param random the only source of randomness; advanced
     */
    public CandleSeries sample(int candles, MarketPrice start, RandomGenerator random) {
        ParameterChecks.within("BlockBootstrap.candles", candles, 1, 100_000_000, "candles to sample");
        MarketPrice s = start.rescale(history.decimals());
        int n = ratios.length;
        Vector<Candle> out = Vector.empty();
        double prevClose = s.units();
        long t = history.startTime();
        while (out.size() < candles) {
            int from = random.nextInt(n - blockLength + 1);
            for (int i = from; i < from + blockLength && out.size() < candles; i++) {
                double[] r = ratios[i];
                long close = round(prevClose * StrictMath.exp(r[3]));
                out = out.append(new Candle(
                        t,
                        I256.of(round(prevClose * StrictMath.exp(r[0]))),
                        I256.of(round(prevClose * StrictMath.exp(r[1]))),
                        I256.of(round(prevClose * StrictMath.exp(r[2]))),
                        I256.of(close),
                        I256.ZERO));
                // chain from the rounded close, so a replayed path and the candles agree exactly
                prevClose = close;
                t += history.intervalSeconds();
            }
        }
        return new CandleSeries(
                "bootstrap(" + history.source() + ", runs of " + blockLength + ")",
                history.decimals(),
                history.intervalSeconds(),
                out,
                Vector.empty());
    }

    /** Samples from a fresh seeded generator; see {@link #sample(int, MarketPrice, RandomGenerator)}. */
    public CandleSeries sample(int candles, MarketPrice start, long seed) {
        return sample(candles, start, Randomness.seeded(seed));
    }

    private static long round(double units) {
        if (!(units < 0x1p63)) {
            throw new ArithmeticException("a resampled price of " + units + " units cannot be held; valid: below 2^63");
        }
        return StrictMath.max(1L, (long) StrictMath.rint(units));
    }
}
