package dev.solvent.simulation.world;

import dev.solvent.keeper.GasToken;
import dev.solvent.keeper.Keeper;
import dev.solvent.keeper.PendingTx;
import dev.solvent.keeper.chain.BlockBuilder;
import dev.solvent.keeper.chain.Chain;
import dev.solvent.keeper.chain.ChainParams;
import dev.solvent.keeper.strategy.Bidding;
import dev.solvent.keeper.strategy.FullScan;
import dev.solvent.keeper.strategy.GasBudget;
import dev.solvent.keeper.strategy.LatePrices;
import dev.solvent.keeper.strategy.LimitedCapital;
import dev.solvent.keeper.strategy.LiquidationIndex;
import dev.solvent.keeper.strategy.Liquidator;
import dev.solvent.keeper.strategy.ProfitAware;
import dev.solvent.model.id.AccountId;
import dev.solvent.model.math.I256;
import dev.solvent.model.state.ProtocolState;
import dev.solvent.model.tx.BlockContext;
import dev.solvent.oracle.feed.PushFeed;
import dev.solvent.oracle.market.MarketPrice;
import dev.solvent.oracle.market.MarketTick;
import dev.solvent.simulation.metrics.BlockRow;
import dev.solvent.simulation.metrics.HealthSample;
import dev.solvent.simulation.scenario.Scenario;
import io.vavr.Tuple2;
import io.vavr.collection.TreeMap;
import io.vavr.collection.Vector;
import io.vavr.control.Option;

/**
 * The simulated world between two blocks, as an immutable value: the chain (protocol state, mempool, keepers and their
 * ledgers), each price key's oracle and impact gap, scheduled trader top-ups and the positions being unwound.
 * {@link #step} moves it one block: the exogenous path and earlier liquidation sales move the market, oracles update
 * by their rules, traders act, receivers unwind, keepers act, the block is built under the gas rules and executed.
 * Each stage has its own file: {@link MarketMove} (market and oracles), {@link Risk} (the world's liquidation scan),
 * {@link TraderFlow} (what traders and receivers send), {@link Tally} (what the block's outcomes did),
 * {@link Health} (the health snapshot) and {@link BlockRows} (the block's metrics).
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

    /** The sender of the world's own reads: its risk scan and the blocks' contexts. */
    static final AccountId OBSERVER = AccountId.of("observer");

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
        MarketMove m = MarketMove.of(this, i, bn, ts);
        ProtocolState before = chain.state();
        BlockContext ctx = new BlockContext(bn, ts, OBSERVER, m.prices());
        Risk risk = Risk.scan(this, before, m.prices(), bn, ts, i);
        TraderFlow traders = new TraderFlow(this);
        Vector<PendingTx> external = traders.externalTransactions(before, ctx, m, bn, i);
        Chain.Step step = chain.step(m.prices(), external, Rng.of(setup.seed(), Rng.BLOCK_BUILDING, i));
        BlockBuilder.Built built = step.block();
        ProtocolState after = built.state();
        Tally tally = new Tally(this, before, ctx, m, risk.since(), i, bn);
        built.outcomes().forEach(tally::add);
        TreeMap<Unwind, Tuple2<Integer, Integer>> nextUnwinding = finishedUnwindsDropped(tally.unwinding, after);

        // the health snapshot and the traders' top-up decisions
        Option<HealthSample> sample = Option.none();
        Vector<AccountId> underwater = Vector.empty();
        TreeMap<Integer, Vector<AccountId>> nextTopUps = topUps.remove(i);
        boolean last = i == setup.blocks() - 1;
        if (i % setup.scenario().sampleEvery() == 0 || last) {
            Health h = Health.check(setup, after, ctx, bn);
            sample = Option.some(h.sample());
            underwater = h.underwater();
            if (!last) {
                nextTopUps = traders.scheduleTopUps(nextTopUps, h.low(), i);
            }
        }
        Chain nextChain = step.chain();
        BlockRow row = BlockRows.row(
                this, bn, ts, m, risk.liquidatable(), tally, before, after, nextChain, built, external.size());
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

    /** {@return the unwinds still to do: those whose receiver still holds a position in the market} */
    private static TreeMap<Unwind, Tuple2<Integer, Integer>> finishedUnwindsDropped(
            TreeMap<Unwind, Tuple2<Integer, Integer>> unwinding, ProtocolState after) {
        return unwinding.filter(e -> after.account(e._1.receiver())
                .flatMap(a -> a.position(e._1.market()))
                .exists(pos -> !pos.isFlat()));
    }

    static long clampLong(I256 v) {
        if (v.fitsLong()) {
            return v.longValueExact();
        }
        return v.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
}
