package dev.solvent.simulation.world;

import dev.solvent.keeper.PendingTx;
import dev.solvent.keeper.chain.Outcome;
import dev.solvent.model.id.AccountId;
import dev.solvent.model.math.FixedPoint;
import dev.solvent.model.math.I256;
import dev.solvent.model.math.Rounding;
import dev.solvent.model.state.ProtocolState;
import dev.solvent.model.tx.BlockContext;
import dev.solvent.model.tx.Event;
import dev.solvent.model.tx.OracleAnswer;
import dev.solvent.model.tx.Tx;
import dev.solvent.model.view.Views;
import dev.solvent.simulation.metrics.Deleveraging;
import dev.solvent.simulation.scenario.Scenario;
import io.vavr.Tuple2;
import io.vavr.collection.TreeMap;
import io.vavr.collection.Vector;
import io.vavr.control.Option;

/**
 * What one block's outcomes did, added up transaction by transaction. Mutable, and confined to the
 * {@link World#step} that made it: it never escapes into a world or a result.
 */
final class Tally {

    private final World world;
    private final Setup setup;
    private final ProtocolState before;
    private final BlockContext ctx;
    private final MarketMove market;
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
            World world,
            ProtocolState before,
            BlockContext ctx,
            MarketMove market,
            io.vavr.collection.HashMap<AccountId, Integer> since,
            int i,
            long bn) {
        this.world = world;
        this.setup = world.setup();
        this.before = before;
        this.ctx = ctx;
        this.market = market;
        this.since = since;
        this.i = i;
        this.bn = bn;
        this.sales = Vector.fill(setup.keys().size(), new Tuple2<>(I256.ZERO, 0));
        this.unwinding = world.unwinding();
    }

    void add(Outcome o) {
        PendingTx p = o.tx();
        if (!(o instanceof Outcome.Succeeded s)) {
            if (world.chain().ledgers().containsKey(p.sender())) {
                events = events.append(Json.failure(bn, o));
            }
            return;
        }
        if (p.tx() instanceof Tx.Trade t
                && t.maker().equals(setup.scenario().protocol().marketMaker())
                && world.unwinding().containsKey(new Unwind(t.taker(), t.market()))) {
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
                adlNotional += World.clampLong(notional);
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
                t.price().times(I256.pow10(sc.protocol().config().settlement().decimals())),
                I256.pow10(setup.underlyingDecimals(t.market()) + Setup.PRICE_DECIMALS),
                Rounding.FLOOR);
        Tuple2<Integer, Integer> u =
                world.unwinding().get(new Unwind(p.sender(), t.market())).getOrNull();
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
            volume += World.clampLong(c.value().abs());
            if (l.receiver().isDefined()) {
                Unwind key = new Unwind(l.receiver().get(), c.market());
                Tuple2<Integer, Integer> u = unwinding.get(key).getOrNull();
                unwinding = unwinding.put(
                        key,
                        new Tuple2<>(
                                u == null ? i + 1 + setup.scenario().unwind().delayBlocks() : u._1,
                                Math.max(u == null ? 0 : u._2, depth)));
            }
        }
        events = events.append(Json.event(bn, p, e, depth));
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
}
