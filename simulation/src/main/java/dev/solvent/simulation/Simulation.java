package dev.solvent.simulation;

import dev.solvent.keeper.chain.KeeperLedger;
import dev.solvent.keeper.chain.Outcome;
import dev.solvent.model.math.I256;
import dev.solvent.model.state.Ledger;
import dev.solvent.model.state.ProtocolState;
import dev.solvent.model.tx.Event;
import dev.solvent.simulation.metrics.BlockRow;
import dev.solvent.simulation.metrics.Deleveraging;
import dev.solvent.simulation.metrics.HealthSample;
import dev.solvent.simulation.metrics.KeeperResult;
import dev.solvent.simulation.metrics.RunResult;
import dev.solvent.simulation.metrics.RunSummary;
import dev.solvent.simulation.metrics.Underwater;
import dev.solvent.simulation.scenario.Scenario;
import dev.solvent.simulation.world.BlockObserver;
import dev.solvent.simulation.world.Setup;
import dev.solvent.simulation.world.World;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.util.function.IntConsumer;

/**
 * Runs a scenario with a seed, block by block, and collects what happened. The same scenario and seed give the same
 * result, byte for byte, on any thread and any machine: every random draw is a function of the seed.
 *
 * {@snippet :
 * Scenario scenario = Scenarios.bundled("march-2020");
 * RunResult result = Simulation.run(scenario, scenario.seed());
 * System.out.println(result.summary().badDebt());
 * }
 */
public final class Simulation {

    private Simulation() {}

    /** {@return the run of a scenario with a seed} */
    public static RunResult run(Scenario scenario, long seed) {
        return run(scenario, seed, BlockObserver.NONE, done -> {});
    }

    /** {@return only the summary of a run}: the pure function sweeps call, locally or on a cluster */
    public static RunSummary summary(Scenario scenario, long seed) {
        return run(scenario, seed).summary();
    }

    /**
     * {@return the run of a scenario with a seed}
     *
     * @param observer sees every block and may stop the run
     * @param progress told the number of blocks done, now and then
     */
    public static RunResult run(Scenario scenario, long seed, BlockObserver observer, IntConsumer progress) {
        Setup setup = Setup.of(scenario, seed);
        observer.start(setup);
        World world = World.start(setup);
        Metrics m = Metrics.start(setup.genesis().insuranceFund().longValueExact());
        String stopped = "";
        while (world.hasNext()) {
            World.Stepped s = world.step();
            m = m.after(s);
            Option<String> stop = observer.afterBlock(s.before(), s.built(), s.context());
            world = s.next();
            if (world.index() % 256 == 0) {
                progress.accept(world.index());
            }
            if (stop.isDefined()) {
                stopped = stop.get();
                break;
            }
        }
        progress.accept(world.index());
        return new RunResult(
                summary(scenario, seed, setup, world, m), setup.keys(), m.rows(), m.samples(), m.events(), stopped);
    }

    /** An auto-deleveraging fill, with the block it happened in. */
    private record Deleveraged(long block, long timestamp, Event.PositionAutoDeleveraged event) {}

    /**
     * What a run has measured so far, block by block: a fold over the world's steps, each block absorbed by
     * {@link #after}.
     */
    private record Metrics(
            Vector<BlockRow> rows,
            Vector<HealthSample> samples,
            Vector<String> events,
            long fundMin,
            boolean exhausted,
            int maxDepth,
            long cascade,
            long delayed,
            long sunk,
            long longestWait,
            long liquidations,
            long volume,
            int maxLiquidatable,
            Underwater underwater,
            Vector<Deleveraged> deleveraged) {

        static Metrics start(long fund) {
            return new Metrics(
                    Vector.empty(),
                    Vector.empty(),
                    Vector.empty(),
                    fund,
                    false,
                    0,
                    0,
                    0,
                    0,
                    0,
                    0,
                    0,
                    0,
                    Underwater.NONE,
                    Vector.empty());
        }

        /** {@return these metrics with block {@code s} absorbed} */
        Metrics after(World.Stepped s) {
            BlockRow row = s.row();
            Ledger l0 = s.before().ledger();
            Ledger l1 = s.built().state().ledger();
            boolean uncovered = l1.socializedLoss().gt(l0.socializedLoss())
                    || l1.badDebt().gt(l0.badDebt())
                    || l1.deleveraged().gt(l0.deleveraged());
            int depth = maxDepth;
            long deeper = 0;
            for (int d : s.cascadeDepths()) {
                depth = Math.max(depth, d);
                deeper += d > 1 ? 1 : 0;
            }
            long wait = longestWait;
            for (int w : s.waits()) {
                wait = Math.max(wait, w);
            }
            Option<HealthSample> sample = s.sample();
            return new Metrics(
                    rows.append(row),
                    samples.appendAll(sample),
                    events.appendAll(s.events()),
                    Math.min(fundMin, row.insuranceFund()),
                    exhausted
                            || (uncovered && !s.built().state().insuranceFund().isPositive()),
                    depth,
                    cascade + deeper,
                    delayed + s.delayed(),
                    sunk + s.liquidatedUnderwater(),
                    wait,
                    liquidations + row.liquidations(),
                    volume + row.liquidationVolume(),
                    Math.max(maxLiquidatable, row.liquidatable()),
                    sample.map(h -> underwater.after(h.block(), s.underwater())).getOrElse(underwater),
                    row.adlFills() > 0 ? deleveraged.appendAll(fills(s)) : deleveraged);
        }

        private static Vector<Deleveraged> fills(World.Stepped s) {
            Vector<Deleveraged> out = Vector.empty();
            for (Outcome o : s.built().outcomes()) {
                if (o instanceof Outcome.Succeeded ok) {
                    for (Event e : ok.receipt().events()) {
                        if (e instanceof Event.PositionAutoDeleveraged d) {
                            out = out.append(
                                    new Deleveraged(s.row().block(), s.row().timestamp(), d));
                        }
                    }
                }
            }
            return out;
        }
    }

