package dev.solvent.simulation.world;

import dev.solvent.keeper.PendingTx;
import dev.solvent.model.config.ProtocolConfig;
import dev.solvent.model.id.AccountId;
import dev.solvent.model.id.MarketId;
import dev.solvent.model.logic.MarginLogic.AccountData;
import dev.solvent.model.math.FixedPoint;
import dev.solvent.model.math.I256;
import dev.solvent.model.math.Rounding;
import dev.solvent.model.state.Account;
import dev.solvent.model.state.IsolatedPosition;
import dev.solvent.model.state.Position;
import dev.solvent.model.state.ProtocolState;
import dev.solvent.model.tx.BlockContext;
import dev.solvent.model.tx.OracleAnswer;
import dev.solvent.model.tx.Tx;
import dev.solvent.model.view.Views;
import dev.solvent.simulation.scenario.Scenario;
import io.vavr.collection.TreeMap;
import io.vavr.collection.Vector;
import java.util.random.RandomGenerator;

/**
 * What traders and receivers send in a block, before keepers act: scheduled top-ups, trades drawn at random from the
 * traders' behaviour, and receivers' sales of the positions they took over. Also decides which traders schedule a
 * top-up after a health check.
 */
final class TraderFlow {

    /** Gas limit traders and receivers give their transactions. */
    static final long TRADER_GAS = 1_000_000;

    /** Priority fee traders and receivers bid, wei. */
    static final long TRADER_TIP = 100_000_000;

    private final World world;
    private final Setup setup;

    TraderFlow(World world) {
        this.world = world;
        this.setup = world.setup();
    }

    /** {@return what traders and receivers send this block: scheduled top-ups, trader actions, unwinding sales} */
    Vector<PendingTx> externalTransactions(ProtocolState before, BlockContext ctx, MarketMove m, long bn, int i) {
        Vector<PendingTx> external = world.topUps()
                .get(i)
                .map(ids -> ids.flatMap(id -> topUp(before, id, ctx))
                        .map(tx -> new PendingTx(Setup.senderOf(tx), tx, TRADER_GAS, TRADER_TIP, bn)))
                .getOrElse(Vector.empty());
        external = external.appendAll(traderActions(before, m.prices(), m.market(), bn, i));
        return external.appendAll(unwinds(before, m.prices(), m.market(), bn, i));
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

    TreeMap<Integer, Vector<AccountId>> scheduleTopUps(
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
        for (var e : world.unwinding()) {
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
                    setup.underlyingDecimals(t.market()),
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

    private static int poisson(RandomGenerator r, double lambda) {
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
}
