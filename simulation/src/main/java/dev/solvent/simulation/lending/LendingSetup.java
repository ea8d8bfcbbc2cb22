package dev.solvent.simulation.lending;

import dev.solvent.model.math.I256;
import dev.solvent.model.protocol.Block;
import dev.solvent.model.protocol.Executed;
import dev.solvent.model.protocol.Protocol;
import dev.solvent.model.protocol.Quantity;
import dev.solvent.model.protocol.Rejected;
import dev.solvent.model.tx.OracleAnswer;
import dev.solvent.oracle.feed.PushFeed;
import dev.solvent.simulation.protocol.LendingMarket;
import dev.solvent.simulation.protocol.Markets;
import dev.solvent.simulation.scenario.LendingScenario;
import dev.solvent.simulation.scenario.ScenarioException;
import dev.solvent.simulation.world.Rng;
import dev.solvent.simulation.world.Setup;
import io.vavr.Tuple2;
import io.vavr.collection.SortedMap;
import io.vavr.collection.TreeMap;
import io.vavr.collection.Vector;
import io.vavr.control.Either;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.random.RandomGenerator;

/**
 * The fixed parts of a lending run: the scenario on its market, the price paths and oracle, and the market at the
 * opening, with its depositor, keepers and the traders whose loans opened. {@link LendingWorld#start} steps it.
 *
 * @param market the market the run is on
 * @param scenario the scenario
 * @param seed the seed
 * @param paths the price paths and the clock
 * @param feed the push oracle of every price key
 * @param names each participant's name, by account
 * @param keeperAccounts the keepers' accounts, in the scenario's order
 * @param traders the traders whose opening went through, in draw order
 * @param byAccount the same traders by account
 * @param skipped traders left out, by reason
 * @param opening the block before the first, at the opening prices
 * @param genesis the market's state after the opening
 * @param openingQuantities the protocol's quantities at the opening
 * @param quantityNames the names of those quantities, in order
 * @param totalNames the assets of the protocol's totals, in order
 * @param <S> the protocol's state
 * @param <C> the protocol's calls
 */
