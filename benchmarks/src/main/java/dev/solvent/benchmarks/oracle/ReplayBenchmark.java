package dev.solvent.benchmarks.oracle;

import dev.solvent.model.math.I256;
import dev.solvent.oracle.history.Candle;
import dev.solvent.oracle.history.CandleSeries;
import dev.solvent.oracle.history.HistoricalReplay;
import dev.solvent.oracle.history.Interpolation;
import dev.solvent.oracle.market.BlockClock;
import dev.solvent.oracle.market.Gbm;
import dev.solvent.oracle.market.MarketPath;
import dev.solvent.oracle.market.MarketPrice;
import io.vavr.collection.Vector;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Replaying one year of 1-minute candles (525,600) into 12-second blocks (2,628,000). The year is synthesized once: a
 * GBM at 15-second steps, four steps per candle giving open, high, low and close.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = "-Xmx4g")
public class ReplayBenchmark {

    static final int MINUTES_PER_YEAR = 365 * 24 * 60;

    @Param({"OHLC_PATH", "LINEAR_CLOSES"})
    public Interpolation interpolation;

    private CandleSeries year;

    /** Synthesizes the year of candles. */
    @Setup
    public void synthesize() {
        long start = 1_672_531_200L; // 2023-01-01T00:00:00Z
        MarketPath quarterMinutes = new Gbm(0, 0.8)
                .generate(MarketPrice.of(200_000_000_000L, 8), new BlockClock(0, start, 15), 4 * MINUTES_PER_YEAR, 7L);
        long[] u = quarterMinutes.toUnitArray();
        List<Candle> candles = new ArrayList<>(MINUTES_PER_YEAR);
        for (int m = 0; m < MINUTES_PER_YEAR; m++) {
            long open = u[4 * m];
            long close = u[4 * m + 4];
            long high = Math.max(Math.max(open, close), Math.max(u[4 * m + 1], Math.max(u[4 * m + 2], u[4 * m + 3])));
            long low = Math.min(Math.min(open, close), Math.min(u[4 * m + 1], Math.min(u[4 * m + 2], u[4 * m + 3])));
            candles.add(
                    new Candle(start + 60L * m, I256.of(open), I256.of(high), I256.of(low), I256.of(close), I256.ONE));
        }
        year = new CandleSeries("synthetic year", 8, 60, Vector.ofAll(candles), Vector.empty());
    }

    /** The year into 2,628,000 blocks of 12 seconds. */
    @Benchmark
    public MarketPath yearIntoTwelveSecondBlocks() {
        return HistoricalReplay.replay(year, 16_000_000, 12, interpolation);
    }
}
