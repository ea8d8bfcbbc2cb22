package dev.solvent.simulation.lending;

import dev.solvent.model.protocol.Block;
import dev.solvent.model.protocol.Protocol;
import dev.solvent.model.protocol.Quantity;
import dev.solvent.simulation.metrics.HealthSample;
import dev.solvent.simulation.protocol.LendingMarket;
import dev.solvent.simulation.protocol.Markets;
import dev.solvent.simulation.scenario.LendingScenario;
import io.vavr.collection.TreeMap;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Locale;

/**
 * Runs a lending scenario block by block on the protocol it names, through the protocol contract only. Each block:
 * the market moves along the exogenous paths (the same price files and generators as the engine's runs), each price
 * key's push oracle updates by its rules, traders whose health fell act (supply more collateral or repay), the
 * keepers ask the protocol for the liquidation moves of every liquidatable account and make the one with the best
 * gain (or, when no move pays by itself, the move that opens the best paying one, then that one), and the block's
 * metrics are read. The same scenario and seed give the same result, byte for byte.
 *
 * {@snippet :
 * LendingScenario scenario = Scenarios.bundledLending("aave-may-2021");
 * LendingResult result = LendingSimulation.run(scenario, scenario.seed());
 * }
 */
public final class LendingSimulation {

    private LendingSimulation() {}

    /** {@return the run of a lending scenario with a seed, on the protocol it names} */
    public static LendingResult run(LendingScenario scenario, long seed) {
        return run(Markets.of(scenario), scenario, seed);
    }

    /** {@return the run of a lending scenario with a seed, on {@code market}} */
    public static <S, C> LendingResult run(LendingMarket<S, C> market, LendingScenario scenario, long seed) {
        LendingSetup<S, C> setup = LendingSetup.of(market, scenario, seed);
        LendingWorld<S, C> world = LendingWorld.start(setup);
        Tally tally = Tally.empty(setup.keeperAccounts().size());
        while (world.hasNext()) {
            LendingWorld.Stepped<S, C> stepped = world.step();
            tally = tally.absorb(stepped);
            world = stepped.next();
        }
        return tally.result(world);
    }

    /**
     * The run's metrics so far, a fold over its blocks.
     *
     * @param rows one per block
     * @param samples the health snapshots
     * @param events the notable events
     * @param keepers each keeper's results, in the scenario's order
     */
    private record Tally(
            Vector<LendingRow> rows,
            Vector<HealthSample> samples,
            Vector<String> events,
            Vector<LendingWorld.KeeperTally> keepers) {

        static Tally empty(int keepers) {
            return new Tally(
                    Vector.empty(),
                    Vector.empty(),
                    Vector.empty(),
                    Vector.fill(keepers, LendingWorld.KeeperTally.ZERO));
        }

        Tally absorb(LendingWorld.Stepped<?, ?> s) {
            return new Tally(
                    rows.append(s.row()),
                    samples.appendAll(s.sample()),
                    events.appendAll(s.events()),
                    keepers.zipWith(s.keepers(), LendingWorld.KeeperTally::plus));
        }

        <S, C> LendingResult result(LendingWorld<S, C> end) {
            LendingSetup<S, C> setup = end.setup();
            LendingScenario sc = setup.scenario();
            Protocol<S, C> protocol = setup.protocol();
            Vector<LendingSummary.KeeperLine> lines = Vector.empty();
            for (int k = 0; k < keepers.size(); k++) {
                LendingScenario.Keeper keeper = sc.keepers().get(k);
                LendingWorld.KeeperTally t = keepers.get(k);
                lines = lines.append(new LendingSummary.KeeperLine(
                        keeper.name(),
                        keeper.strategy().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                        t.liquidations(),
                        t.reverted(),
                        t.gain()));
            }
            LendingSummary summary = new LendingSummary(
                    sc.name(),
                    protocol.name(),
                    protocol.valueUnit(),
                    setup.seed(),
                    setup.paths().blocks(),
                    setup.traders().size(),
                    setup.skipped(),
                    rows.map(r -> (long) r.liquidations()).sum().longValue(),
                    rows.foldLeft(BigInteger.ZERO, (a, r) -> a.add(r.debtRepaid())),
                    rows.foldLeft(BigInteger.ZERO, (a, r) -> a.add(r.keeperGain())),
                    rows.map(LendingRow::liquidatable).fold(0, Math::max),
                    rows.map(LendingRow::underwater).fold(0, Math::max),
                    rows.map(r -> (long) r.traderCalls()).sum().longValue(),
                    rows.lastOption().map(LendingRow::losses).getOrElse(BigInteger.ZERO),
                    rows.foldLeft(BigInteger.ZERO, (a, r) -> a.max(r.losses())),
                    TreeMap.ofEntries(protocol.quantities(end.state(), end.last())),
                    TreeMap.ofEntries(protocol.totals(end.state(), end.last())),
                    lines,
                    setup.paths().corrections());
            return new LendingResult(
                    summary,
                    setup.paths().keys(),
                    setup.quantityNames(),
                    TreeMap.ofEntries(setup.openingQuantities()),
                    setup.totalNames(),
                    rows,
                    samples,
                    events);
        }
    }

    /** {@return {@code value} (8-decimal USD) in base units of the reserve at the block's price, rounded as asked} */
    static BigInteger units(BigInteger value, Block block, LendingScenario.Reserve r, boolean up) {
        BigInteger price = block.price(r.asset()).get().scaledTo(LendingSummary.VALUE_DECIMALS);
        BigInteger n = value.multiply(BigInteger.TEN.pow(r.decimals()));
        BigInteger[] qr = n.divideAndRemainder(price);
        return up && qr[1].signum() != 0 ? qr[0].add(BigInteger.ONE) : qr[0];
    }

    /** {@return a quantity's value at the block's price of its unit, if the block prices it} */
    static Option<BigInteger> valued(Quantity q, Block block) {
        return block.price(q.unit())
                .map(p -> q.amount()
                        .multiply(p.scaledTo(LendingSummary.VALUE_DECIMALS))
                        .divide(BigInteger.TEN.pow(q.decimals())));
    }

    /** {@return a value (8 decimals) as an exact decimal} */
    static String value(BigInteger v) {
        return new BigDecimal(v, LendingSummary.VALUE_DECIMALS).toPlainString();
    }
}
