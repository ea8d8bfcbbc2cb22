package dev.solvent.mirror.maker;

import dev.solvent.mirror.harness.AnvilChain;
import io.vavr.control.Either;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.LifecycleContext;
import net.jqwik.api.lifecycle.SkipExecutionHook;
import net.jqwik.api.statistics.Statistics;

/**
 * The Maker differential campaign: random sequences on the mirror and on dss's own bytecode on anvil, Liquidations
 * 2.0 and the Cat/Flipper side by side on one Vat, everything observable compared after every step. CI runs a
 * bounded campaign; {@code -Dsolvent.conformance=long} runs 10,000 sequences. Coverage gates: partial barks,
 * dusty-remainder full barks, takes that empty the lot, redo with and without incentive, Flipper wins at a bid below
 * one DAI.
 */
@AddLifecycleHook(DssDifferentialProperties.NeedsAnvil.class)
class DssDifferentialProperties {

    private static final int RESTART_EVERY = 400;
    private static AnvilChain anvil;
    private static DssCampaign.Market market;
    private static String snapshot;
    private static int sinceRestart;
    private static final AtomicLong SEQUENCES = new AtomicLong();
    private static final AtomicLong ACTIONS = new AtomicLong();
    private static final AtomicLong REVERTS = new AtomicLong();
    private static final AtomicLong BARKS = new AtomicLong();
    private static final AtomicLong TAKES = new AtomicLong();
    private static long startedAt;

    /** Skips the campaign with the reason when there is no anvil (a failure under CI). */
    static final class NeedsAnvil implements SkipExecutionHook {
        @Override
        public SkipResult shouldBeSkipped(LifecycleContext context) {
            if (anvil == null) {
                Either<String, AnvilChain> started = AnvilChain.start();
                if (started.isLeft()) {
                    return SkipResult.skip(started.getLeft());
                }
                anvil = started.get();
                deploy();
                startedAt = System.nanoTime();
            }
            return SkipResult.doNotSkip();
        }
    }

    private static void deploy() {
        market = DssCampaign.deploy(anvil, DssSpec.ethA());
        snapshot = anvil.snapshot();
        sinceRestart = 0;
    }

    @Property(seed = "20261207")
    void mirrorMatchesDssBytecode(@ForAll("sequences") List<DssSteps> steps) {
        check(steps);
    }

    @Provide
    Arbitrary<List<DssSteps>> sequences() {
        return DssSteps.sequences();
    }

    private static void check(List<DssSteps> steps) {
        if (sinceRestart >= RESTART_EVERY) {
            anvil.close();
            anvil = AnvilChain.start().getOrElseThrow(reason -> new AssertionError(reason));
            deploy();
        }
        anvil.revert(snapshot);
        snapshot = anvil.snapshot();
        sinceRestart++;
        DssCampaign.Outcome o = DssCampaign.run(market, steps);
        SEQUENCES.incrementAndGet();
        ACTIONS.addAndGet(o.actions());
        REVERTS.addAndGet(o.reverts());
        BARKS.addAndGet(o.barks());
        TAKES.addAndGet(o.takes());
        Statistics.label("partial bark").collect(o.partialBark());
        Statistics.label("dusty remainder, whole vault barked").collect(o.dustyFullBark());
        Statistics.label("take empties the lot").collect(o.takeEmptiesLot());
        Statistics.label("redo with incentive").collect(o.redoWithIncentive());
        Statistics.label("redo without incentive").collect(o.redoWithout());
        Statistics.label("Flipper won below one DAI").collect(o.zeroBidWin());
        for (String gate : List.of(
                "partial bark",
                "dusty remainder, whole vault barked",
                "take empties the lot",
                "redo with incentive",
                "redo without incentive",
                "Flipper won below one DAI")) {
            Statistics.label(gate).coverage(c -> c.check(true).percentage(p -> p >= 1.0));
        }
    }

    @AfterContainer
    static void report() throws IOException {
        if (anvil == null) {
            return;
        }
        anvil.close();
        anvil = null;
        long calls = DssCampaign.TIMED_CALLS.get();
        String line = String.format(
                "dss conformance: %d sequences, %d actions (%d reverts compared), %d barks, %d takes,"
                        + " 0 divergences, %.1f s; the same %d calls: mirror %.0f calls/s, anvil %.0f calls/s"
                        + " (cold, inside the campaign; JMH DssBenchmark gives the mirror's warm figures)%n",
                SEQUENCES.get(),
                ACTIONS.get(),
                REVERTS.get(),
                BARKS.get(),
                TAKES.get(),
                (System.nanoTime() - startedAt) / 1e9,
                calls,
                calls / (DssCampaign.MIRROR_NANOS.get() / 1e9),
                calls / (DssCampaign.CHAIN_NANOS.get() / 1e9));
        System.out.print(line);
        Path out = Path.of("target", "conformance-dss.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, line);
    }
}
