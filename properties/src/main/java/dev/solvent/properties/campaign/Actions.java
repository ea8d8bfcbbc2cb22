package dev.solvent.properties.campaign;

import dev.solvent.model.config.AssetConfig;
import dev.solvent.model.config.MarketConfig;
import dev.solvent.model.config.ProtocolConfig;
import dev.solvent.model.id.AccountId;
import dev.solvent.model.id.AssetId;
import dev.solvent.model.id.MarketId;
import dev.solvent.model.logic.MarginLogic;
import dev.solvent.model.math.FixedPoint;
import dev.solvent.model.math.I256;
import dev.solvent.model.math.Rounding;
import dev.solvent.model.math.U256;
import dev.solvent.model.state.Account;
import dev.solvent.model.state.IsolatedPosition;
import dev.solvent.model.tx.OracleAnswer;
import dev.solvent.model.tx.Tx;
import dev.solvent.properties.arbitrary.PricePath;
import dev.solvent.properties.arbitrary.Standard;
import io.vavr.Tuple2;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.state.Action;
import net.jqwik.api.state.Transformer;

/**
 * The actions of the standard campaign, one per transaction kind plus price moves. Each reads the world to choose
 * sensible arguments (sizes near what margin allows, accounts that are liquidatable, buckets that exist) but also
 * sends the odd hopeless transaction, so that reverts are exercised too. Each transformer is described as a log line
 * with its block, so a shrunk failure reads as a transaction list.
 */
final class Actions {

    private Actions() {}

    private static final I256 BPS = I256.of(10_000);

    /** A dependent action from a function of the world. */
    private static Action.Dependent<World> dependent(Function<World, Arbitrary<Transformer<World>>> f) {
        return f::apply;
    }

    private static Transformer<World> send(World w, Tx tx, AccountId sender, String what) {
        String note = what + " @ block " + w.block();
        return Transformer.transform(note, x -> x.send(tx, sender, note));
    }

    private static Arbitrary<AccountId> trader(World w) {
        return Arbitraries.of(w.setup().traders().asJava());
    }

    private static Arbitrary<MarketId> market(World w) {
        return Arbitraries.of(w.state().config().markets().keySet().toJavaList());
    }

    private static int decimals(World w, AssetId asset) {
        return w.state().config().assets().get(asset).get().decimals();
    }

    private static Option<OracleAnswer> answer(World w, MarketId m) {
        ProtocolConfig c = w.state().config();
        AssetConfig u = c.assets().get(c.markets().get(m).get().underlying()).get();
        return u.priceKey().flatMap(k -> w.prices().get(k));
    }

    /** {@return whole units of {@code asset} shown with its decimals, for descriptions} */
    static String show(I256 amount, int decimals) {
        String digits = amount.abs().toString();
        if (decimals == 0) {
            return (amount.isNegative() ? "-" : "") + digits;
        }
        if (digits.length() <= decimals) {
            digits = "0".repeat(decimals + 1 - digits.length()) + digits;
        }
        String whole = digits.substring(0, digits.length() - decimals);
        String fraction = digits.substring(digits.length() - decimals).replaceAll("0+$", "");
        return (amount.isNegative() ? "-" : "") + whole + (fraction.isEmpty() ? "" : "." + fraction);
    }

    /** {@return a trade price {@code offsetBps} from the oracle price, or one unit when there is no answer} */
    private static I256 price(World w, MarketId m, int offsetBps) {
        return answer(w, m)
                .map(a -> a.answer()
                        .times(I256.of(10_000L + offsetBps))
                        .divide(BPS, Rounding.FLOOR)
                        .max(I256.ONE))
                .getOrElse(I256.ONE);
    }

    /**
     * {@return a size worth {@code perMille}/1000 of what {@code notional} settlement units buy at the oracle price}
     * (never zero), positive or negative
     */
    private static I256 size(World w, MarketId m, I256 notional, int perMille, boolean buy) {
        ProtocolConfig c = w.state().config();
        MarketConfig mc = c.markets().get(m).get();
        int du = decimals(w, mc.underlying());
        int ds = c.settlement().decimals();
        Option<OracleAnswer> a = answer(w, m);
        if (a.isEmpty() || !a.get().answer().isPositive()) {
            return buy ? I256.ONE : I256.ONE.negate();
        }
        int shift = du + a.get().decimals() - ds;
        I256 scaled = notional.times(I256.of(perMille));
        I256 s = shift >= 0
                ? FixedPoint.mulDivFloor(
                        scaled, I256.pow10(shift), a.get().answer().times(I256.of(1000)))
                : scaled.divide(a.get().answer().times(I256.of(1000)).times(I256.pow10(-shift)), Rounding.FLOOR);
        s = s.max(I256.ONE);
        return buy ? s : s.negate();
    }

