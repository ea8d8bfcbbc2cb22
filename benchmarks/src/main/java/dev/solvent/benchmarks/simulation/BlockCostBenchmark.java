package dev.solvent.benchmarks.simulation;

import dev.solvent.simulation.scenario.Scenario;
import dev.solvent.simulation.scenario.Scenarios;
import dev.solvent.simulation.world.World;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of one calm block (a random-walk market, no shock, traders trading at their usual rates, keepers scanning)
 * with 1,000 and with 10,000 trader accounts, setup excluded: it should grow with what changes in a block, not with
 * the number of accounts. Health snapshots, which look at every account, are taken every 300 blocks and included.
 *
 * <p>{@code java -jar benchmarks/target/benchmarks.jar BlockCostBenchmark -f 1}
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx8g"})
@Warmup(iterations = 3)
@Measurement(iterations = 8)
@State(Scope.Benchmark)
public class BlockCostBenchmark {

    static final int BLOCKS = 600;

    @Param({"1000", "10000"})
    public int accounts;

    dev.solvent.simulation.world.Setup setup;
    World world;

    @Setup(Level.Trial)
    public void build() {
        Scenario calm = Scenarios.load(
                "jump-stress",
                Map.of(
                        "traders.count", Integer.toString(accounts),
                        "blocks", "7200",
                        "prices.ETH/USD.generator.type", "gbm",
                        "prices.BTC/USD.generator.type", "gbm",
                        "prices.ETH/USD.shocks.0.bps", "1"));
        setup = dev.solvent.simulation.world.Setup.of(calm, calm.seed());
    }

    /** A fresh world, stepped past its first blocks, where every keeper builds its index over all accounts once. */
    @Setup(Level.Iteration)
    public void start() {
        world = World.start(setup);
        for (int i = 0; i < 10; i++) {
            world = world.step().next();
        }
    }

    /** {@code BLOCKS} blocks after the first ten; the score is per block. */
    @Benchmark
    @OperationsPerInvocation(BLOCKS)
    public World blocks() {
        World w = world;
        for (int i = 0; i < BLOCKS && w.hasNext(); i++) {
            w = w.step().next();
        }
        world = w;
        return w;
    }
}