    /** {@return the run's summary: the metrics, the ledger at the end and each keeper's results} */
    private static RunSummary summary(Scenario scenario, long seed, Setup setup, World world, Metrics m) {
        ProtocolState end = world.chain().state();
        Vector<KeeperResult> keepers = keeperResults(scenario, world);
        long profit = keepers.map(KeeperResult::netProfit).fold(0L, Long::sum);
        Deleveraging.Tally adl = new Deleveraging.Tally(scenario.protocol().config(), Setup.PRICE_DECIMALS);
        m.deleveraged().forEach(d -> adl.add(d.block(), d.timestamp(), d.event()));
        Ledger ledger = end.ledger();
        I256 uncovered = ledger.socializedLoss().plus(ledger.deleveraged()).plus(ledger.badDebt());
        return new RunSummary(
                scenario.name(),
                seed,
                world.index(),
                scenario.protocol().config().settlement().decimals(),
                setup.traders().size() - setup.skippedCount(),
                m.liquidations(),
                m.volume(),
                m.delayed(),
                m.maxLiquidatable(),
                m.maxDepth(),
                m.cascade(),
                toLong(ledger.shortfallCovered()
                        .plus(ledger.socializedLoss())
                        .plus(ledger.deleveraged())
                        .plus(ledger.badDebt())),
                setup.genesis().insuranceFund().longValueExact(),
                m.fundMin(),
                toLong(end.insuranceFund()),
                m.exhausted(),
                exhausted(m.exhausted(), uncovered, scenario.dust()),
                toLong(uncovered),
                toLong(scenario.dust()),
                toLong(ledger.socializedLoss()),
                toLong(ledger.deleveraged()),
                toLong(ledger.badDebt()),
                m.sunk(),
                m.longestWait(),
                m.underwater().most(),
                m.underwater().accountBlocks(),
                m.underwater().longest(),
                keepers.asJava(),
                profit,
                setup.priceCorrections().asJava(),
                setup.skippedCount(),
                setup.skipped().toJavaMap(java.util.TreeMap::new, t -> t),
                adl.result());
    }

    /** {@return each keeper's results, in the scenario's order} */
    private static Vector<KeeperResult> keeperResults(Scenario scenario, World world) {
        return Vector.ofAll(scenario.keepers()).map(k -> {
            KeeperLedger l = world.chain().ledger(k.name());
            return new KeeperResult(
                    k.name().toString(),
                    k.strategy().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'),
                    l.sent(),
                    l.reverted(),
                    l.liquidations(),
                    l.missed(),
                    toLong(l.gasSpent()),
                    toLong(l.rewards()),
                    toLong(l.netProfit()));
        });
    }

    /**
     * {@return whether a run's fund counts as exhausted}: it ran dry while a loss needed covering, and the losses it
     * left uncovered are more than {@code dust} (a unit of rounding is not an exhausted fund)
     */
    public static boolean exhausted(boolean ranDry, I256 uncovered, I256 dust) {
        return ranDry && uncovered.gt(dust);
    }

    private static long toLong(I256 v) {
        if (v.fitsLong()) {
            return v.longValueExact();
        }
        return v.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
}