    /** {@return the notional an account's free collateral supports at a market's initial margin, at least 100 USDC} */
    private static I256 capacity(World w, AccountId id, MarketId m) {
        ProtocolConfig c = w.state().config();
        I256 floor = I256.of(100).times(I256.pow10(c.settlement().decimals()));
        Account a = w.state().account(id).getOrNull();
        if (a == null) {
            return floor;
        }
        I256 free = MarginLogic.cross(w.state(), a, w.blockFor(id))
                .map(MarginLogic.AccountData::freeCollateral)
                .getOrElse(I256.ZERO);
        I256 im = c.markets().get(m).get().initialMargin().raw();
        I256 n = free.isPositive() ? FixedPoint.mulDivFloor(free, FixedPoint.WAD, im) : I256.ZERO;
        return n.max(floor);
    }

    // ---- the actions

    static Action.Dependent<World> deposit() {
        return dependent(w -> Combinators.combine(
                        trader(w),
                        Arbitraries.of(Standard.USDC, Standard.USDC, Standard.WETH, Standard.WBTC),
                        Arbitraries.longs().between(1, 5_000).edgeCases(e -> e.includeOnly(1L)))
                .as((t, asset, n) -> {
                    // n thousandths of a whole unit, or one base unit
                    int d = decimals(w, asset);
                    I256 amount =
                            n == 1 ? I256.ONE : I256.of(n).times(I256.pow10(d)).divide(I256.of(1000), Rounding.FLOOR);
                    return send(
                            w,
                            new Tx.Deposit(t, asset, amount.max(I256.ONE).toU256()),
                            t,
                            t + " deposits " + show(amount, d) + " " + asset);
                }));
    }

    static Action.Dependent<World> withdraw() {
        return dependent(w -> Combinators.combine(
                        trader(w),
                        Arbitraries.of(Standard.USDC, Standard.USDC, Standard.WETH, Standard.WBTC),
                        Arbitraries.integers().between(1, 1000).edgeCases(e -> e.includeOnly(1000)))
                .as((t, asset, perMille) -> {
                    I256 balance = w.state().accountOrEmpty(t).balance(asset);
                    I256 amount = balance.isPositive()
                            ? balance.times(I256.of(perMille)).divide(I256.of(1000), Rounding.CEIL)
                            : I256.pow10(decimals(w, asset));
                    return send(
                            w,
                            new Tx.Withdraw(t, asset, amount.max(I256.ONE).toU256()),
                            t,
                            t + " withdraws " + show(amount, decimals(w, asset)) + " " + asset);
                }));
    }

    static Action.Dependent<World> borrow() {
        return dependent(w -> Combinators.combine(
                        trader(w), Arbitraries.integers().between(1, 2_000))
                .as((t, milli) -> {
                    I256 amount = I256.of(milli).times(I256.pow10(15));
                    return send(
                            w,
                            new Tx.Borrow(t, Standard.WETH, amount.toU256()),
                            t,
                            t + " borrows " + show(amount, 18) + " WETH");
                }));
    }

    static Action.Dependent<World> repay() {
        return dependent(w -> Combinators.combine(
                        trader(w), Arbitraries.integers().between(1, 1000).edgeCases(e -> e.includeOnly(1000)))
                .as((t, perMille) -> {
                    I256 debt =
                            w.state().accountOrEmpty(t).balance(Standard.WETH).negate();
                    I256 amount = debt.isPositive()
                            ? debt.times(I256.of(perMille)).divide(I256.of(1000), Rounding.CEIL)
                            : I256.pow10(15);
                    return send(
                            w,
                            new Tx.Repay(t, Standard.WETH, amount.toU256()),
                            t,
                            t + " repays " + show(amount, 18) + " WETH");
                }));
    }

    static Action.Dependent<World> fundInsurance() {
        return dependent(w -> Arbitraries.longs().between(1, 2_000).map(n -> {
            I256 amount = I256.of(n * 1_000_000L);
            AccountId k = w.setup().keeper();
            return send(
                    w, new Tx.FundInsurance(amount.toU256()), k, k + " funds the insurance with " + show(amount, 6));
        }));
    }

