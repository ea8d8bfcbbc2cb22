package dev.solvent.simulation.world;

import dev.solvent.keeper.GasToken;
import dev.solvent.keeper.Keeper;
import dev.solvent.keeper.KeeperView;
import dev.solvent.keeper.PendingTx;
import dev.solvent.keeper.chain.BlockBuilder;
import dev.solvent.keeper.chain.Chain;
import dev.solvent.keeper.chain.ChainParams;
import dev.solvent.keeper.chain.KeeperLedger;
import dev.solvent.keeper.chain.Outcome;
import dev.solvent.keeper.strategy.Bidding;
import dev.solvent.keeper.strategy.FullScan;
import dev.solvent.keeper.strategy.GasBudget;
import dev.solvent.keeper.strategy.LatePrices;
import dev.solvent.keeper.strategy.LimitedCapital;
import dev.solvent.keeper.strategy.LiquidationIndex;
import dev.solvent.keeper.strategy.Liquidator;
import dev.solvent.keeper.strategy.ProfitAware;
import dev.solvent.keeper.strategy.Scanner;
import dev.solvent.model.config.ProtocolConfig;
import dev.solvent.model.id.AccountId;
import dev.solvent.model.id.MarketId;
import dev.solvent.model.logic.MarginLogic.AccountData;
import dev.solvent.model.math.FixedPoint;
import dev.solvent.model.math.I256;
import dev.solvent.model.math.Rounding;
import dev.solvent.model.state.Account;
import dev.solvent.model.state.IsolatedPosition;
import dev.solvent.model.state.Ledger;
import dev.solvent.model.state.Position;
import dev.solvent.model.state.ProtocolState;
import dev.solvent.model.tx.BlockContext;
import dev.solvent.model.tx.Event;
import dev.solvent.model.tx.OracleAnswer;
import dev.solvent.model.tx.Tx;
import dev.solvent.model.view.HealthKernel;
import dev.solvent.model.view.KernelAccounts;
import dev.solvent.model.view.KernelResults;
import dev.solvent.model.view.Views;
import dev.solvent.oracle.feed.PushFeed;
import dev.solvent.oracle.market.MarketPrice;
import dev.solvent.oracle.market.MarketTick;
import dev.solvent.simulation.metrics.BlockRow;
import dev.solvent.simulation.metrics.Deleveraging;
import dev.solvent.simulation.metrics.HealthSample;
import dev.solvent.simulation.scenario.Scenario;
import io.vavr.Tuple2;
import io.vavr.collection.TreeMap;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.util.random.RandomGenerator;

/**
 * The simulated world between two blocks, as an immutable value: the chain (protocol state, mempool, keepers and their
 * ledgers), each price key's oracle and impact gap, scheduled trader top-ups and the positions being unwound.
 * {@link #step} moves it one block: the exogenous path and earlier liquidation sales move the market, oracles update
 * by their rules, traders act, receivers unwind, keepers act, the block is built under the gas rules and executed.
 *
 * @param setup the run's fixed parts
 * @param index the index of the next block, from 0
 * @param chain the chain and its keepers
 * @param feeds each key's oracle state, in key order
 * @param gaps each key's impact gap in parts per billion of the exogenous price
 * @param gapGeneration each key's cascade generation: the deepest liquidation whose sales make up its gap
 * @param sales the notional receivers sold in the last block, per key (negative for sales), with its generation
 * @param unwinding for each receiver and market being unwound, the block index it may start selling and the deepest
 *     cascade generation among the liquidations that handed it over
 * @param topUps traders' scheduled deposits, by the block index they are sent
 * @param riskIndex the index the world uses to count liquidatable accounts
 * @param liquidatableSince for each account liquidatable now, the block index it has been liquidatable since
 */
