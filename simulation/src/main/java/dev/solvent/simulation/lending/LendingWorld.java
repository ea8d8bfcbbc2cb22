package dev.solvent.simulation.lending;

import dev.solvent.model.protocol.Block;
import dev.solvent.model.protocol.Executed;
import dev.solvent.model.protocol.Health;
import dev.solvent.model.protocol.Move;
import dev.solvent.model.protocol.Protocol;
import dev.solvent.model.protocol.Quantity;
import dev.solvent.model.protocol.Rejected;
import dev.solvent.model.tx.OracleAnswer;
import dev.solvent.oracle.feed.PushFeed;
import dev.solvent.oracle.market.MarketPrice;
import dev.solvent.oracle.market.MarketTick;
import dev.solvent.simulation.metrics.HealthSample;
import dev.solvent.simulation.scenario.LendingScenario;
import dev.solvent.simulation.world.Rng;
import dev.solvent.simulation.world.Setup;
import io.vavr.Tuple2;
import io.vavr.collection.HashMap;
import io.vavr.collection.Seq;
import io.vavr.collection.SortedMap;
import io.vavr.collection.TreeMap;
import io.vavr.collection.Vector;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Locale;
import java.util.random.RandomGenerator;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A lending run between two blocks: a value that {@link #step} moves one block on, in named stages (the market and
 * oracles move, traders act on earlier decisions, keepers find the liquidatable accounts and make their moves, the
 * block's metrics are read and traders decide again), as the engine's {@code World} does.
 *
 * {@snippet :
 * LendingWorld<?, ?> w = LendingWorld.start(LendingSetup.of(scenario, scenario.seed()));
 * while (w.hasNext()) {
 *     w = w.step().next();
 * }
 * }
 *
 * @param setup the run's fixed parts
 * @param index the index of the next block, from 0
 * @param state the protocol's state
 * @param feeds each price key's oracle state, in key order
 * @param scheduled traders' decisions, by the block index they are carried out at
 * @param healths the keepers' index of account healths: what each account's last read said, kept while nothing it
 *     depends on changes, with the margins that let a price move skip the accounts it cannot have brought near
 *     liquidation
 * @param lastPrices the prices of the last block
 * @param previousLoss each quantity's amount after the last block
 * @param last the last block (the opening block before the first)
 * @param <S> the protocol's state
 * @param <C> the protocol's calls
 */
public record LendingWorld<S, C>(
        LendingSetup<S, C> setup,
        int index,
        S state,
        Vector<PushFeed.State> feeds,
        TreeMap<Integer, Vector<Tuple2<String, LendingWorld.Action>>> scheduled,
        HealthIndex<S> healths,
        TreeMap<String, Block.Price> lastPrices,
        TreeMap<String, BigInteger> previousLoss,
        Block last) {

    private static final BigInteger WAD = Health.WAD;
    private static final BigInteger BPS_TO_WAD = BigInteger.TEN.pow(14);
    private static final BigInteger TEN_THOUSAND = BigInteger.valueOf(10_000);
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    /** A trader's decision at a health check, carried out at a later block. */
    public enum Action {
        /** Supply more collateral. */
        SUPPLY,
        /** Repay part of the debt. */
        REPAY
    }

    /**
     * One keeper's results in a block (or, summed, in a run).
     *
     * @param liquidations its moves that took debt off an account
     * @param reverted its moves that reverted
     * @param gain what its moves gained, in value
     */
    public record KeeperTally(long liquidations, long reverted, BigInteger gain) {
        static final KeeperTally ZERO = new KeeperTally(0, 0, BigInteger.ZERO);

        KeeperTally plus(KeeperTally o) {
            return new KeeperTally(liquidations + o.liquidations, reverted + o.reverted, gain.add(o.gain));
        }
    }

    /**
     * One block's outcome.
     *
     * @param next the run after the block
     * @param row the block's metrics
     * @param sample the health snapshot, if the block took one
     * @param events notable events as JSON lines
     * @param keepers each keeper's results in the block, in the scenario's order
     * @param liquidatable the accounts the keepers found liquidatable, in the protocol's order
     * @param <S> the protocol's state
     * @param <C> the protocol's calls
     */
    public record Stepped<S, C>(
            LendingWorld<S, C> next,
            LendingRow row,
            Option<HealthSample> sample,
            Vector<String> events,
            Vector<KeeperTally> keepers,
            Vector<String> liquidatable) {}

    /** {@return the run before the first block, each oracle warmed up on the opening price} */
    public static <S, C> LendingWorld<S, C> start(LendingSetup<S, C> setup) {
        return start(setup, true);
    }

    /**
     * {@return the run before the first block; without {@code margins}, the keepers' index reads every account again
     * at every price move (the same results, at a cost that grows with the accounts: the reference the index is tested
     * against)}
     */
    static <S, C> LendingWorld<S, C> start(LendingSetup<S, C> setup, boolean margins) {
        var clock = setup.paths().clock();
        int latency = setup.scenario().oracle().latencyBlocks();
        Vector<PushFeed.State> feeds = Vector.empty();
        for (long[] path : setup.paths().exogenous()) {
            PushFeed.State st = setup.feed().start();
            for (int j = latency + 1; j >= 1; j--) {
                st = setup.feed()
                        .next(
                                st,
                                new MarketTick(
                                        clock.firstBlock() - j,
                                        clock.firstTimestamp() - j * clock.secondsPerBlock(),
                                        MarketPrice.of(path[0], Setup.PRICE_DECIMALS)));
            }
            feeds = feeds.append(st);
        }
        TreeMap<String, BigInteger> previousLoss = TreeMap.empty();
        for (var q : setup.openingQuantities()) {
            previousLoss = previousLoss.put(q._1, q._2.amount());
        }
        return new LendingWorld<>(
                setup,
                0,
                setup.genesis(),
                feeds,
                TreeMap.empty(),
                HealthIndex.empty(margins),
                TreeMap.empty(),
                previousLoss,
                setup.opening());
    }

    /** {@return whether the run has blocks left} */
    public boolean hasNext() {
        return index < setup.paths().blocks();
    }

    /** {@return the run after one more block, with what the block did} */
    public Stepped<S, C> step() {
        int i = index;
        Market m = moveMarket(i);
        boolean sample =
                i % setup.scenario().sampleEvery() == 0 || i == setup.paths().blocks() - 1;
        boolean moved = !m.block().prices().equals(lastPrices);
        Work<S, C> w = new Work<>(setup, i, m.block(), state, sample ? healths.clear() : healths);
        w.tradersAct(scheduled.get(i).getOrElse(Vector.empty()));
        Vector<String> liquidatable = w.liquidatable(moved);
        w.keepersMove(liquidatable);
        Losses losses = w.losses(previousLoss);
        Check check = w.check(sample);
        TreeMap<Integer, Vector<Tuple2<String, Action>>> nextScheduled = scheduled.remove(i);
        if (sample && !check.decided().isEmpty()) {
            int at = i + 1 + setup.scenario().traders().behaviour().delayBlocks();
            nextScheduled = nextScheduled.put(
                    at, nextScheduled.get(at).getOrElse(Vector.empty()).appendAll(check.decided()));
        }
        LendingRow row = w.row(m, liquidatable.size(), losses, check.underwater());
        LendingWorld<S, C> next = new LendingWorld<>(
                setup,
                i + 1,
                w.state,
                m.feeds(),
                nextScheduled,
                w.healths,
                m.block().prices(),
                losses.amounts(),
                m.block());
        Option<HealthSample> snapshot = sample
                ? Option.some(new HealthSample(row.block(), Vector.ofAll(check.buckets()), check.underwater()))
                : Option.none();
        return new Stepped<>(next, row, snapshot, w.events, Vector.of(w.keepers), liquidatable);
    }

    /**
     * The market after a block's move: each key's market price and oracle answer (0 before the first), the oracles'
     * states and the block the protocol reads.
     */
    private record Market(
            Vector<Long> marketPrices, Vector<Long> oraclePrices, Vector<PushFeed.State> feeds, Block block) {}

    /** {@return stage 1: the market, and what each oracle answers} */
    private Market moveMarket(int i) {
        long bn = setup.paths().clock().block(i);
        long ts = setup.paths().clock().timestamp(i);
        Vector<String> keys = setup.paths().keys();
        Vector<Long> marketPrices = Vector.empty();
        Vector<Long> oraclePrices = Vector.empty();
        Vector<PushFeed.State> nextFeeds = Vector.empty();
        TreeMap<String, OracleAnswer> answers = TreeMap.empty();
        for (int k = 0; k < keys.size(); k++) {
            long price = setup.paths().exogenous().get(k)[i];
            PushFeed.State fs = setup.feed()
                    .next(feeds.get(k), new MarketTick(bn, ts, MarketPrice.of(price, Setup.PRICE_DECIMALS)));
            nextFeeds = nextFeeds.append(fs);
            Option<OracleAnswer> answer = setup.feed().answer(fs);
            marketPrices = marketPrices.append(price);
            oraclePrices = oraclePrices.append(
                    answer.map(a -> a.answer().longValueExact()).getOrElse(0L));
            if (answer.isDefined()) {
                answers = answers.put(keys.get(k), answer.get());
            }
        }
        return new Market(marketPrices, oraclePrices, nextFeeds, setup.block(bn, ts, answers));
    }

    /**
     * The protocol's losses after a block.
     *
     * @param amounts each quantity's amount
     * @param losses the losses, in value
     * @param buffers the buffers, in value, if the protocol has any
     * @param quantities the quantities' amounts in the run's order
     * @param totals what the protocol holds, per asset
     */
    private record Losses(
            TreeMap<String, BigInteger> amounts,
            BigInteger losses,
            Option<BigInteger> buffers,
            Vector<BigInteger> quantities,
            SortedMap<String, BigInteger> totals) {}

    /**
     * The health check after a block.
     *
     * @param underwater accounts with debt and no collateral
     * @param buckets the health-factor buckets of accounts with debt (filled at a snapshot only)
     * @param decided the traders' decisions (at a snapshot only)
     */
    private record Check(int underwater, int[] buckets, Vector<Tuple2<String, Action>> decided) {}

    /** One block's work; confined to {@link #step}, its fields are its only variables. */
    private static final class Work<S, C> {
        private final LendingSetup<S, C> setup;
        private final Protocol<S, C> protocol;
        private final int i;
        private final Block block;
        private S state;
        private HealthIndex<S> healths;
        private HashMap<String, Health> fresh = HashMap.empty();
        private Vector<String> events = Vector.empty();
        private final KeeperTally[] keepers;
        private int calls;
        private int reverts;
        private int liquidations;
        private BigInteger repaid = BigInteger.ZERO;
        private BigInteger gained = BigInteger.ZERO;

        Work(LendingSetup<S, C> setup, int i, Block block, S state, HealthIndex<S> healths) {
            this.setup = setup;
            this.protocol = setup.protocol();
            this.i = i;
            this.block = block;
            this.state = state;
            this.healths = healths;
            this.keepers = new KeeperTally[setup.keeperAccounts().size()];
            java.util.Arrays.fill(keepers, KeeperTally.ZERO);
        }

        /** Stage 2: traders act on the decisions of earlier health checks. */
        void tradersAct(Vector<Tuple2<String, Action>> due) {
            for (Tuple2<String, Action> d : due) {
                LendingSetup.Trader t = setup.byAccount().get(d._1).get();
                Vector<C> act = act(t, d._2);
                if (act.isEmpty()) {
                    continue;
                }
                Either<Rejected, S> done = setup.all(state, act, block);
                if (done.isLeft()) {
                    reverts++;
                    continue;
                }
                state = done.get();
                forget(t.account());
                calls += act.size();
                events = events.append(line("trader", t.name(), d._2.name().toLowerCase(Locale.ROOT))
                        .toString());
            }
        }

        /**
         * {@return the calls of a trader's decision, sized to bring its health factor back to the scenario's target
         * at the block's prices; none if it no longer needs to act or cannot}
         */
        private Vector<C> act(LendingSetup.Trader t, Action action) {
            LendingScenario.Reserve collateral =
                    setup.scenario().reserves().get(t.collateral()).get();
            LendingScenario.Reserve debt = setup.debt();
            Health h = protocol.health(state, t.account(), block).getOrNull();
            if (h == null || h.debt().signum() == 0 || h.liquidatable()) {
                return Vector.empty();
            }
            BigInteger target =
                    BigInteger.valueOf(setup.scenario().traders().behaviour().restoreToBps());
            // health = weighted collateral / debt; restore it to target (bps)
            BigInteger wanted = h.debt()
                    .multiply(target)
                    .add(TEN_THOUSAND.subtract(BigInteger.ONE))
                    .divide(TEN_THOUSAND);
            if (h.collateral().compareTo(wanted) >= 0) {
                return Vector.empty();
            }
            var market = setup.market();
            if (action == Action.SUPPLY) {
                // the weighted value missing, unweighted by the liquidation threshold
                BigInteger value = wanted.subtract(h.collateral())
                        .multiply(TEN_THOUSAND)
                        .divide(BigInteger.valueOf(collateral.liquidationThresholdBps()))
                        .add(BigInteger.ONE);
                BigInteger amount = LendingSimulation.units(value, block, collateral, true);
                return market.receive(t.account(), collateral.asset(), amount)
                        .append(market.supply(t.account(), collateral.asset(), amount));
            }
            BigInteger keep = h.collateral().multiply(TEN_THOUSAND).divide(target);
            BigInteger amount = LendingSimulation.units(h.debt().subtract(keep), block, debt, true);
            return market.receive(t.account(), debt.asset(), amount)
                    .append(market.repay(t.account(), debt.asset(), amount));
        }

        /**
         * {@return stage 3: who is liquidatable now}. Every account is read again at each health snapshot, and when an
         * oracle answer changed ({@code moved}) every account whose margin the move may have used up; in between only
         * those whose state changed (a keeper's index: interest alone moves a health factor by parts per billion a
         * block, and is caught at the next move or snapshot). See {@link HealthIndex}.
         */
        Vector<String> liquidatable(boolean moved) {
            read(moved);
            return healths.liquidatableAccounts();
        }

        /** A call touched the account: the index reads it again at the next read. */
        private void forget(String account) {
            healths = healths.forget(account);
            fresh = fresh.remove(account);
        }

        /** Reads what the index misses (and, when prices moved, what the move may have changed). */
        private void read(boolean moved) {
            HealthIndex.Read<S> r = healths.read(protocol, state, block, moved);
            healths = r.index();
            fresh = fresh.merge(r.fresh(), (a, b) -> b);
        }

        /**
         * Stage 4: keepers make the best move on each liquidatable account, in an order drawn for the block. A block's
         * state changes only at the accounts its liquidations touch: the others keep their health.
         */
        void keepersMove(Vector<String> liquidatable) {
            Vector<String> keeperAccounts = setup.keeperAccounts();
            RandomGenerator race = Rng.of(setup.seed(), Rng.KEEPER_ORDER, i);
            for (String account : liquidatable) {
                forget(account);
                for (int k : order(keeperAccounts.size(), race)) {
                    forget(keeperAccounts.get(k));
                    Vector<Move<C>> plan = plan(account, keeperAccounts.get(k));
                    if (plan.isEmpty()) {
                        break; // the protocol offers no move that pays; no keeper makes one
                    }
                    if (!carryOut(plan, account, k)) {
                        break;
                    }
                }
            }
        }

        /**
         * {@return whether the account passes to the next keeper}: a first move that reverts passes it on; a later
         * one ends this keeper's plan with what went through before it.
         */
        private boolean carryOut(Vector<Move<C>> plan, String account, int k) {
            boolean first = true;
            for (Move<C> move : plan) {
                BigInteger debtBefore = debt(account);
                Either<Rejected, Executed<S>> r = protocol.execute(state, move.call(), block);
                ObjectNode e = line(
                                move.kind(),
                                setup.nameOf(account),
                                move.description().replace(account, setup.nameOf(account)))
                        .put("keeper", setup.scenario().keepers().get(k).name());
                if (r.isLeft()) {
                    keepers[k] = keepers[k].plus(new KeeperTally(0, 1, BigInteger.ZERO));
                    events = events.append(
                            e.put("reverted", r.getLeft().reason()).toString());
                    return first;
                }
                first = false;
                state = r.get().state();
                BigInteger took = debtBefore.subtract(debt(account));
                BigInteger gain = move.gain().get();
                gained = gained.add(gain);
                // a liquidation is a move that took debt off the account; a move that only buys what one took
                // (Comet's buyCollateral) gains, but liquidates nobody
                int liquidated = took.signum() > 0 ? 1 : 0;
                keepers[k] = keepers[k].plus(new KeeperTally(liquidated, 0, gain));
                if (liquidated > 0) {
                    liquidations++;
                    repaid = repaid.add(took);
                }
                events = events.append(e.put("debtRepaid", LendingSimulation.value(took))
                        .put("gain", LendingSimulation.value(gain))
                        .toString());
            }
            return false;
        }

        /**
         * {@return the moves a best-gain keeper makes on an account: the move with the best positive gain; when no
         * move pays by itself, a move with a known gain that opens a move that pays (Comet's {@code absorb}, which
         * earns the absorber nothing but puts the collateral on sale), followed by the best move it opens, as a
         * liquidator contract bundles them; empty when nothing pays}
         */
        private Vector<Move<C>> plan(String account, String keeper) {
            Seq<Move<C>> moves = protocol.moves(state, account, keeper, block);
            Option<Move<C>> best = moves.filter(Work::pays).headOption();
            if (best.isDefined()) {
                return Vector.of(best.get());
            }
            Vector<Move<C>> plan = Vector.empty();
            BigInteger most = BigInteger.ZERO;
            for (Move<C> move : moves) {
                if (move.gain().isEmpty()) {
                    continue; // a move whose gain the protocol cannot tell is not one a best-gain keeper weighs
                }
                Either<Rejected, Executed<S>> r = protocol.execute(state, move.call(), block);
                if (r.isLeft()) {
                    continue;
                }
                Option<Move<C>> next = protocol.moves(r.get().state(), account, keeper, block)
                        .filter(Work::pays)
                        .headOption();
                if (next.isDefined()) {
                    BigInteger value = move.gain().get().add(next.get().gain().get());
                    if (value.compareTo(most) > 0) {
                        most = value;
                        plan = Vector.of(move, next.get());
                    }
                }
            }
            return plan;
        }

        private static boolean pays(Move<?> move) {
            return move.gain().exists(g -> g.signum() > 0);
        }

        /** {@return stage 5: the quantities the block left, its losses and buffers; a loss that changed is an event} */
        Losses losses(TreeMap<String, BigInteger> previousLoss) {
            SortedMap<String, Quantity> quantities = protocol.quantities(state, block);
            Vector<BigInteger> amounts = setup.quantityNames()
                    .map(n -> quantities.get(n).map(Quantity::amount).getOrElse(BigInteger.ZERO));
            BigInteger losses = BigInteger.ZERO;
            BigInteger buffers = BigInteger.ZERO;
            boolean anyBuffer = false;
            TreeMap<String, BigInteger> previous = previousLoss;
            for (var q : quantities) {
                Option<BigInteger> v = LendingSimulation.valued(q._2, block);
                if (q._2.kind() == Quantity.Kind.LOSS) {
                    losses = losses.add(v.getOrElse(BigInteger.ZERO));
                    BigInteger before = previous.get(q._1).getOrElse(BigInteger.ZERO);
                    if (q._2.amount().compareTo(before) != 0) {
                        events = events.append(line("loss", q._1, "the protocol's " + q._1 + " changed")
                                .put("from", new BigDecimal(before, q._2.decimals()).toPlainString())
                                .put("to", new BigDecimal(q._2.amount(), q._2.decimals()).toPlainString())
                                .put("unit", q._2.unit())
                                .toString());
                    }
                } else if (q._2.kind() == Quantity.Kind.BUFFER && v.isDefined()) {
                    anyBuffer = true;
                    buffers = buffers.add(v.get());
                }
                previous = previous.put(q._1, q._2.amount());
            }
            Option<BigInteger> buffer = anyBuffer ? Option.some(buffers) : Option.none();
            return new Losses(previous, losses, buffer, amounts, protocol.totals(state, block));
        }

        /**
         * {@return stage 6: accounts with debt and no collateral; at a snapshot, the health buckets, and the traders
         * below their threshold (and not yet liquidatable) who decide to act}
         */
        Check check(boolean sample) {
            read(false);
            int[] buckets = new int[HealthSample.BUCKETS.size()];
            if (!sample) {
                return new Check(healths.underwaterCount(), buckets, Vector.empty());
            }
            // a snapshot read every account in this block: their healths are all fresh
            int underwater = 0;
            Vector<Tuple2<String, Action>> decided = Vector.empty();
            RandomGenerator r = Rng.of(setup.seed(), Rng.LENDING_ACTIONS, i);
            LendingScenario.Behaviour b = setup.scenario().traders().behaviour();
            BigInteger actBelow = BigInteger.valueOf(b.actBelowBps()).multiply(BPS_TO_WAD);
            for (String a : healths.accounts()) {
                Health h = fresh.get(a).getOrNull();
                if (h == null || h.debt().signum() == 0) {
                    continue;
                }
                if (h.collateral().signum() == 0) {
                    underwater++;
                }
                BigInteger ratio = h.ratio().get();
                long milli = ratio.multiply(BigInteger.valueOf(1_000))
                        .divide(WAD)
                        .min(BigInteger.valueOf(1_000_000))
                        .longValueExact();
                buckets[HealthSample.bucket(milli)]++;
                if (setup.byAccount().containsKey(a) && !h.liquidatable() && ratio.compareTo(actBelow) < 0) {
                    if (r.nextInt(10_000) < b.actProbabilityBps()) {
                        Action kind = r.nextInt(10_000) < b.repayShareBps() ? Action.REPAY : Action.SUPPLY;
                        decided = decided.append(new Tuple2<>(a, kind));
                    }
                }
            }
            return new Check(underwater, buckets, decided);
        }

        /** {@return the block's row} */
        LendingRow row(Market m, int liquidatable, Losses l, int underwater) {
            return new LendingRow(
                    block.number(),
                    block.timestamp(),
                    m.marketPrices(),
                    m.oraclePrices(),
                    liquidatable,
                    liquidations,
                    repaid,
                    gained,
                    underwater,
                    calls,
                    reverts,
                    l.quantities(),
                    l.losses(),
                    l.buffers(),
                    setup.totalNames().map(n -> l.totals().get(n).getOrElse(BigInteger.ZERO)));
        }

        private BigInteger debt(String account) {
            return protocol.health(state, account, block).map(Health::debt).getOrElse(BigInteger.ZERO);
        }

        /** {@return the order keepers race for one liquidation in: a seeded shuffle, so no keeper always wins} */
        private static Vector<Integer> order(int n, RandomGenerator r) {
            int[] o = new int[n];
            for (int k = 0; k < n; k++) {
                o[k] = k;
            }
            for (int k = n - 1; k > 0; k--) {
                int j = r.nextInt(k + 1);
                int swap = o[k];
                o[k] = o[j];
                o[j] = swap;
            }
            return Vector.ofAll(o);
        }

        private ObjectNode line(String type, String account, String what) {
            ObjectNode n = JSON.createObjectNode();
            n.put("block", block.number());
            n.put("type", type);
            n.put("account", account);
            n.put("what", what);
            return n;
        }
    }
}