    static Action.Dependent<World> trade() {
        return dependent(w -> Combinators.combine(
                        trader(w),
                        trader(w),
                        market(w),
                        Arbitraries.of(true, false),
                        Arbitraries.frequencyOf(
                                        net.jqwik.api.Tuple.of(
                                                1, Arbitraries.integers().between(1, 1100)),
                                        net.jqwik.api.Tuple.of(
                                                2, Arbitraries.integers().between(800, 1000)))
                                .edgeCases(e -> e.includeOnly(1000, 1)),
                        Arbitraries.integers().between(-150, 150).edgeCases(e -> e.includeOnly(0)))
                .as((taker, maker, m, buy, perMille, offset) -> {
                    I256 size = size(w, m, capacity(w, taker, m), perMille, buy);
                    I256 price = price(w, m, offset);
                    int du = decimals(
                            w, w.state().config().markets().get(m).get().underlying());
                    return send(
                            w,
                            new Tx.Trade(m, taker, maker, size, price),
                            taker,
                            taker + (buy ? " buys " : " sells ") + show(size.abs(), du) + " " + m + " from " + maker
                                    + " at " + show(price, 8));
                }));
    }

    /** {@return existing isolated buckets, or none} */
    private static Vector<Tuple2<AccountId, MarketId>> buckets(World w) {
        Vector<Tuple2<AccountId, MarketId>> out = Vector.empty();
        for (AccountId t : w.setup().traders()) {
            for (MarketId m : w.state().accountOrEmpty(t).isolated().keySet()) {
                out = out.append(new Tuple2<>(t, m));
            }
        }
        return out;
    }