public record World(
        Setup setup,
        int index,
        Chain chain,
        Vector<PushFeed.State> feeds,
        Vector<Long> gaps,
        Vector<Integer> gapGeneration,
        Vector<Tuple2<I256, Integer>> sales,
        TreeMap<Unwind, Tuple2<Integer, Integer>> unwinding,
        TreeMap<Integer, Vector<AccountId>> topUps,
        LiquidationIndex.State riskIndex,
        io.vavr.collection.HashMap<AccountId, Integer> liquidatableSince) {

    /** A gap below this many parts per billion (0.01%) no longer carries a cascade. */
    static final long CASCADE_GAP = 100_000;

    /** Gas limit traders and receivers give their transactions. */
    static final long TRADER_GAS = 1_000_000;

    /** Priority fee traders and receivers bid, wei. */
    static final long TRADER_TIP = 100_000_000;

    private static final AccountId OBSERVER = AccountId.of("observer");

    /**
     * One block's outcome.
     *
     * @param next the world after the block
     * @param row the block's metrics
     * @param sample the health snapshot, if the block took one
     * @param events notable events as JSON lines
     * @param built the block as built
     * @param before the protocol state before the block
     * @param context the block's context
     * @param cascadeDepths the cascade generation of each liquidation the block executed
     * @param delayed liquidations included later than the block they were sent in
     * @param underwater the accounts underwater at the block's health snapshot (empty without a snapshot)
     * @param waits for each account-wide liquidation, the blocks its account had been liquidatable before it
     * @param liquidatedUnderwater liquidations of accounts whose means did not cover their losses (a shortfall)
     */
    public record Stepped(
            World next,
            BlockRow row,
            Option<HealthSample> sample,
            Vector<String> events,
            BlockBuilder.Built built,
            ProtocolState before,
            BlockContext context,
            Vector<Integer> cascadeDepths,
            int delayed,
            Vector<AccountId> underwater,
            Vector<Integer> waits,
            int liquidatedUnderwater) {}

    /** {@return the world before the first block} */
    public static World start(Setup setup) {
        Scenario sc = setup.scenario();
        ChainParams params =
                new ChainParams(sc.chain().gasLimit(), 2, sc.chain().blockSeconds(), GasToken.ETHER, 0);
        Chain chain = Chain.start(
                params,
                setup.genesis(),
                setup.clock().firstBlock(),
                setup.clock().firstTimestamp(),
                Math.max(1, sc.chain().baseFeeWei()));
        for (Scenario.KeeperSpec k : sc.keepers()) {
            chain = chain.withKeeper(k.name(), keeper(k));
        }
        PushFeed feed = feed(sc);
        Vector<PushFeed.State> feeds = Vector.empty();
        for (long[] path : setup.exogenous()) {
            // warm each feed up on the opening price, so the first block has an answer
            PushFeed.State st = feed.start();
            for (int j = sc.oracle().latencyBlocks() + 1; j >= 1; j--) {
                st = feed.next(
                        st,
                        new MarketTick(
                                setup.clock().firstBlock() - j,
                                setup.clock().firstTimestamp()
                                        - j * setup.clock().secondsPerBlock(),
                                MarketPrice.of(path[0], Setup.PRICE_DECIMALS)));
            }
            feeds = feeds.append(st);
        }
        int n = setup.keys().size();
        return new World(
                setup,
                0,
                chain,
                feeds,
                Vector.fill(n, 0L),
                Vector.fill(n, 0),
                Vector.fill(n, new Tuple2<>(I256.ZERO, 0)),
                TreeMap.empty(),
                TreeMap.empty(),
                new LiquidationIndex().start(),
                io.vavr.collection.HashMap.empty());
    }

    static PushFeed feed(Scenario sc) {
        return PushFeed.chainlink(
                Setup.PRICE_DECIMALS,
                sc.oracle().deviationBps(),
                sc.oracle().heartbeatSeconds(),
                sc.oracle().latencyBlocks());
    }

    static Keeper<?> keeper(Scenario.KeeperSpec k) {
        Keeper<?> base = switch (k.strategy()) {
            case FULL_SCAN -> new Liquidator<>(new FullScan(), k.priorityFeeWei());
            case INDEXED -> new Liquidator<>(new LiquidationIndex(), k.priorityFeeWei());
            case PROFIT_AWARE ->
                new ProfitAware<>(new LiquidationIndex(), GasToken.ETHER, k.priorityFeeWei(), k.bidPercent());
            case LIMITED_CAPITAL ->
                new LimitedCapital<>(
                        new LiquidationIndex(),
                        new Bidding(GasToken.ETHER, k.priorityFeeWei(), k.bidPercent()),
                        k.capital(),
                        k.auctionMargin());
        };
        if (k.latePriceBlocks() > 0) {
            base = new LatePrices<>(base, k.latePriceBlocks());
        }
        if (k.gasPerBlock() > 0) {
            base = new GasBudget<>(base, k.gasPerBlock());
        }
        return base;
    }

    /** {@return whether the run has blocks left} */
    public boolean hasNext() {
        return index < setup.blocks();
    }

    /** {@return the world after one more block, with what the block did} */
    public Stepped step() {
        int i = index;
        long bn = setup.clock().block(i);
        long ts = setup.clock().timestamp(i);
        Market m = moveMarket(i, bn, ts);
        ProtocolState before = chain.state();
        BlockContext ctx = new BlockContext(bn, ts, OBSERVER, m.prices());
        Risk risk = scanRisk(before, m.prices(), bn, ts, i);
        Vector<PendingTx> external = externalTransactions(before, ctx, m, bn, i);
        Chain.Step step = chain.step(m.prices(), external, Rng.of(setup.seed(), Rng.BLOCK_BUILDING, i));
        BlockBuilder.Built built = step.block();
        ProtocolState after = built.state();
        Tally tally = new Tally(before, ctx, m, risk.since(), i, bn);
        built.outcomes().forEach(tally::add);
        TreeMap<Unwind, Tuple2<Integer, Integer>> nextUnwinding = finishedUnwindsDropped(tally.unwinding, after);

        // the health snapshot and the traders' top-up decisions
        Option<HealthSample> sample = Option.none();
        Vector<AccountId> underwater = Vector.empty();
        TreeMap<Integer, Vector<AccountId>> nextTopUps = topUps.remove(i);
        boolean last = i == setup.blocks() - 1;
        if (i % setup.scenario().sampleEvery() == 0 || last) {
            Health h = health(after, ctx, bn);
            sample = Option.some(h.sample());
            underwater = h.underwater();
            if (!last) {
                nextTopUps = scheduleTopUps(nextTopUps, h.low(), i);
            }
        }
        Chain nextChain = step.chain();
        BlockRow row = row(bn, ts, m, risk.liquidatable(), tally, before, after, nextChain, built, external.size());
        World next = new World(
                setup,
                i + 1,
                nextChain,
                m.feeds(),
                m.gaps(),
                m.generations(),
                tally.sales,
                nextUnwinding,
                nextTopUps,
                risk.scan().next(),
                risk.since());
        return new Stepped(
                next,
                row,
                sample,
                tally.events,
                built,
                before,
                ctx,
                tally.depths,
                tally.delayed,
                underwater,
                tally.waits,
                tally.sunkAtLiquidation);
    }

    /**
     * The market after a block's moves: each key's impact gap and its cascade generation, the market price, the
     * oracle's state and the answers the contract reads.
     */
    private record Market(
            Vector<Long> gaps,
            Vector<Integer> generations,
            Vector<Long> market,
            Vector<PushFeed.State> feeds,
            TreeMap<String, OracleAnswer> prices) {}

    /** Moves the market along the exogenous path, by what receivers sold last block, and lets the oracles see it. */
    private Market moveMarket(int i, long bn, long ts) {
        Scenario sc = setup.scenario();
        PushFeed feed = feed(sc);
        Vector<Long> nextGaps = Vector.empty();
        Vector<Integer> nextGen = Vector.empty();
        Vector<Long> market = Vector.empty();
        Vector<PushFeed.State> nextFeeds = Vector.empty();
        TreeMap<String, OracleAnswer> prices = TreeMap.empty();
        for (int k = 0; k < setup.keys().size(); k++) {
            Scenario.PriceSpec spec = sc.prices().get(setup.keys().get(k)).get();
            Tuple2<I256, Integer> sold = sales.get(k);
            long gap = PriceImpact.trade(
                    PriceImpact.recover(gaps.get(k), spec.impact().recoveryPerBlock()),
                    spec.impact().model(),
                    sold._1);
            int gen = Math.max(gapGeneration.get(k), sold._2);
            if (Math.abs(gap) < CASCADE_GAP) {
                gen = 0;
            }
            long price = PriceImpact.apply(setup.exogenous().get(k)[i], gap);
            nextGaps = nextGaps.append(gap);
            nextGen = nextGen.append(gen);
            market = market.append(price);
            PushFeed.State fs =
                    feed.next(feeds.get(k), new MarketTick(bn, ts, MarketPrice.of(price, Setup.PRICE_DECIMALS)));
            nextFeeds = nextFeeds.append(fs);
            Option<OracleAnswer> answer = feed.answer(fs);
            if (answer.isDefined()) {
                prices = prices.put(setup.keys().get(k), answer.get());
            }
        }
        if (!prices.containsKey(Setup.ETH_USD)) {
            prices = prices.put(
                    Setup.ETH_USD, new OracleAnswer(sc.chain().etherPrice().value(), Setup.PRICE_DECIMALS, ts));
        }
        return new Market(nextGaps, nextGen, market, nextFeeds, prices);
    }

    /**
     * What the world's own index (kept like a keeper's) finds before the block: the scan, how many accounts are
     * liquidatable, and for each the block index it has been liquidatable since.
     */
    private record Risk(
            Scanner.Scan<LiquidationIndex.State> scan,
            int liquidatable,
            io.vavr.collection.HashMap<AccountId, Integer> since) {}

    private Risk scanRisk(ProtocolState before, TreeMap<String, OracleAnswer> prices, long bn, long ts, int i) {
        KeeperView view =
                new KeeperView(OBSERVER, bn, ts, chain.baseFee(), prices, before, Vector.empty(), chain.lastTouched());
        Scanner.Scan<LiquidationIndex.State> scan = new LiquidationIndex().scan(view, riskIndex);
        io.vavr.collection.HashMap<AccountId, Integer> since = io.vavr.collection.HashMap.empty();
        for (var target : scan.liquidatable()) {
            since = since.put(
                    target.account(), liquidatableSince.get(target.account()).getOrElse(i));
        }
        return new Risk(scan, scan.liquidatable().size(), since);
    }

    /** {@return what traders and receivers send this block: scheduled top-ups, trader actions, unwinding sales} */
    private Vector<PendingTx> externalTransactions(ProtocolState before, BlockContext ctx, Market m, long bn, int i) {
        Vector<PendingTx> external = topUps.get(i)
                .map(ids -> ids.flatMap(id -> topUp(before, id, ctx))
                        .map(tx -> new PendingTx(Setup.senderOf(tx), tx, TRADER_GAS, TRADER_TIP, bn)))
                .getOrElse(Vector.empty());
        external = external.appendAll(traderActions(before, m.prices(), m.market(), bn, i));
        return external.appendAll(unwinds(before, m.prices(), m.market(), bn, i));
    }

    /**
     * What one block's outcomes did, added up transaction by transaction. Mutable, and confined to the
     * {@link #step} that made it: it never escapes into a world or a result.
     */
    private final class Tally {

        private final ProtocolState before;
        private final BlockContext ctx;
        private final Market market;
        private final io.vavr.collection.HashMap<AccountId, Integer> since;
        private final int i;
        private final long bn;

        int liquidations;
        long volume;
        int delayed;
        Vector<Integer> depths = Vector.empty();
        Vector<Integer> waits = Vector.empty();
        int sunkAtLiquidation;
        int adlFills;
        long adlNotional;
        Vector<String> events = Vector.empty();
        Vector<Tuple2<I256, Integer>> sales;
        TreeMap<Unwind, Tuple2<Integer, Integer>> unwinding;

        Tally(
                ProtocolState before,
                BlockContext ctx,
                Market market,
                io.vavr.collection.HashMap<AccountId, Integer> since,
                int i,
                long bn) {
            this.before = before;
            this.ctx = ctx;
            this.market = market;
            this.since = since;
            this.i = i;
            this.bn = bn;
            this.sales = Vector.fill(setup.keys().size(), new Tuple2<>(I256.ZERO, 0));
            this.unwinding = World.this.unwinding;
        }

        void add(Outcome o) {
            PendingTx p = o.tx();
            if (!(o instanceof Outcome.Succeeded s)) {
                if (chain.ledgers().containsKey(p.sender())) {
                    events = events.append(Json.failure(bn, o));
                }
                return;
            }
            if (p.tx() instanceof Tx.Trade t
                    && t.maker().equals(setup.scenario().protocol().marketMaker())
                    && World.this.unwinding.containsKey(new Unwind(t.taker(), t.market()))) {
                sold(p, t);
            }
            boolean liquidation = false;
            for (Event e : s.receipt().events()) {
                Option<Liquidated> seen = Liquidated.of(e);
                if (seen.isDefined()) {
                    liquidated(p, e, seen.get(), !liquidation);
                    liquidation = true;
                } else if (e instanceof Event.PositionAutoDeleveraged d) {
                    I256 notional =
                            Deleveraging.notional(setup.scenario().protocol().config(), d, Setup.PRICE_DECIMALS);
                    adlFills++;
                    adlNotional += clampLong(notional);
                    events = events.append(Json.deleveraged(bn, p, d, notional));
                } else if (e instanceof Event.ShortfallCovered || e instanceof Event.BadDebtRecorded) {
                    events = events.append(Json.event(bn, p, e, 0));
                }
            }
            if (liquidation && p.sentAt() < bn) {
                delayed++;
            }
        }

        /** A receiver selling what it took over (a backstop, a vault, or a keeper as liquidator). */
        private void sold(PendingTx p, Tx.Trade t) {
            Scenario sc = setup.scenario();
            int k = setup.keyIndex(setup.keyOf(t.market()));
            I256 notional = FixedPoint.mulDiv(
                    t.size(),
                    t.price()
                            .times(I256.pow10(
                                    sc.protocol().config().settlement().decimals())),
                    I256.pow10(underlyingDecimals(t.market()) + Setup.PRICE_DECIMALS),
                    Rounding.FLOOR);
            Tuple2<Integer, Integer> u =
                    World.this.unwinding.get(new Unwind(p.sender(), t.market())).getOrNull();
            int gen = u == null ? 0 : u._2;
            Tuple2<I256, Integer> acc = sales.get(k);
            sales = sales.update(k, new Tuple2<>(acc._1.plus(notional), Math.max(acc._2, gen)));
        }

        /** A liquidation event; one transaction is one liquidation, however many events it emits (flag and close). */
        private void liquidated(PendingTx p, Event e, Liquidated l, boolean first) {
            int depth = l.cross() ? depth(before, l.account(), ctx, market.gaps(), market.generations()) : 1;
            if (first) {
                liquidations++;
                depths = depths.append(depth);
                waits = waits.append(i - since.get(l.account()).getOrElse(i));
            }
            if (l.shortfall()) {
                sunkAtLiquidation++;
            }
            for (Event.ClosedPosition c : l.closed()) {
                volume += clampLong(c.value().abs());
                if (l.receiver().isDefined()) {
                    Unwind key = new Unwind(l.receiver().get(), c.market());
                    Tuple2<Integer, Integer> u = unwinding.get(key).getOrNull();
                    unwinding = unwinding.put(
                            key,
                            new Tuple2<>(
                                    u == null
                                            ? i + 1 + setup.scenario().unwind().delayBlocks()
                                            : u._1,
                                    Math.max(u == null ? 0 : u._2, depth)));
                }
            }
            events = events.append(Json.event(bn, p, e, depth));
        }
    }

    /** {@return the unwinds still to do: those whose receiver still holds a position in the market} */
    private static TreeMap<Unwind, Tuple2<Integer, Integer>> finishedUnwindsDropped(
            TreeMap<Unwind, Tuple2<Integer, Integer>> unwinding, ProtocolState after) {
        return unwinding.filter(e -> after.account(e._1.receiver())
                .flatMap(a -> a.position(e._1.market()))
                .exists(pos -> !pos.isFlat()));
    }

    /** {@return the block's row of metrics} */
    private BlockRow row(
            long bn,
            long ts,
            Market m,
            int liquidatable,
            Tally tally,
            ProtocolState before,
            ProtocolState after,
            Chain nextChain,
            BlockBuilder.Built built,
            int traderTxs) {
        Ledger l0 = before.ledger();
        Ledger l1 = after.ledger();
        long shortfall = clampLong(l1.shortfallCovered()
                .plus(l1.socializedLoss())
                .plus(l1.deleveraged())
                .plus(l1.badDebt())
                .minus(l0.shortfallCovered()
                        .plus(l0.socializedLoss())
                        .plus(l0.deleveraged())
                        .plus(l0.badDebt())));
        long profit = 0;
        for (KeeperLedger kl : nextChain.ledgers().values()) {
            profit += clampLong(kl.netProfit());
        }
        int pending = nextChain
                .mempool()
                .count(t -> t.tx() instanceof Tx.Liquidate || t.tx() instanceof Tx.LiquidateIsolated);
        Vector<Long> oracle = Vector.empty();
        for (String key : setup.keys()) {
            oracle = oracle.append(
                    m.prices().get(key).map(a -> clampLong(a.answer())).getOrElse(0L));
        }
        return new BlockRow(
                bn,
                ts,
                m.market(),
                oracle,
                liquidatable,
                tally.liquidations,
                tally.volume,
                clampLong(after.insuranceFund()),
                shortfall,
                clampLong(l1.socializedLoss().minus(l0.socializedLoss())),
                clampLong(l1.badDebt()),
                chain.baseFee(),
                built.gasUsed(),
                profit,
                pending,
                traderTxs,
                tally.adlFills,
                tally.adlNotional,
                clampLong(l1.deleveraged().minus(l0.deleveraged())));
    }

    /**
     * A position being unwound: its receiver and market.
     *
     * @param receiver who took the position over and sells it
     * @param market the market
     */
    record Unwind(AccountId receiver, MarketId market) implements Comparable<Unwind> {

        @Override
        public int compareTo(Unwind o) {
            int c = receiver.compareTo(o.receiver);
            return c != 0 ? c : market.compareTo(o.market);
        }
    }

    /**
     * What the world reads from any mechanism's liquidation event: whose account, which positions went to whom, and
     * whether the account's means fell short.
     *
     * @param account the liquidated account
     * @param cross whether its cross account (not one isolated position) was liquidated
     * @param receiver who took the closed positions over, when someone did
     * @param closed the positions (or parts) closed
     * @param shortfall whether the account could not cover its losses
     */
    record Liquidated(
            AccountId account,
            boolean cross,
            Option<AccountId> receiver,
            Vector<Event.ClosedPosition> closed,
            boolean shortfall) {

        static Option<Liquidated> of(Event e) {
            return switch (e) {
                case Event.AccountLiquidated l ->
                    Option.some(new Liquidated(
                            l.account(),
                            true,
                            Option.some(l.receiver()),
                            l.closed(),
                            l.shortfall().isPositive()));
                case Event.IsolatedPositionLiquidated l ->
                    Option.some(new Liquidated(l.account(), false, Option.none(), Vector.empty(), false));
                case Event.LiquidationCalled l ->
                    Option.some(new Liquidated(l.account(), true, Option.some(l.receiver()), l.closed(), false));
                case Event.AccountAbsorbed a ->
                    Option.some(new Liquidated(a.account(), true, Option.some(a.receiver()), a.closed(), false));
                case Event.AccountBackstopped b ->
                    Option.some(new Liquidated(
                            b.account(),
                            true,
                            Option.some(b.vault()),
                            b.closed(),
                            b.shortfall().isPositive()));
                case Event.AuctionKicked k when k.reset() -> Option.none(); // a redo, not a new liquidation
                case Event.AuctionKicked k ->
                    Option.some(new Liquidated(k.owner(), true, Option.none(), Vector.empty(), false));
                case Event.AccountFlagged f ->
                    Option.some(new Liquidated(f.account(), true, Option.none(), Vector.empty(), false));
                case Event.WindowLiquidation w ->
                    Option.some(new Liquidated(w.account(), true, Option.some(w.receiver()), w.closed(), false));
                case Event.FillableLiquidation f ->
                    Option.some(new Liquidated(
                            f.account(),
                            true,
                            Option.some(f.receiver()),
                            Vector.of(f.closed()),
                            f.shortfall().isPositive()));
                default -> Option.none();
            };
        }
    }

    private int underlyingDecimals(MarketId market) {
        ProtocolConfig c = setup.scenario().protocol().config();
        return c.assets().get(c.markets().get(market).get().underlying()).get().decimals();
    }

    /**
     * {@return the cascade generation of a liquidation}: 1 when the account is liquidatable without the impact of
     * earlier liquidation sales (each key's answer with its current gap taken out), else one more than the deepest
     * generation whose sales make up the gaps
     */
    private int depth(
            ProtocolState before, AccountId account, BlockContext ctx, Vector<Long> gaps, Vector<Integer> generation) {
        int deepest = generation.max().getOrElse(0);
        if (deepest == 0) {
            return 1;
        }
        TreeMap<String, OracleAnswer> counterfactual = ctx.prices();
        for (int k = 0; k < setup.keys().size(); k++) {
            long gap = gaps.get(k);
            OracleAnswer a = counterfactual.get(setup.keys().get(k)).getOrNull();
            if (gap != 0 && a != null) {
                I256 without = FixedPoint.mulDiv(
                                a.answer(), I256.of(PriceImpact.PPB), I256.of(PriceImpact.PPB + gap), Rounding.FLOOR)
                        .max(I256.ONE);
                counterfactual =
                        counterfactual.put(setup.keys().get(k), new OracleAnswer(without, a.decimals(), a.updatedAt()));
            }
        }
        BlockContext exogenous = new BlockContext(ctx.number(), ctx.timestamp(), ctx.sender(), counterfactual);
        boolean anyway = Views.isLiquidatable(before, account, exogenous).getOrElse(true);
        return anyway ? 1 : deepest + 1;
    }

    private Vector<Tx> topUp(ProtocolState state, AccountId id, BlockContext ctx) {
        Scenario.Behaviour b = setup.scenario().traders().behaviour();
        Trader t = setup.byId().get(id).getOrNull();
        if (t == null || t.isolated()) {
            return Vector.empty();
        }
        AccountData d = Views.accountData(state, id, ctx).getOrNull();
        if (d == null || !d.hasRisk()) {
            return Vector.empty();
        }
        I256 target =
                FixedPoint.mulDivCeil(d.maintenanceRequirement(), b.topUpTo().raw(), FixedPoint.WAD);
        I256 need = target.minus(d.marginEquity());
        if (!need.isPositive()) {
            return Vector.empty();
        }
        return Vector.of(new Tx.Deposit(id, setup.scenario().protocol().config().settlementAsset(), need.toU256()));
    }

    private TreeMap<Integer, Vector<AccountId>> scheduleTopUps(
            TreeMap<Integer, Vector<AccountId>> scheduled, Vector<AccountId> low, int i) {
        Scenario.Behaviour b = setup.scenario().traders().behaviour();
        RandomGenerator r = Rng.of(setup.seed(), Rng.TOP_UPS, i);
        TreeMap<Integer, Vector<AccountId>> out = scheduled;
        int at = i + 1 + b.topUpDelayBlocks();
        for (AccountId id : low) {
            if (Population.chance(r, b.topUpProbability())) {
                out = out.put(at, out.get(at).getOrElse(Vector.empty()).append(id));
            }
        }
        return out;
    }

    private record Health(HealthSample sample, Vector<AccountId> low, Vector<AccountId> underwater) {}

    /** {@return the health snapshot of every account with risk, the traders below the top-up threshold and those underwater} */
    private Health health(ProtocolState state, BlockContext ctx, long bn) {
        HealthKernel kernel = HealthKernel.of(state, ctx);
        KernelAccounts accounts = KernelAccounts.of(state);
        KernelResults results = kernel.evaluate(accounts);
        int[] buckets = new int[HealthSample.BUCKETS.size()];
        int underwater = 0;
        long below = setup.scenario()
                .traders()
                .behaviour()
                .topUpBelow()
                .raw()
                .divide(I256.of(1_000_000_000_000_000L), Rounding.FLOOR)
                .longValueExact();
        Vector<AccountId> low = Vector.empty();
        Vector<AccountId> sunk = Vector.empty();
        for (int a = 0; a < results.count(); a++) {
            AccountData d = results.data(a).getOrNull();
            if (d == null || !d.hasRisk() || !d.maintenanceRequirement().isPositive()) {
                continue;
            }
            long milli = d.marginEquity().isNegative()
                    ? -1
                    : clampLong(
                            d.marginEquity().times(I256.of(1_000)).divide(d.maintenanceRequirement(), Rounding.FLOOR));
            buckets[HealthSample.bucket(milli)]++;
            if (d.marginEquity().isNegative()) {
                underwater++;
                sunk = sunk.append(accounts.id(a).get());
            }
            if (milli < below && milli >= 1_000) {
                AccountId id = accounts.id(a).get();
                if (setup.byId().containsKey(id)) {
                    low = low.append(id);
                }
            }
        }
        Vector<Integer> counts = Vector.ofAll(buckets);
        return new Health(new HealthSample(bn, counts, underwater), low, sunk);
    }

    /** {@return the trades traders send this block: closing, reducing and opening positions at random} */
    private Vector<PendingTx> traderActions(
            ProtocolState state, TreeMap<String, OracleAnswer> prices, Vector<Long> market, long bn, int i) {
        Scenario.TraderSpec spec = setup.scenario().traders();
        Scenario.Behaviour b = spec.behaviour();
        double perDay = PriceImpact.fraction(b.closePerDay())
                .add(PriceImpact.fraction(b.reducePerDay()))
                .add(PriceImpact.fraction(b.openPerDay()))
                .doubleValue();
        double lambda = perDay * setup.traders().size() * setup.clock().secondsPerBlock() / 86_400.0;
        if (lambda <= 0) {
            return Vector.empty();
        }
        RandomGenerator r = Rng.of(setup.seed(), Rng.ACTIONS, i);
        int n = poisson(r, lambda);
        Vector<PendingTx> out = Vector.empty();
        AccountId mm = setup.scenario().protocol().marketMaker();
        for (int a = 0; a < n; a++) {
            Trader t = setup.traders().get(r.nextInt(setup.traders().size()));
            double u = r.nextDouble() * perDay;
            Account acct = state.account(t.id()).getOrNull();
            if (acct == null) {
                continue;
            }
            String key = setup.keyOf(t.market());
            OracleAnswer answer = prices.get(key).getOrNull();
            if (answer == null) {
                continue;
            }
            I256 price = tradePrice(t.market(), answer.answer(), market.get(setup.keyIndex(key)));
            I256 size = t.isolated()
                    ? acct.isolated()
                            .get(t.market())
                            .map(IsolatedPosition::position)
                            .map(Position::size)
                            .getOrElse(I256.ZERO)
                    : acct.position(t.market()).map(Position::size).getOrElse(I256.ZERO);
            Tx tx = traderTx(t, u, size, price, b, mm);
            if (tx != null) {
                out = out.append(new PendingTx(t.id(), tx, TRADER_GAS, TRADER_TIP, bn));
            }
        }
        return out;
    }

    /** {@return the sales receivers send this block: a share of each position they were handed} */
    private Vector<PendingTx> unwinds(
            ProtocolState state, TreeMap<String, OracleAnswer> prices, Vector<Long> market, long bn, int i) {
        Vector<PendingTx> out = Vector.empty();
        AccountId mm = setup.scenario().protocol().marketMaker();
        for (var e : unwinding) {
            if (e._2._1 > i) {
                continue;
            }
            AccountId receiver = e._1.receiver();
            MarketId m = e._1.market();
            Position pos = state.account(receiver).flatMap(a -> a.position(m)).getOrNull();
            if (pos == null || pos.isFlat()) {
                continue;
            }
            String key = setup.keyOf(m);
            OracleAnswer answer = prices.get(key).getOrNull();
            if (answer == null) {
                continue;
            }
            I256 size = pos.size();
            I256 lot = FixedPoint.mulDiv(
                    size.abs(), setup.scenario().unwind().fractionPerBlock().raw(), FixedPoint.WAD, Rounding.CEIL);
            lot = lot.min(size.abs());
            I256 price = tradePrice(m, answer.answer(), market.get(setup.keyIndex(key)));
            out = out.append(new PendingTx(
                    receiver,
                    new Tx.Trade(m, receiver, mm, size.isNegative() ? lot : lot.negate(), price),
                    TRADER_GAS,
                    TRADER_TIP * 10,
                    bn));
        }
        return out;
    }

    /**
     * {@return what a trader does when its draw is {@code u} (from 0 to its actions per day): close, cut by the reduce
     * fraction, or open again at its notional; null for nothing}
     */
    private Tx traderTx(Trader t, double u, I256 size, I256 price, Scenario.Behaviour b, AccountId mm) {
        double close = PriceImpact.fraction(b.closePerDay()).doubleValue();
        double reduce = close + PriceImpact.fraction(b.reducePerDay()).doubleValue();
        Tx tx = null;
        if (u < close && !size.isZero()) {
            tx = t.isolated()
                    ? new Tx.CloseIsolated(t.id(), t.market(), mm, price)
                    : new Tx.Trade(t.market(), t.id(), mm, size.negate(), price);
        } else if (u >= close && u < reduce && !size.isZero()) {
            I256 cut = FixedPoint.mulDiv(size.abs(), b.reduceFraction().raw(), FixedPoint.WAD, Rounding.FLOOR);
            if (!cut.isZero()) {
                I256 delta = size.isNegative() ? cut : cut.negate();
                tx = t.isolated()
                        ? new Tx.ModifyIsolated(t.id(), t.market(), mm, delta, price)
                        : new Tx.Trade(t.market(), t.id(), mm, delta, price);
            }
        } else if (u >= reduce && size.isZero() && !t.isolated()) {
            I256 open = Setup.sizeOf(
                    t.notional(),
                    price,
                    underlyingDecimals(t.market()),
                    setup.scenario().protocol().config().settlement().decimals());
            if (!open.isZero()) {
                tx = new Tx.Trade(t.market(), t.id(), mm, t.isLong() ? open : open.negate(), price);
            }
        }
        return tx;
    }

    /** {@return the market price, kept inside the market's price band around the oracle answer} */
    private I256 tradePrice(MarketId m, I256 oracle, long market) {
        ProtocolConfig c = setup.scenario().protocol().config();
        I256 band = FixedPoint.mulDiv(
                oracle,
                c.markets().get(m).get().priceBand().raw().times(I256.of(9)),
                FixedPoint.WAD.times(I256.of(10)),
                Rounding.FLOOR);
        I256 p = I256.of(market);
        return p.max(oracle.minus(band)).min(oracle.plus(band)).max(I256.ONE);
    }

    static int poisson(RandomGenerator r, double lambda) {
        if (lambda > 30) {
            return (int) Math.max(0, Math.round(lambda + StrictMath.sqrt(lambda) * r.nextGaussian()));
        }
        double limit = StrictMath.exp(-lambda);
        double product = r.nextDouble();
        int n = 0;
        while (product > limit && n < 1_000) {
            product *= r.nextDouble();
            n++;
        }
        return n;
    }

    static long clampLong(I256 v) {
        if (v.fitsLong()) {
            return v.longValueExact();
        }
        return v.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
}
