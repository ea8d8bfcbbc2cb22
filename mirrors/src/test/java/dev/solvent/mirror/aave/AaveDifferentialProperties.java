package dev.solvent.mirror.aave;

import dev.solvent.mirror.harness.AnvilChain;
import io.vavr.control.Either;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
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
 * The Aave differential campaign: random sequences of Pool actions run on the mirror and on the real Pool's bytecode
 * (the test market of aave-v3-origin, v3.3 and v3.7, loaded into anvil), everything observable compared after every
 * step. CI runs a bounded campaign per version; {@code -Dsolvent.conformance=long} runs 10,000 sequences per version.
 * Coverage gates fail the run if too few sequences reach the states that matter: liquidations at both close factors
 * and both ways of receiving collateral, the dust rule's revert, deficits, eMode liquidations, long idle times.
 */
@AddLifecycleHook(AaveDifferentialProperties.NeedsAnvil.class)
class AaveDifferentialProperties {

    /** Sequences between two anvil restarts: a long-lived node slows down as its history grows. */
    private static final int RESTART_EVERY = 400;

    private static final Map<AaveChain.Version, Node> NODES = new EnumMap<>(AaveChain.Version.class);
    private static final AtomicLong SEQUENCES = new AtomicLong();
    private static final AtomicLong ACTIONS = new AtomicLong();
    private static final AtomicLong REVERTS = new AtomicLong();
    private static final AtomicLong LIQUIDATIONS = new AtomicLong();
    private static final AtomicLong DIVERGENCES = new AtomicLong();
    private static long startedAt;
    private static String unavailable;

    /** One version's anvil, its funded market and the snapshot every sequence starts from. */
    private static final class Node {
        final AaveChain.Version version;
        AnvilChain anvil;
        AaveCampaign.Market market;
        String snapshot;
        int sinceRestart;
        long sequences;
        long actions;
        long started = System.nanoTime();

        Node(AaveChain.Version version) {
            this.version = version;
            start();
        }

        void start() {
            anvil = AnvilChain.start().getOrElseThrow(reason -> new AssertionError(reason));
            try {
                market = AaveCampaign.deploy(AaveChain.load(anvil, version));
            } catch (RuntimeException | AssertionError e) {
                // the node is not kept when its market cannot be set up: stop it here
                anvil.close();
                throw e;
            }
            snapshot = anvil.snapshot();
            sinceRestart = 0;
        }
    }

    /** Skips the campaign with the reason when there is no anvil (a failure under CI, as AnvilChain decides). */
    static final class NeedsAnvil implements SkipExecutionHook {
        @Override
        public SkipResult shouldBeSkipped(LifecycleContext context) {
            if (unavailable == null && NODES.isEmpty()) {
                Either<String, AnvilChain> probe = AnvilChain.start();
                if (probe.isLeft()) {
                    unavailable = probe.getLeft();
                } else {
                    probe.get().close();
                    startedAt = System.nanoTime();
                }
            }
            if (unavailable != null) {
                System.err.println("[mirrors] " + unavailable);
                return SkipResult.skip(unavailable);
            }
            return SkipResult.doNotSkip();
        }
    }

    @Property(seed = "20261207")
    void mirrorMatchesAaveV33Bytecode(@ForAll("v33") List<AaveSteps> steps) {
        check(AaveChain.Version.V3_3, steps);
    }

    @Property(seed = "20261208")
    void mirrorMatchesAaveV37Bytecode(@ForAll("v37") List<AaveSteps> steps) {
        check(AaveChain.Version.V3_7, steps);
    }

    @Provide
    Arbitrary<List<AaveSteps>> v33() {
        return AaveSteps.sequences(4, 1, 2);
    }

    @Provide
    Arbitrary<List<AaveSteps>> v37() {
        return AaveSteps.sequences(3, 0, 1);
    }

    private static void check(AaveChain.Version version, List<AaveSteps> steps) {
        Node node = NODES.computeIfAbsent(version, Node::new);
        if (node.sinceRestart >= RESTART_EVERY) {
            node.anvil.close();
            node.start();
        }
        node.anvil.revert(node.snapshot);
        node.snapshot = node.anvil.snapshot();
        node.sinceRestart++;
        AaveCampaign.Outcome o;
        try {
            o = AaveCampaign.run(node.market, steps);
        } catch (AssertionError divergence) {
            DIVERGENCES.incrementAndGet();
            throw divergence;
        }
        node.sequences++;
        node.actions += o.actions();
        SEQUENCES.incrementAndGet();
        ACTIONS.addAndGet(o.actions());
        REVERTS.addAndGet(o.reverts());
        LIQUIDATIONS.addAndGet(o.liquidations());
        Statistics.label("liquidation, close factor 50%").collect(o.closeFactorHalf());
        Statistics.label("liquidation, close factor 100%").collect(o.closeFactorFull());
        Statistics.label("liquidation receiving aTokens").collect(o.receiveATokens());
        Statistics.label("liquidation receiving the underlying").collect(o.receiveUnderlying());
        Statistics.label("MUST_NOT_LEAVE_DUST revert").collect(o.dustRevert());
        Statistics.label("deficit created").collect(o.deficitCreated());
        Statistics.label("eMode liquidation").collect(o.eModeLiquidation());
        Statistics.label("idle 30 days or more").collect(o.longIdle());
        gate("liquidation, close factor 50%", 3.0);
        gate("liquidation, close factor 100%", 10.0);
        gate("liquidation receiving aTokens", 5.0);
        gate("liquidation receiving the underlying", 5.0);
        gate("MUST_NOT_LEAVE_DUST revert", 1.0);
        gate("deficit created", 3.0);
        gate("eMode liquidation", 1.0);
        gate("idle 30 days or more", 5.0);
    }

    private static void gate(String label, double percent) {
        Statistics.label(label).coverage(c -> c.check(true).percentage(p -> p >= percent));
    }

    @AfterContainer
    static void report() throws IOException {
        if (NODES.isEmpty()) {
            return;
        }
        StringBuilder lines = new StringBuilder();
        for (Node n : NODES.values()) {
            n.anvil.close();
            lines.append(String.format(
                    "aave %s conformance: %d sequences passed, %d actions, %.1f s%n",
                    n.version.folder(), n.sequences, n.actions, (System.nanoTime() - n.started) / 1e9));
        }
        NODES.clear();
        long calls = AaveCampaign.TIMED_CALLS.get();
        lines.append(String.format(
                "aave conformance: %d sequences passed, %d actions (%d reverts compared), %d liquidations, %d sequences"
                        + " diverged (each a failure above), %.1f s; the same"
                        + " %d calls: mirror %.0f calls/s, anvil %.0f calls/s (cold, inside the campaign; JMH"
                        + " AaveBenchmark gives the mirror's warm figure)%n",
                SEQUENCES.get(),
                ACTIONS.get(),
                REVERTS.get(),
                LIQUIDATIONS.get(),
                DIVERGENCES.get(),
                (System.nanoTime() - startedAt) / 1e9,
                calls,
                calls / (AaveCampaign.MIRROR_NANOS.get() / 1e9),
                calls / (AaveCampaign.CHAIN_NANOS.get() / 1e9)));
        System.out.print(lines);
        Path out = Path.of("target", "conformance-aave.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, lines.toString());
    }
}