    /** {@return a bucket that exists, most of the time, or any trader and market} */
    private static Arbitrary<Tuple2<AccountId, MarketId>> bucket(World w) {
        Vector<Tuple2<AccountId, MarketId>> existing = buckets(w);
        Arbitrary<Tuple2<AccountId, MarketId>> any =
                Combinators.combine(trader(w), market(w)).as(Tuple2::new);
        return existing.isEmpty()
                ? any
                : Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(9, Arbitraries.of(existing.asJava())), net.jqwik.api.Tuple.of(1, any));
    }

    static Action.Dependent<World> openIsolated() {
        return dependent(w -> Combinators.combine(
                        trader(w),
                        trader(w),
                        market(w),
                        Arbitraries.of(true, false),
                        Arbitraries.longs().between(10, 3_000),
                        Arbitraries.integers().between(1, 1100).edgeCases(e -> e.includeOnly(1000)),
                        Arbitraries.integers().between(-150, 150))
                .as((t, maker, m, buy, marginUsd, perMille, offset) -> {
                    I256 margin = I256.of(marginUsd * 1_000_000L);
                    I256 im = w.state()
                            .config()
                            .markets()
                            .get(m)
                            .get()
                            .initialMargin()
                            .raw();
                    I256 notional = FixedPoint.mulDivFloor(margin, FixedPoint.WAD, im);
                    I256 size = size(w, m, notional, perMille, buy);
                    I256 price = price(w, m, offset);
                    int du = decimals(
                            w, w.state().config().markets().get(m).get().underlying());
                    return send(
                            w,
                            new Tx.OpenIsolated(t, m, maker, size, price, margin.toU256()),
                            t,
                            t + " opens an isolated " + (buy ? "long " : "short ") + show(size.abs(), du) + " " + m
                                    + " with " + show(margin, 6) + " USDC margin against " + maker);
                }));
    }

    static Action.Dependent<World> modifyIsolated() {
        return dependent(w -> Combinators.combine(
                        bucket(w),
                        trader(w),
                        Arbitraries.integers().between(-1500, 1000).filter(x -> x != 0),
                        Arbitraries.integers().between(-150, 150))
                .as((b, maker, perMille, offset) -> {
                    IsolatedPosition ip =
                            w.state().accountOrEmpty(b._1).isolated().get(b._2).getOrNull();
                    I256 current = ip == null || ip.position().isFlat()
                            ? I256.pow10(6)
                            : ip.position().size();
                    I256 delta = current.times(I256.of(perMille)).divide(I256.of(1000), Rounding.FLOOR);
                    if (delta.isZero()) {
                        delta = I256.ONE;
                    }
                    I256 price = price(w, b._2, offset);
                    return send(
                            w,
                            new Tx.ModifyIsolated(b._1, b._2, maker, delta, price),
                            b._1,
                            b._1 + " changes its isolated " + b._2 + " by " + delta + " against " + maker);
                }));
    }

    static Action.Dependent<World> closeIsolated() {
        return dependent(w -> Combinators.combine(
                        bucket(w), trader(w), Arbitraries.integers().between(-150, 150))
                .as((b, maker, offset) -> send(
                        w,
                        new Tx.CloseIsolated(b._1, b._2, maker, price(w, b._2, offset)),
                        b._1,
                        b._1 + " closes its isolated " + b._2 + " against " + maker)));
    }

    static Action.Dependent<World> addIsolatedMargin() {
        return dependent(w -> Combinators.combine(bucket(w), Arbitraries.longs().between(1, 2_000))
                .as((b, n) -> send(
                        w,
                        new Tx.AddIsolatedMargin(b._1, b._2, U256.of(n * 1_000_000L)),
                        b._1,
                        b._1 + " adds " + n + " USDC to its isolated " + b._2)));
    }

    static Action.Dependent<World> removeIsolatedMargin() {
        return dependent(w -> Combinators.combine(
                        bucket(w), Arbitraries.integers().between(1, 1000).edgeCases(e -> e.includeOnly(1000)))
                .as((b, perMille) -> {
                    IsolatedPosition ip =
                            w.state().accountOrEmpty(b._1).isolated().get(b._2).getOrNull();
                    I256 margin = ip == null || !ip.margin().isPositive() ? I256.pow10(6) : ip.margin();
                    I256 amount = margin.times(I256.of(perMille)).divide(I256.of(1000), Rounding.CEIL);
                    return send(
                            w,
                            new Tx.RemoveIsolatedMargin(b._1, b._2, amount.toU256()),
                            b._1,
                            b._1 + " removes " + show(amount, 6) + " USDC from its isolated " + b._2);
                }));
    }

    static Action.Dependent<World> settleFunding() {
        return dependent(w -> trader(w)
                .map(t -> send(
                        w,
                        new Tx.SettleFunding(t),
                        w.setup().keeper(),
                        w.setup().keeper() + " settles the funding of " + t)));
    }

    static Action.Dependent<World> liquidate() {
        return dependent(w -> {
            Vector<AccountId> unhealthy = w.setup()
                    .traders()
                    .filter(t -> w.state()
                            .account(t)
                            .flatMap(a -> MarginLogic.cross(
                                            w.state(), a, w.blockFor(w.setup().keeper()))
                                    .toOption())
                            .exists(MarginLogic.AccountData::isLiquidatable));
            Arbitrary<AccountId> target = unhealthy.isEmpty()
                    ? trader(w)
                    : Arbitraries.frequencyOf(
                            net.jqwik.api.Tuple.of(9, Arbitraries.of(unhealthy.asJava())),
                            net.jqwik.api.Tuple.of(1, trader(w)));
            AccountId k = w.setup().keeper();
            return target.map(t -> send(w, new Tx.Liquidate(t), k, "liquidate " + t));
        });
    }

    static Action.Dependent<World> liquidateIsolated() {
        return dependent(w -> {
            Vector<Tuple2<AccountId, MarketId>> unhealthy = buckets(w)
                    .filter(b -> w.state()
                            .account(b._1)
                            .flatMap(a -> a.isolated().get(b._2))
                            .flatMap(ip -> MarginLogic.isolated(
                                            w.state(),
                                            b._2,
                                            ip,
                                            w.blockFor(w.setup().keeper()))
                                    .toOption())
                            .exists(MarginLogic.AccountData::isLiquidatable));
            Arbitrary<Tuple2<AccountId, MarketId>> target = unhealthy.isEmpty()
                    ? bucket(w)
                    : Arbitraries.frequencyOf(
                            net.jqwik.api.Tuple.of(9, Arbitraries.of(unhealthy.asJava())),
                            net.jqwik.api.Tuple.of(1, bucket(w)));
            AccountId k = w.setup().keeper();
            return target.map(b ->
                    send(w, new Tx.LiquidateIsolated(b._1, b._2), k, "liquidate the isolated " + b._2 + " of " + b._1));
        });
    }

    static Action.Dependent<World> movePrices(Arbitrary<PricePath.Move> moves) {
        return dependent(w -> moves.map(
                m -> Transformer.transform("prices " + m + " -> block " + (w.block() + m.blocks()), x -> x.move(m))));
    }
}
