package dev.solvent.benchmarks.oracle;

import dev.solvent.oracle.market.BlockClock;
import dev.solvent.oracle.market.Gbm;
import dev.solvent.oracle.market.MarketPath;
import dev.solvent.oracle.market.MarketPrice;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Generating one million GBM steps (one block each, 12-second blocks, 8-decimal prices): normal draws by the polar
 * method, {@code StrictMath.exp}, rounding to units. Each invocation uses a new seed so no path is reused.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class GbmBenchmark {

    static final int STEPS = 1_000_000;
    static final Gbm GBM = new Gbm(0.05, 0.8);
    static final MarketPrice START = MarketPrice.of(200_000_000_000L, 8);
    static final BlockClock CLOCK = BlockClock.ethereum(0, 1_700_000_000L);

    private long seed;

    /** One million steps from a fresh seed. */
    @Benchmark
    public MarketPath millionSteps() {
        return GBM.generate(START, CLOCK, STEPS, seed++);
    }
}