public record LendingSetup<S, C>(
        LendingMarket<S, C> market,
        LendingScenario scenario,
        long seed,
        Setup.Paths paths,
        PushFeed feed,
        TreeMap<String, String> names,
        Vector<String> keeperAccounts,
        Vector<LendingSetup.Trader> traders,
        TreeMap<String, LendingSetup.Trader> byAccount,
        TreeMap<String, Integer> skipped,
        Block opening,
        S genesis,
        SortedMap<String, Quantity> openingQuantities,
        Vector<String> quantityNames,
        Vector<String> totalNames) {

    /** The first participant numbers: the depositor, then the keepers; traders from {@link #FIRST_TRADER}. */
    static final int DEPOSITOR = 1;

    static final int FIRST_TRADER = 1_000;

    private static final BigInteger TEN_THOUSAND = BigInteger.valueOf(10_000);

    /**
     * One lending trader as drawn: its account, the loan-to-value it opened at, its collateral's value and which
     * asset that is.
     *
     * @param name its name
     * @param account its account
     * @param ltvBps the loan-to-value it opened at
     * @param size its collateral's value
     * @param collateral the collateral asset
     */
    public record Trader(String name, String account, int ltvBps, BigInteger size, String collateral) {}

    /** {@return the setup of a lending scenario with a seed, on the protocol it names} */
    public static LendingSetup<?, ?> of(LendingScenario scenario, long seed) {
        return of(Markets.of(scenario), scenario, seed);
    }

    /** {@return the setup of a lending scenario with a seed, on {@code market}} */
    public static <S, C> LendingSetup<S, C> of(LendingMarket<S, C> market, LendingScenario scenario, long seed) {
        return new Opening<>(market, scenario, seed).setup();
    }

    /** {@return the protocol the market runs} */
    public Protocol<S, C> protocol() {
        return market.protocol();
    }

    /** {@return the reserve the traders borrow} */
    LendingScenario.Reserve debt() {
        return scenario.reserves().get(scenario.traders().borrow()).get();
    }

    /** {@return a participant's name, or the account itself when it has none} */
    String nameOf(String account) {
        return names.get(account).getOrElse(account);
    }

    /** {@return a block whose prices are each reserve's answer, named by the reserve's asset} */
    Block block(long number, long timestamp, TreeMap<String, OracleAnswer> answers) {
        return block(scenario, number, timestamp, answers);
    }

    private static Block block(
            LendingScenario scenario, long number, long timestamp, TreeMap<String, OracleAnswer> answers) {
        TreeMap<String, Block.Price> prices = TreeMap.empty();
        for (LendingScenario.Reserve r : scenario.reserves().values()) {
            OracleAnswer a = answers.get(r.priceKey()).getOrNull();
            if (a != null) {
                prices = prices.put(r.asset(), new Block.Price(a.answer().toBigInteger(), a.decimals(), a.updatedAt()));
            }
        }
        return Block.of(number, timestamp, prices);
    }

    /** {@return the state after every call, or the first revert (all or nothing, as one transaction)} */
    Either<Rejected, S> all(S state, Vector<C> calls, Block block) {
        return all(protocol(), state, calls, block);
    }

    private static <S, C> Either<Rejected, S> all(Protocol<S, C> protocol, S state, Vector<C> calls, Block block) {
        S s = state;
        for (C call : calls) {
            Either<Rejected, Executed<S>> r = protocol.execute(s, call, block);
            if (r.isLeft()) {
                return Either.left(r.getLeft());
            }
            s = r.get().state();
        }
        return Either.right(s);
    }

    /** Builds the opening; confined to {@link #of}, its fields are its only variables. */
    private static final class Opening<S, C> {
        private final LendingMarket<S, C> market;
        private final LendingScenario sc;
        private final long seed;
        private final Setup.Paths paths;
        private final PushFeed feed;
        private TreeMap<String, String> names = TreeMap.empty();
        private S state;
        private Block b0;
        private Vector<String> keeperAccounts = Vector.empty();
        private Vector<Trader> traders = Vector.empty();
        private TreeMap<String, Integer> skipped = TreeMap.empty();

        Opening(LendingMarket<S, C> market, LendingScenario sc, long seed) {
            this.market = market;
            this.sc = sc;
            this.seed = seed;
            this.paths = Setup.paths(sc.prices(), sc.chain(), sc.blocks(), seed);
            this.feed = PushFeed.chainlink(
                    Setup.PRICE_DECIMALS,
                    sc.oracle().deviationBps(),
                    sc.oracle().heartbeatSeconds(),
                    sc.oracle().latencyBlocks());
        }

        LendingSetup<S, C> setup() {
            var clock = paths.clock();
            Vector<String> keys = paths.keys();
            long t0 = clock.firstTimestamp() - clock.secondsPerBlock();
            TreeMap<String, OracleAnswer> opening = TreeMap.empty();
            for (int k = 0; k < keys.size(); k++) {
                opening = opening.put(
                        keys.get(k), new OracleAnswer(I256.of(paths.exogenous().get(k)[0]), Setup.PRICE_DECIMALS, t0));
            }
            b0 = block(sc, clock.firstBlock() - 1, t0, opening);
            state = market.genesis(t0);
            depositorAndKeepers();
            openLoans();
            Protocol<S, C> protocol = market.protocol();
            SortedMap<String, Quantity> q0 = protocol.quantities(state, b0);
            return new LendingSetup<>(
                    market,
                    sc,
                    seed,
                    paths,
                    feed,
                    names,
                    keeperAccounts,
                    traders,
                    TreeMap.ofEntries(traders.map(t -> new Tuple2<>(t.account(), t))),
                    skipped,
                    b0,
                    state,
                    q0,
                    q0.keySet().toVector(),
                    protocol.totals(state, b0).keySet().toVector());
        }

        private String participant(int number, String name) {
            String account = market.account(number);
            names = names.put(account, name);
            return account;
        }

        /** The market, its depositor's liquidity and the keepers' tokens. */
        private void depositorAndKeepers() {
            String depositor = participant(DEPOSITOR, "depositor");
            for (LendingScenario.Reserve r : sc.reserves().values()) {
                if (r.liquidity().isPositive()) {
                    BigInteger amount = r.liquidity().toBigInteger();
                    String field = "market.reserves." + r.asset() + ".liquidity";
                    state = must(market.receive(depositor, r.asset(), amount), field);
                    state = must(Vector.of(market.supply(depositor, r.asset(), amount)), field);
                }
            }
            for (int k = 0; k < sc.keepers().size(); k++) {
                LendingScenario.Keeper keeper = sc.keepers().get(k);
                String account = participant(DEPOSITOR + 1 + k, keeper.name());
                keeperAccounts = keeperAccounts.append(account);
                for (Tuple2<String, I256> c : keeper.capital()) {
                    if (c._2.isPositive()) {
                        state = must(
                                market.receive(account, c._1, c._2.toBigInteger()),
                                "keepers." + k + ".capital." + c._1);
                    }
                }
            }
        }

        /** The traders open their loans at the opening prices. */
        private void openLoans() {
            LendingScenario.Traders spec = sc.traders();
            LendingScenario.Reserve debt = sc.reserves().get(spec.borrow()).get();
            for (int i = 0; i < spec.count(); i++) {
                Trader t = draw(i, spec);
                LendingScenario.Reserve collateral =
                        sc.reserves().get(t.collateral()).get();
                BigInteger supplied = LendingSimulation.units(t.size(), b0, collateral, false);
                BigInteger borrowed = LendingSimulation.units(
                        t.size().multiply(BigInteger.valueOf(t.ltvBps())).divide(TEN_THOUSAND), b0, debt, false);
                if (supplied.signum() == 0 || borrowed.signum() == 0) {
                    skip("size rounds to 0 base units at the opening prices");
                    continue;
                }
                Vector<C> calls = market.receive(t.account(), collateral.asset(), supplied)
                        .append(market.supply(t.account(), collateral.asset(), supplied))
                        .append(market.borrow(t.account(), debt.asset(), borrowed));
                Either<Rejected, S> opened = all(market.protocol(), state, calls, b0);
                if (opened.isLeft()) {
                    skip("opening reverted: " + opened.getLeft().reason());
                    continue;
                }
                state = opened.get();
                traders = traders.append(t);
            }
        }

        private void skip(String reason) {
            skipped = skipped.put(reason, skipped.get(reason).getOrElse(0) + 1);
        }

        /** {@return trader {@code i} as the seed draws it: loan-to-value uniform in whole bps, size log-normal} */
        private Trader draw(int i, LendingScenario.Traders spec) {
            RandomGenerator r = Rng.of(seed, Rng.LENDING_TRADERS, i);
            int ltv = spec.ltvMinBps() + r.nextInt(spec.ltvMaxBps() - spec.ltvMinBps() + 1);
            double z = r.nextGaussian();
            // log-normal size: median * exp(spread * z), rounded down to a whole unit of value; the draw is the only
            // floating-point step, and it happens before any protocol arithmetic
            double factor = StrictMath.exp(spec.sizeSpread() / 1_000_000.0 * z);
            BigInteger size = new BigDecimal(spec.medianSize().toBigInteger())
                    .multiply(new BigDecimal(Double.toString(factor)))
                    .toBigInteger();
            String name = "trader-" + (i + 1);
            return new Trader(
                    name,
                    participant(FIRST_TRADER + i, name),
                    ltv,
                    size,
                    spec.collateral().get(i % spec.collateral().size()));
        }

        private S must(Vector<C> calls, String field) {
            Either<Rejected, S> r = all(market.protocol(), state, calls, b0);
            if (r.isLeft()) {
                throw new ScenarioException(Vector.of(field + ": the opening call reverted ("
                        + r.getLeft().reason() + "); valid: a value the "
                        + market.protocol().name()
                        + " market accepts"));
            }
            return r.get();
        }
    }
}
