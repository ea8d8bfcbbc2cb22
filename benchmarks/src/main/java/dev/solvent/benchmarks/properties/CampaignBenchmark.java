package dev.solvent.benchmarks.properties;

import dev.solvent.properties.campaign.Campaign;
import dev.solvent.properties.campaign.CampaignWorld;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.RandomGenerator;
import net.jqwik.api.sessions.JqwikSession;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Stateful actions per second of the default campaign on one thread: jqwik generates each chain of the standard
 * campaign and runs it with every invariant of the catalogue checked after every step, as the campaign property does.
 * The {@code actions} counter (price moves and transactions) is the figure; {@code chains} is per chain. A second
 * benchmark runs the same chains without invariants, to show what the checks cost.
 *
 * <pre>
 * ./mvnw -q -pl benchmarks -am install -DskipTests
 * ./mvnw -q -pl benchmarks dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
 * java -cp "$(cat benchmarks/target/classpath.txt):benchmarks/target/classes" org.openjdk.jmh.Main CampaignBenchmark
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class CampaignBenchmark {

    private Campaign checked;
    private Campaign unchecked;
    private RandomGenerator<Campaign.Run> checkedChains;
    private RandomGenerator<Campaign.Run> uncheckedChains;
    private Random random;

    /** Creates the benchmark state; JMH does. */
    public CampaignBenchmark() {}

    /** Counts the actions each benchmark invocation ran, reported as a rate. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Actions {
        /** Price moves and transactions run. */
        public long actions;

        /** Creates the counter; JMH does. */
        public Actions() {}

        /** Starts each iteration from zero. */
        @Setup(Level.Iteration)
        public void reset() {
            actions = 0;
        }
    }

    /** Starts a jqwik session, which generating outside a property needs, and the campaigns' generators. */
    @Setup(Level.Trial)
    public void setUp() {
        JqwikSession.start();
        checked = Campaign.standard();
        unchecked = Campaign.standard().withInvariants(io.vavr.collection.Vector.empty());
        checkedChains = checked.runs().generator(1000);
        uncheckedChains = unchecked.runs().generator(1000);
        random = new Random(42);
    }

    /** Ends the jqwik session. */
    @TearDown(Level.Trial)
    public void tearDown() {
        JqwikSession.finish();
    }

    /** {@return the end of one chain of the default campaign, every invariant checked after every step} */
    @Benchmark
    public CampaignWorld campaign(Actions counter) {
        CampaignWorld w = checked.runUnobserved(checkedChains.next(random).value());
        counter.actions += w.tally().transactions() + w.tally().priceMoves();
        return w;
    }

    /** {@return the end of one chain with no invariant checked: generation and the engine alone} */
    @Benchmark
    public CampaignWorld campaignWithoutInvariants(Actions counter) {
        CampaignWorld w = unchecked.runUnobserved(uncheckedChains.next(random).value());
        counter.actions += w.tally().transactions() + w.tally().priceMoves();
        return w;
    }
}
