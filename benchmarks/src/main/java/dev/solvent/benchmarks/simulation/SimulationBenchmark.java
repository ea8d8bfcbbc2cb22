package dev.solvent.benchmarks.simulation;

import dev.solvent.simulation.Simulation;
import dev.solvent.simulation.metrics.RunSummary;
import dev.solvent.simulation.scenario.Scenario;
import dev.solvent.simulation.scenario.Scenarios;
import dev.solvent.simulation.sweep.CellResult;
import dev.solvent.simulation.sweep.LocalSweep;
import dev.solvent.simulation.sweep.Sweep;
import dev.solvent.simulation.sweep.SweepReader;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Whole simulation runs, each a single shot: the default scenario end to end (March 2020, 10,000 traders, 28,800
 * blocks), a 30-day horizon with 10,000 traders at 12-second blocks (216,000 blocks of the jump-diffusion stress), and
 * a sweep of 100 small runs on 1 and on 2 threads.
 *
 * <p>{@code java -jar benchmarks/target/benchmarks.jar SimulationBenchmark -f 1}
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx8g"})
@Warmup(iterations = 1)
@Measurement(iterations = 2)
@State(Scope.Benchmark)
public class SimulationBenchmark {

    @Param({"1", "2"})
    public int threads;

    Scenario defaultScenario;
    Scenario thirtyDays;
    Sweep sweep;

    @Setup(Level.Trial)
    public void setUp() {
        defaultScenario = Scenarios.bundled(Scenarios.DEFAULT);
        thirtyDays = Scenarios.load(
                "jump-stress",
                Map.of(
                        "traders.count",
                        "10000",
                        "blocks",
                        "216000",
                        "sampleEvery",
                        "1800",
                        "prices.ETH/USD.shocks.0.atBlock",
                        "100000"));
        sweep = SweepReader.parse("bench-sweep.yaml", """
                scenario: jump-stress
                seed: 1
                runs: 25
                set: {traders.count: "500", blocks: "1800"}
                grid:
                  protocol.insuranceFund: ["50000", "500000"]
                  protocol.markets.ETH-PERP.maintenanceMargin: ["0.02", "0.03"]
                """, null);
    }

    /** The default scenario, from reading its prices to the summary; run once per iteration with threads = 1. */
    @Benchmark
    public RunSummary defaultScenario() {
        if (threads != 1) {
            return null;
        }
        return Simulation.summary(defaultScenario, defaultScenario.seed());
    }

    /** 216,000 blocks with 10,000 traders. */
    @Benchmark
    @Measurement(iterations = 1)
    @Warmup(iterations = 0)
    public RunSummary thirtyDays() {
        if (threads != 1) {
            return null;
        }
        return Simulation.summary(thirtyDays, thirtyDays.seed());
    }

    /** 100 runs (4 points x 25 seeds) of 500 traders over 1,800 blocks, on {@code threads} threads. */
    @Benchmark
    public List<CellResult> sweep100() {
        return LocalSweep.run(sweep, threads, null, r -> {});
    }
}
