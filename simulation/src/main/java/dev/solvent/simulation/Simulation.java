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
        Vector<BlockRow> rows = Vector.empty();
        Vector<HealthSample> samples = Vector.empty();
        Vector<String> events = Vector.empty();
        long fundMin = setup.genesis().insuranceFund().longValueExact();
        boolean exhausted = false;
        int maxDepth = 0;
        long cascade = 0;
        long delayed = 0;
        long sunk = 0;
        long longestWait = 0;
        long liquidations = 0;
        long volume = 0;
        int maxLiquidatable = 0;
        Underwater underwater = Underwater.NONE;
        Deleveraging.Tally adl = new Deleveraging.Tally(scenario.protocol().config(), Setup.PRICE_DECIMALS);
        String stopped = "";
        while (world.hasNext()) {
            World.Stepped s = world.step();
            rows = rows.append(s.row());
            events = events.appendAll(s.events());
            fundMin = Math.min(fundMin, s.row().insuranceFund());
            Ledger l0 = s.before().ledger();
            Ledger l1 = s.built().state().ledger();
            boolean uncovered = l1.socializedLoss().gt(l0.socializedLoss())
                    || l1.badDebt().gt(l0.badDebt())
                    || l1.deleveraged().gt(l0.deleveraged());
            exhausted |= uncovered && !s.built().state().insuranceFund().isPositive();
            for (int d : s.cascadeDepths()) {
                maxDepth = Math.max(maxDepth, d);
                if (d > 1) {
                    cascade++;
                }
            }
            delayed += s.delayed();
            sunk += s.liquidatedUnderwater();
            for (int w : s.waits()) {
                longestWait = Math.max(longestWait, w);
            }
            liquidations += s.row().liquidations();
            volume += s.row().liquidationVolume();
            maxLiquidatable = Math.max(maxLiquidatable, s.row().liquidatable());
            if (s.row().adlFills() > 0) {
                for (Outcome o : s.built().outcomes()) {
                    if (o instanceof Outcome.Succeeded ok) {
                        for (Event e : ok.receipt().events()) {
                            if (e instanceof Event.PositionAutoDeleveraged d) {
                                adl.add(s.row().block(), s.row().timestamp(), d);
                            }
                        }
                    }
                }
            }
            if (s.sample().isDefined()) {
                HealthSample h = s.sample().get();
                samples = samples.append(h);
                underwater = underwater.after(h.block(), s.underwater());
            }
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
        ProtocolState end = world.chain().state();
        Vector<KeeperResult> keepers = Vector.empty();
        long profit = 0;
        for (Scenario.KeeperSpec k : scenario.keepers()) {
            KeeperLedger l = world.chain().ledger(k.name());
            keepers = keepers.append(new KeeperResult(
                    k.name().toString(),
                    k.strategy().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'),
                    l.sent(),
                    l.reverted(),
                    l.liquidations(),
                    l.missed(),
                    toLong(l.gasSpent()),
                    toLong(l.rewards()),
                    toLong(l.netProfit())));
            profit += toLong(l.netProfit());
        }
        Ledger ledger = end.ledger();
        I256 uncovered = ledger.socializedLoss().plus(ledger.deleveraged()).plus(ledger.badDebt());
        RunSummary summary = new RunSummary(
                scenario.name(),
                seed,
                world.index(),
                scenario.protocol().config().settlement().decimals(),
                setup.traders().size() - setup.skippedCount(),
                liquidations,
                volume,
                delayed,
                maxLiquidatable,
                maxDepth,
                cascade,
                toLong(ledger.shortfallCovered()
                        .plus(ledger.socializedLoss())
                        .plus(ledger.deleveraged())
                        .plus(ledger.badDebt())),
                setup.genesis().insuranceFund().longValueExact(),
                fundMin,
                toLong(end.insuranceFund()),
                exhausted,
                exhausted(exhausted, uncovered, scenario.dust()),
                toLong(uncovered),
                toLong(scenario.dust()),
                toLong(ledger.socializedLoss()),
                toLong(ledger.deleveraged()),
                toLong(ledger.badDebt()),
                sunk,
                longestWait,
                underwater.most(),
                underwater.accountBlocks(),
                underwater.longest(),
                keepers.asJava(),
                profit,
                setup.priceCorrections().asJava(),
                setup.skippedCount(),
                setup.skipped().toJavaMap(java.util.TreeMap::new, t -> t),
                adl.result());
        return new RunResult(summary, setup.keys(), rows, samples, events, stopped);
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
