package dev.solvent.simulation.lending;

import dev.solvent.model.math.I256;
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
import io.vavr.control.Option;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.random.RandomGenerator;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

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

    /** The first participant numbers: the depositor, then the keepers; traders from {@link #FIRST_TRADER}. */
    static final int DEPOSITOR = 1;

    static final int FIRST_TRADER = 1_000;

    private static final BigInteger WAD = Health.WAD;
    private static final BigInteger BPS_TO_WAD = BigInteger.TEN.pow(14);
    private static final BigInteger TEN_THOUSAND = BigInteger.valueOf(10_000);
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private LendingSimulation() {}

    /** {@return the run of a lending scenario with a seed, on the protocol it names} */
    public static LendingResult run(LendingScenario scenario, long seed) {
        return run(Markets.of(scenario), scenario, seed);
    }

    /** {@return the run of a lending scenario with a seed, on {@code market}} */
    public static <S, C> LendingResult run(LendingMarket<S, C> market, LendingScenario scenario, long seed) {
        return new Run<>(market, scenario, seed).run();
    }

    /**
     * One lending trader as drawn: its account, the loan-to-value it opened at, its collateral's value and which
     * asset that is.
     */
    private record Trader(String name, String account, int ltvBps, BigInteger size, String collateral) {}

    /** A trader's decision at a health check, carried out at a later block. */
    private enum Action {
        SUPPLY,
        REPAY
    }

    /** The run's working parts; every value it holds is immutable, the loop's locals are its only variables. */
    private static final class Run<S, C> {
        private final LendingMarket<S, C> market;
        private final Protocol<S, C> protocol;
        private final LendingScenario sc;
        private final long seed;
        private final Setup.Paths paths;
        private final PushFeed feed;
        private TreeMap<String, String> names = TreeMap.empty();

        Run(LendingMarket<S, C> market, LendingScenario sc, long seed) {
            this.market = market;
            this.protocol = market.protocol();
            this.sc = sc;
            this.seed = seed;
            this.paths = Setup.paths(sc.prices(), sc.chain(), sc.blocks(), seed);
            this.feed = PushFeed.chainlink(
                    Setup.PRICE_DECIMALS,
                    sc.oracle().deviationBps(),
                    sc.oracle().heartbeatSeconds(),
                    sc.oracle().latencyBlocks());
        }

        private String participant(int number, String name) {
            String account = market.account(number);
            names = names.put(account, name);
            return account;
        }

        private String nameOf(String account) {
            return names.get(account).getOrElse(account);
        }

        /** {@return a block whose prices are each reserve's answer, named by the reserve's asset} */
        private Block block(long number, long timestamp, TreeMap<String, OracleAnswer> answers) {
            TreeMap<String, Block.Price> prices = TreeMap.empty();
            for (LendingScenario.Reserve r : sc.reserves().values()) {
                OracleAnswer a = answers.get(r.priceKey()).getOrNull();
                if (a != null) {
                    prices = prices.put(
                            r.asset(), new Block.Price(a.answer().toBigInteger(), a.decimals(), a.updatedAt()));
                }
            }
            return Block.of(number, timestamp, prices);
        }

        LendingResult run() {
            var clock = paths.clock();
            Vector<String> keys = paths.keys();
            long t0 = clock.firstTimestamp() - clock.secondsPerBlock();
            TreeMap<String, OracleAnswer> opening = TreeMap.empty();
            for (int k = 0; k < keys.size(); k++) {
                opening = opening.put(
                        keys.get(k), new OracleAnswer(I256.of(paths.exogenous().get(k)[0]), Setup.PRICE_DECIMALS, t0));
            }
            Block b0 = block(clock.firstBlock() - 1, t0, opening);

            // the market, its depositor and the keepers' tokens
            S state = market.genesis(t0);
            String depositor = participant(DEPOSITOR, "depositor");
            for (LendingScenario.Reserve r : sc.reserves().values()) {
                if (r.liquidity().isPositive()) {
                    BigInteger amount = r.liquidity().toBigInteger();
                    state = must(
                            state,
                            market.receive(depositor, r.asset(), amount),
                            b0,
                            "market.reserves." + r.asset() + ".liquidity");
                    state = must(
                            state,
                            Vector.of(market.supply(depositor, r.asset(), amount)),
                            b0,
                            "market.reserves." + r.asset() + ".liquidity");
                }
            }
            Vector<String> keeperAccounts = Vector.empty();
            for (int k = 0; k < sc.keepers().size(); k++) {
                LendingScenario.Keeper keeper = sc.keepers().get(k);
                String account = participant(DEPOSITOR + 1 + k, keeper.name());
                keeperAccounts = keeperAccounts.append(account);
                for (Tuple2<String, I256> c : keeper.capital()) {
                    if (c._2.isPositive()) {
                        state = must(
                                state,
                                market.receive(account, c._1, c._2.toBigInteger()),
                                b0,
                                "keepers." + k + ".capital." + c._1);
                    }
                }
            }

            // the traders open their loans at the opening prices
            LendingScenario.Traders spec = sc.traders();
            LendingScenario.Reserve debt = sc.reserves().get(spec.borrow()).get();
            Vector<Trader> traders = Vector.empty();
            TreeMap<String, Integer> skipped = TreeMap.empty();
            for (int i = 0; i < spec.count(); i++) {
                Trader t = draw(i, spec);
                LendingScenario.Reserve collateral =
                        sc.reserves().get(t.collateral()).get();
                BigInteger supplied = units(t.size(), b0, collateral, false);
                BigInteger borrowed =
                        units(t.size().multiply(BigInteger.valueOf(t.ltvBps())).divide(TEN_THOUSAND), b0, debt, false);
                if (supplied.signum() == 0 || borrowed.signum() == 0) {
                    skipped = skip(skipped, "size rounds to 0 base units at the opening prices");
                    continue;
                }
                Vector<C> calls = market.receive(t.account(), collateral.asset(), supplied)
                        .append(market.supply(t.account(), collateral.asset(), supplied))
                        .append(market.borrow(t.account(), debt.asset(), borrowed));
                Either<Rejected, S> opened = all(state, calls, b0);
                if (opened.isLeft()) {
                    skipped = skip(
                            skipped, "opening reverted: " + opened.getLeft().reason());
                    continue;
                }
                state = opened.get();
                traders = traders.append(t);
            }
            TreeMap<String, Trader> byAccount = TreeMap.ofEntries(traders.map(t -> new Tuple2<>(t.account(), t)));

            // warm each oracle up on the opening price, so the first block has an answer (as the engine's world does)
            Vector<PushFeed.State> feeds = Vector.empty();
            for (long[] path : paths.exogenous()) {
                PushFeed.State st = feed.start();
                for (int j = sc.oracle().latencyBlocks() + 1; j >= 1; j--) {
                    st = feed.next(
                            st,
                            new MarketTick(
                                    clock.firstBlock() - j,
                                    clock.firstTimestamp() - j * clock.secondsPerBlock(),
                                    MarketPrice.of(path[0], Setup.PRICE_DECIMALS)));
                }
                feeds = feeds.append(st);
            }

            SortedMap<String, Quantity> q0 = protocol.quantities(state, b0);
            Vector<String> quantityNames = q0.keySet().toVector();
            Vector<String> totalNames = protocol.totals(state, b0).keySet().toVector();
            Vector<LendingRow> rows = Vector.empty();
            Vector<HealthSample> samples = Vector.empty();
            Vector<String> events = Vector.empty();
            TreeMap<Integer, Vector<Tuple2<String, Action>>> scheduled = TreeMap.empty();
            long[] keeperLiquidations = new long[keeperAccounts.size()];
            long[] keeperReverted = new long[keeperAccounts.size()];
            BigInteger[] keeperGain = new BigInteger[keeperAccounts.size()];
            java.util.Arrays.fill(keeperGain, BigInteger.ZERO);
            long liquidations = 0;
            long traderCalls = 0;
            BigInteger repaid = BigInteger.ZERO;
            BigInteger gained = BigInteger.ZERO;
            BigInteger maxLosses = BigInteger.ZERO;
            BigInteger losses = BigInteger.ZERO;
            int maxLiquidatable = 0;
            int maxUnderwater = 0;
            Block last = b0;
            TreeMap<String, BigInteger> previousLoss = TreeMap.empty();
            for (var q : q0) {
                previousLoss = previousLoss.put(q._1, q._2.amount());
            }

            // each account's health, kept while nothing it depends on changes (see step 3)
            java.util.Map<String, Health> healths = new java.util.HashMap<>();
            TreeMap<String, Block.Price> lastPrices = TreeMap.empty();
            for (int i = 0; i < paths.blocks(); i++) {
                long bn = clock.block(i);
                long ts = clock.timestamp(i);
                // 1. the market, and what each oracle answers
                Vector<Long> marketPrices = Vector.empty();
                Vector<Long> oraclePrices = Vector.empty();
                Vector<PushFeed.State> nextFeeds = Vector.empty();
                TreeMap<String, OracleAnswer> answers = TreeMap.empty();
                for (int k = 0; k < keys.size(); k++) {
                    long price = paths.exogenous().get(k)[i];
                    PushFeed.State fs = feed.next(
                            feeds.get(k), new MarketTick(bn, ts, MarketPrice.of(price, Setup.PRICE_DECIMALS)));
                    nextFeeds = nextFeeds.append(fs);
                    Option<OracleAnswer> answer = feed.answer(fs);
                    marketPrices = marketPrices.append(price);
                    oraclePrices = oraclePrices.append(
                            answer.map(a -> a.answer().longValueExact()).getOrElse(0L));
                    if (answer.isDefined()) {
                        answers = answers.put(keys.get(k), answer.get());
                    }
                }
                feeds = nextFeeds;
                Block block = block(bn, ts, answers);
                last = block;

                // 2. traders act on the decisions of earlier health checks
                int calls = 0;
                int reverts = 0;
                for (Tuple2<String, Action> due : scheduled.get(i).getOrElse(Vector.empty())) {
                    Trader t = byAccount.get(due._1).get();
                    Vector<C> act = act(
                            state,
                            t,
                            due._2,
                            block,
                            sc.reserves().get(t.collateral()).get(),
                            debt);
                    if (act.isEmpty()) {
                        continue;
                    }
                    Either<Rejected, S> done = all(state, act, block);
                    if (done.isLeft()) {
                        reverts++;
                        continue;
                    }
                    state = done.get();
                    healths.remove(t.account());
                    calls += act.size();
                    events = events.append(
                            line(bn, "trader", t.name(), due._2.name().toLowerCase(java.util.Locale.ROOT))
                                    .toString());
                }
                scheduled = scheduled.remove(i);
                traderCalls += calls;

                // 3. who is liquidatable now. Every account is read again when an oracle answer changed and at each
                // health check; in between only those whose state changed (a keeper's index: interest alone moves a
                // health factor by parts per billion a block, and is caught at the next check)
                boolean sample = i % sc.sampleEvery() == 0 || i == paths.blocks() - 1;
                if (sample || !block.prices().equals(lastPrices)) {
                    healths.clear();
                }
                lastPrices = block.prices();
                Vector<String> liquidatable = Vector.empty();
                for (String a : protocol.accounts(state)) {
                    Health h = health(healths, state, a, block);
                    if (h != null && h.liquidatable()) {
                        liquidatable = liquidatable.append(a);
                    }
                }
                maxLiquidatable = Math.max(maxLiquidatable, liquidatable.size());

                // 4. keepers make the best move on each, in an order drawn for the block
                int blockLiquidations = 0;
                BigInteger blockRepaid = BigInteger.ZERO;
                BigInteger blockGain = BigInteger.ZERO;
                // a block's state changes only at the accounts its liquidations touch: the others keep their health
                RandomGenerator race = Rng.of(seed, Rng.KEEPER_ORDER, i);
                for (String account : liquidatable) {
                    healths.remove(account);
                    for (int k : order(keeperAccounts.size(), race)) {
                        healths.remove(keeperAccounts.get(k));
                        String keeper = keeperAccounts.get(k);
                        Vector<Move<C>> plan = plan(state, account, keeper, block);
                        if (plan.isEmpty()) {
                            break; // the protocol offers no move that pays; no keeper makes one
                        }
                        boolean first = true;
                        boolean passed = false;
                        for (Move<C> move : plan) {
                            BigInteger debtBefore = debt(state, account, block);
                            Either<Rejected, Executed<S>> r = protocol.execute(state, move.call(), block);
                            ObjectNode e = line(
                                            bn,
                                            move.kind(),
                                            nameOf(account),
                                            move.description().replace(account, nameOf(account)))
                                    .put("keeper", sc.keepers().get(k).name());
                            if (r.isLeft()) {
                                keeperReverted[k]++;
                                events = events.append(
                                        e.put("reverted", r.getLeft().reason()).toString());
                                // a first move that reverts passes the account to the next keeper; a later one
                                // ends this keeper's plan with what went through before it
                                passed = first;
                                break;
                            }
                            first = false;
                            state = r.get().state();
                            BigInteger took = debtBefore.subtract(debt(state, account, block));
                            BigInteger gain = move.gain().get();
                            keeperGain[k] = keeperGain[k].add(gain);
                            blockGain = blockGain.add(gain);
                            // a liquidation is a move that took debt off the account; a move that only buys what
                            // one took (Comet's buyCollateral) gains, but liquidates nobody
                            if (took.signum() > 0) {
                                keeperLiquidations[k]++;
                                blockLiquidations++;
                                blockRepaid = blockRepaid.add(took);
                            }
                            events = events.append(e.put("debtRepaid", value(took))
                                    .put("gain", value(gain))
                                    .toString());
                        }
                        if (!passed) {
                            break;
                        }
                    }
                }
                liquidations += blockLiquidations;
                repaid = repaid.add(blockRepaid);
                gained = gained.add(blockGain);

                // 5. what the block left: quantities, losses, totals, accounts with debt and no collateral
                SortedMap<String, Quantity> quantities = protocol.quantities(state, block);
                Vector<BigInteger> amounts = quantityNames.map(
                        n -> quantities.get(n).map(Quantity::amount).getOrElse(BigInteger.ZERO));
                losses = BigInteger.ZERO;
                BigInteger buffers = BigInteger.ZERO;
                boolean anyBuffer = false;
                for (var q : quantities) {
                    Option<BigInteger> v = valued(q._2, block);
                    if (q._2.kind() == Quantity.Kind.LOSS) {
                        losses = losses.add(v.getOrElse(BigInteger.ZERO));
                        BigInteger before = previousLoss.get(q._1).getOrElse(BigInteger.ZERO);
                        if (q._2.amount().compareTo(before) != 0) {
                            events = events.append(line(bn, "loss", q._1, "the protocol's " + q._1 + " changed")
                                    .put("from", new BigDecimal(before, q._2.decimals()).toPlainString())
                                    .put("to", new BigDecimal(q._2.amount(), q._2.decimals()).toPlainString())
                                    .put("unit", q._2.unit())
                                    .toString());
                        }
                    } else if (q._2.kind() == Quantity.Kind.BUFFER && v.isDefined()) {
                        anyBuffer = true;
                        buffers = buffers.add(v.get());
                    }
                    previousLoss = previousLoss.put(q._1, q._2.amount());
                }
                maxLosses = maxLosses.max(losses);
                SortedMap<String, BigInteger> totals = protocol.totals(state, block);
                int underwater = 0;
                int[] buckets = new int[HealthSample.BUCKETS.size()];
                Vector<Tuple2<String, Action>> decided = Vector.empty();
                RandomGenerator r = Rng.of(seed, Rng.LENDING_ACTIONS, i);
                LendingScenario.Behaviour b = spec.behaviour();
                BigInteger actBelow = BigInteger.valueOf(b.actBelowBps()).multiply(BPS_TO_WAD);
                for (String a : protocol.accounts(state)) {
                    Health h = health(healths, state, a, block);
                    if (h == null || h.debt().signum() == 0) {
                        continue;
                    }
                    if (h.collateral().signum() == 0) {
                        underwater++;
                    }
                    if (!sample) {
                        continue;
                    }
                    BigInteger ratio = h.ratio().get();
                    long milli = ratio.multiply(BigInteger.valueOf(1_000))
                            .divide(WAD)
                            .min(BigInteger.valueOf(1_000_000))
                            .longValueExact();
                    buckets[HealthSample.bucket(milli)]++;
                    // 6. traders below their threshold (and not yet liquidatable) decide whether to act
                    if (byAccount.containsKey(a) && !h.liquidatable() && ratio.compareTo(actBelow) < 0) {
                        if (r.nextInt(10_000) < b.actProbabilityBps()) {
                            Action kind = r.nextInt(10_000) < b.repayShareBps() ? Action.REPAY : Action.SUPPLY;
                            decided = decided.append(new Tuple2<>(a, kind));
                        }
                    }
                }
                maxUnderwater = Math.max(maxUnderwater, underwater);
                if (sample) {
                    samples = samples.append(new HealthSample(bn, Vector.ofAll(buckets), underwater));
                    int at = i + 1 + b.delayBlocks();
                    if (!decided.isEmpty()) {
                        scheduled = scheduled.put(
                                at, scheduled.get(at).getOrElse(Vector.empty()).appendAll(decided));
                    }
                }
                rows = rows.append(new LendingRow(
                        bn,
                        ts,
                        marketPrices,
                        oraclePrices,
                        liquidatable.size(),
                        blockLiquidations,
                        blockRepaid,
                        blockGain,
                        underwater,
                        calls,
                        reverts,
                        amounts,
                        losses,
                        anyBuffer ? Option.some(buffers) : Option.none(),
                        totalNames.map(n -> totals.get(n).getOrElse(BigInteger.ZERO))));
            }

            Vector<LendingSummary.KeeperLine> keepers = Vector.empty();
            for (int k = 0; k < keeperAccounts.size(); k++) {
                LendingScenario.Keeper keeper = sc.keepers().get(k);
                keepers = keepers.append(new LendingSummary.KeeperLine(
                        keeper.name(),
                        keeper.strategy()
                                .name()
                                .toLowerCase(java.util.Locale.ROOT)
                                .replace('_', '-'),
                        keeperLiquidations[k],
                        keeperReverted[k],
                        keeperGain[k]));
            }
            LendingSummary summary = new LendingSummary(
                    sc.name(),
                    protocol.name(),
                    protocol.valueUnit(),
                    seed,
                    paths.blocks(),
                    traders.size(),
                    skipped,
                    liquidations,
                    repaid,
                    gained,
                    maxLiquidatable,
                    maxUnderwater,
                    traderCalls,
                    losses,
                    maxLosses,
                    TreeMap.ofEntries(protocol.quantities(state, last)),
                    TreeMap.ofEntries(protocol.totals(state, last)),
                    keepers,
                    paths.corrections());
            return new LendingResult(
                    summary, keys, quantityNames, TreeMap.ofEntries(q0), totalNames, rows, samples, events);
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

        /**
         * {@return the calls of a trader's decision, sized to bring its health factor back to the scenario's target
         * at the block's prices; none if it no longer needs to act or cannot}
         */
        private Vector<C> act(
                S state,
                Trader t,
                Action action,
                Block block,
                LendingScenario.Reserve collateral,
                LendingScenario.Reserve debt) {
            Health h = protocol.health(state, t.account(), block).getOrNull();
            if (h == null || h.debt().signum() == 0 || h.liquidatable()) {
                return Vector.empty();
            }
            BigInteger target = BigInteger.valueOf(sc.traders().behaviour().restoreToBps());
            // health = weighted collateral / debt; restore it to target (bps)
            BigInteger wanted = h.debt()
                    .multiply(target)
                    .add(TEN_THOUSAND.subtract(BigInteger.ONE))
                    .divide(TEN_THOUSAND);
            if (h.collateral().compareTo(wanted) >= 0) {
                return Vector.empty();
            }
            if (action == Action.SUPPLY) {
                // the weighted value missing, unweighted by the liquidation threshold
                BigInteger value = wanted.subtract(h.collateral())
                        .multiply(TEN_THOUSAND)
                        .divide(BigInteger.valueOf(collateral.liquidationThresholdBps()))
                        .add(BigInteger.ONE);
                BigInteger amount = units(value, block, collateral, true);
                return market.receive(t.account(), collateral.asset(), amount)
                        .append(market.supply(t.account(), collateral.asset(), amount));
            }
            BigInteger keep = h.collateral().multiply(TEN_THOUSAND).divide(target);
            BigInteger amount = units(h.debt().subtract(keep), block, debt, true);
            return market.receive(t.account(), debt.asset(), amount)
                    .append(market.repay(t.account(), debt.asset(), amount));
        }

        /**
         * {@return the moves a best-gain keeper makes on an account: the move with the best positive gain; when no
         * move pays by itself, a move with a known gain that opens a move that pays (Comet's {@code absorb}, which
         * earns the absorber nothing but puts the collateral on sale), followed by the best move it opens, as a
         * liquidator contract bundles them; empty when nothing pays}
         */
        private Vector<Move<C>> plan(S state, String account, String keeper, Block block) {
            io.vavr.collection.Seq<Move<C>> moves = protocol.moves(state, account, keeper, block);
            Option<Move<C>> best = moves.filter(Run::pays).headOption();
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
                        .filter(Run::pays)
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

        /** {@return the account's health from the cache, or read now and kept; null if the protocol cannot say} */
        private Health health(java.util.Map<String, Health> cache, S state, String account, Block block) {
            Health h = cache.get(account);
            if (h == null) {
                h = protocol.health(state, account, block).getOrNull();
                if (h != null) {
                    cache.put(account, h);
                }
            }
            return h;
        }

        private BigInteger debt(S state, String account, Block block) {
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

        private S must(S state, Vector<C> calls, Block block, String field) {
            Either<Rejected, S> r = all(state, calls, block);
            if (r.isLeft()) {
                throw new ScenarioException(Vector.of(field + ": the opening call reverted ("
                        + r.getLeft().reason() + "); valid: a value the " + protocol.name() + " market accepts"));
            }
            return r.get();
        }

        /** {@return the state after every call, or the first revert (all or nothing, as one transaction)} */
        private Either<Rejected, S> all(S state, Vector<C> calls, Block block) {
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

        private static ObjectNode line(long block, String type, String account, String what) {
            ObjectNode n = JSON.createObjectNode();
            n.put("block", block);
            n.put("type", type);
            n.put("account", account);
            n.put("what", what);
            return n;
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

    private static TreeMap<String, Integer> skip(TreeMap<String, Integer> skipped, String reason) {
        return skipped.put(reason, skipped.get(reason).getOrElse(0) + 1);
    }
}
