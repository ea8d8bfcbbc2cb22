package dev.solvent.properties.campaign;

import dev.solvent.model.config.AssetConfig;
import dev.solvent.model.config.MarketConfig;
import dev.solvent.model.config.ProtocolConfig;
import dev.solvent.model.id.AccountId;
import dev.solvent.model.id.AssetId;
import dev.solvent.model.id.MarketId;
import dev.solvent.model.logic.AuctionLogic;
import dev.solvent.model.logic.MarginLogic;
import dev.solvent.model.math.FixedPoint;
import dev.solvent.model.math.I256;
import dev.solvent.model.math.Rounding;
import dev.solvent.model.policy.LiquidationPolicy;
import dev.solvent.model.state.Account;
import dev.solvent.model.state.IsolatedPosition;
import dev.solvent.model.tx.OracleAnswer;
import dev.solvent.model.tx.Tx;
import dev.solvent.properties.arbitrary.PricePath;
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
 * The actions of the standard campaign, one per transaction kind plus price moves. Their arbitraries are built once
 * per setup (jqwik draws from them without rebuilding anything per step); each transformer resolves its arguments
 * against the world it meets (sizes near what margin allows, accounts that are liquidatable, buckets that exist), and
 * also sends the odd hopeless transaction, so that reverts are exercised too. The world's log records each
 * transaction as a log line with its block ({@code liquidate acct-3 @ block 41}), so a shrunk failure reads as a
 * transaction list.
 */
final class Actions {

    Actions() {}

    private static final I256 BPS = I256.of(10_000);

    /** A transaction resolved against the world when the step runs: what to send, who sends it, and a log line. */
    private record Pending(Tx tx, AccountId sender, String what) {}

    /**
     * {@return a transformer described by {@code description} that, when applied, resolves its transaction against
     * the world it meets (so that a shrunk chain still sends sensible transactions) and sends it}
     */
    private static Transformer<CampaignWorld> step(String description, Function<CampaignWorld, Pending> resolve) {
        return Transformer.transform(description, w -> {
            Pending p = resolve.apply(w);
            return w.send(p.tx(), p.sender(), p.what() + " @ block " + w.block());
        });
    }

    /** {@return an index that picks a trader, a market or an asset of the world it meets} */
    private static Arbitrary<Integer> index() {
        return Arbitraries.integers().between(0, 11);
    }

    private static AccountId trader(CampaignWorld w, int i) {
        return w.setup().traders().get(i % w.setup().traders().size());
    }

    /** {@return another trader than {@code taker}, picked by {@code i}} */
    private static AccountId other(CampaignWorld w, int i, AccountId taker) {
        AccountId m = trader(w, i);
        return m.equals(taker) && i % 7 != 0 ? trader(w, i + 1) : m;
    }

    private static MarketId market(CampaignWorld w, int i) {
        Vector<MarketId> markets = w.state().config().markets().keySet().toVector();
        return markets.get(i % markets.size());
    }

    /** {@return the settlement asset for even {@code i}, another asset for odd ones} */
    private static AssetId asset(CampaignWorld w, int i) {
        Vector<AssetId> assets = w.state().config().assets().keySet().toVector();
        return i % 2 == 0 ? w.state().config().settlementAsset() : assets.get((i / 2) % assets.size());
    }

    /** {@return the first borrowable asset, or the settlement asset when none is} */
    private static AssetId borrowable(CampaignWorld w) {
        return w.state()
                .config()
                .assets()
                .values()
                .find(AssetConfig::borrowable)
                .map(AssetConfig::id)
                .getOrElse(w.state().config().settlementAsset());
    }

    private static Arbitrary<Integer> perMille() {
        return Arbitraries.integers().between(1, 1000).edgeCases(e -> e.add(1000, 1));
    }

    private static int decimals(CampaignWorld w, AssetId asset) {
        return w.state().config().assets().get(asset).get().decimals();
    }

    private static Option<OracleAnswer> answer(CampaignWorld w, MarketId m) {
        ProtocolConfig c = w.state().config();
        AssetConfig u = c.assets().get(c.markets().get(m).get().underlying()).get();
        return u.priceKey().flatMap(k -> w.prices().get(k));
    }

    static String show(I256 amount, int decimals) {
        return CampaignWorld.show(amount, decimals);
    }

    /** {@return a trade price {@code offsetBps} from the oracle price, or one unit when there is no answer} */
    private static I256 price(CampaignWorld w, MarketId m, int offsetBps) {
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
    private static I256 size(CampaignWorld w, MarketId m, I256 notional, int perMille, boolean buy) {
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
    private static I256 capacity(CampaignWorld w, AccountId id, MarketId m) {
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

    /** {@return an action that draws its transformers from {@code a}} */
    private static Action.Independent<CampaignWorld> independent(Arbitrary<Transformer<CampaignWorld>> a) {
        return () -> a;
    }

    // ---- the actions

    Action.Independent<CampaignWorld> deposit() {
        Arbitrary<Transformer<CampaignWorld>> a = Combinators.combine(
                        index(), index(), Arbitraries.longs().between(1, 5_000).edgeCases(e -> e.add(1L)))
                .as((ti, ai, n) -> step("deposit: trader " + ti + ", asset " + ai + ", " + n + "/1000", w -> {
                    AccountId t = trader(w, ti);
                    AssetId asset = asset(w, ai);
                    // n thousandths of a whole unit, or one base unit
                    int d = decimals(w, asset);
                    I256 amount = n == 1
                            ? I256.ONE
                            : I256.of(n)
                                    .times(I256.pow10(d))
                                    .divide(I256.of(1000), Rounding.FLOOR)
                                    .max(I256.ONE);
                    return new Pending(
                            new Tx.Deposit(t, asset, amount.toU256()),
                            t,
                            t + " deposits " + show(amount, d) + " " + asset);
                }));
        return independent(a);
    }

    Action.Independent<CampaignWorld> withdraw() {
        Arbitrary<Transformer<CampaignWorld>> a = Combinators.combine(index(), index(), perMille())
                .as((ti, ai, pm) -> step("withdraw: trader " + ti + ", asset " + ai + ", " + pm + "‰", w -> {
                    AccountId t = trader(w, ti);
                    AssetId asset = asset(w, ai);
                    I256 balance = w.state().accountOrEmpty(t).balance(asset);
                    I256 amount = balance.isPositive()
                            ? balance.times(I256.of(pm)).divide(I256.of(1000), Rounding.CEIL)
                            : I256.pow10(decimals(w, asset));
                    return new Pending(
                            new Tx.Withdraw(t, asset, amount.max(I256.ONE).toU256()),
                            t,
                            t + " withdraws " + show(amount, decimals(w, asset)) + " " + asset);
                }));
        return independent(a);
    }

    Action.Independent<CampaignWorld> borrow() {
        Arbitrary<Transformer<CampaignWorld>> a = Combinators.combine(
                        index(), Arbitraries.integers().between(1, 2_000))
                .as((ti, milli) -> step("borrow: trader " + ti + ", " + milli + "/1000", w -> {
                    AccountId t = trader(w, ti);
                    AssetId asset = borrowable(w);
                    int d = decimals(w, asset);
                    I256 amount = I256.of(milli)
                            .times(I256.pow10(d))
                            .divide(I256.of(1000), Rounding.FLOOR)
                            .max(I256.ONE);
                    return new Pending(
                            new Tx.Borrow(t, asset, amount.toU256()),
                            t,
                            t + " borrows " + show(amount, d) + " " + asset);
                }));
        return independent(a);
    }

    Action.Independent<CampaignWorld> repay() {
        Arbitrary<Transformer<CampaignWorld>> a = Combinators.combine(index(), perMille())
                .as((ti, pm) -> step("repay: trader " + ti + ", " + pm + "‰", w -> {
                    AccountId t = trader(w, ti);
                    AssetId asset = borrowable(w);
                    int d = decimals(w, asset);
                    I256 debt = w.state().accountOrEmpty(t).balance(asset).negate();
                    I256 amount = debt.isPositive()
                            ? debt.times(I256.of(pm)).divide(I256.of(1000), Rounding.CEIL)
                            : I256.pow10(Math.max(0, d - 3));
                    return new Pending(
                            new Tx.Repay(t, asset, amount.toU256()), t, t + " repays " + show(amount, d) + " " + asset);
                }));
        return independent(a);
    }

    Action.Independent<CampaignWorld> fundInsurance() {
        Arbitrary<Transformer<CampaignWorld>> a = Arbitraries.longs()
                .between(1, 2_000)
                .map(n -> step("fund the insurance: " + n, w -> {
                    AccountId k = w.setup().keeper();
                    int d = w.state().config().settlement().decimals();
                    I256 amount = I256.of(n).times(I256.pow10(d));
                    return new Pending(
                            new Tx.FundInsurance(amount.toU256()),
                            k,
                            k + " funds the insurance with " + show(amount, d));
                }));
        return independent(a);
    }

    Action.Independent<CampaignWorld> trade() {
        Arbitrary<Integer> share = Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(1, 1100)),
                        net.jqwik.api.Tuple.of(2, Arbitraries.integers().between(800, 1000)))
                .edgeCases(e -> e.add(1000, 1));
        Arbitrary<Transformer<CampaignWorld>> a = Combinators.combine(
                        index(),
                        index(),
                        index(),
                        Arbitraries.of(true, false),
                        share,
                        Arbitraries.integers().between(-150, 150).edgeCases(e -> e.add(0)))
                .as((ti, mi, mk, buy, pm, offset) -> step(
                        "trade: trader " + ti + (buy ? " buys " : " sells ") + pm + "‰ of its capacity in market " + mk
                                + " from trader " + mi + " at " + offset + "bps",
                        w -> {
                            AccountId taker = trader(w, ti);
                            AccountId maker = other(w, mi, taker);
                            MarketId m = market(w, mk);
                            I256 size = size(w, m, capacity(w, taker, m), pm, buy);
                            I256 price = price(w, m, offset);
                            int du = decimals(
                                    w, w.state().config().markets().get(m).get().underlying());
                            return new Pending(
                                    new Tx.Trade(m, taker, maker, size, price),
                                    taker,
                                    taker + (buy ? " buys " : " sells ") + show(size.abs(), du) + " " + m + " from "
                                            + maker + " at "
                                            + show(
                                                    price,
                                                    answer(w, m)
                                                            .map(OracleAnswer::decimals)
                                                            .getOrElse(0)));
                        }));
        return independent(a);
    }

    /** {@return existing isolated buckets, or none} */
    private static Vector<Tuple2<AccountId, MarketId>> buckets(CampaignWorld w) {
        Vector<Tuple2<AccountId, MarketId>> out = Vector.empty();
        for (AccountId t : w.setup().traders()) {
            for (MarketId m : w.state().accountOrEmpty(t).isolated().keySet()) {
                out = out.append(new Tuple2<>(t, m));
            }
        }
        return out;
    }

    /**
     * {@return an existing bucket chosen by {@code pick}, or when there is none (or {@code any} says so) the bucket of
     * trader {@code ti} in market {@code mk}}
     */
    private static Tuple2<AccountId, MarketId> bucket(CampaignWorld w, int pick, boolean any, int ti, int mk) {
        Vector<Tuple2<AccountId, MarketId>> existing = buckets(w);
        return existing.isEmpty() || any
                ? new Tuple2<>(trader(w, ti), market(w, mk))
                : existing.get(pick % existing.size());
    }

    private static Arbitrary<Integer> pick() {
        return Arbitraries.integers().between(0, 1_000);
    }

    private static Arbitrary<Boolean> rarely() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(9, Arbitraries.just(false)), net.jqwik.api.Tuple.of(1, Arbitraries.just(true)));
    }

    Action.Independent<CampaignWorld> openIsolated() {
        Arbitrary<Transformer<CampaignWorld>> a = Combinators.combine(
                        index(),
                        index(),
                        index(),
                        Arbitraries.of(true, false),
                        Arbitraries.longs().between(10, 3_000),
                        Arbitraries.frequencyOf(
                                        net.jqwik.api.Tuple.of(
                                                1, Arbitraries.integers().between(1, 1100)),
                                        net.jqwik.api.Tuple.of(
                                                3, Arbitraries.integers().between(850, 1000)))
                                .edgeCases(e -> e.add(1000)),
                        Arbitraries.integers().between(-150, 150))
                .as((ti, mi, mk, buy, units, pm, offset) -> step(
                        "open isolated: trader " + ti + " in market " + mk + (buy ? " long " : " short ") + pm + "‰ of "
                                + units + " units of margin",
                        w -> {
                            AccountId t = trader(w, ti);
                            AccountId maker = other(w, mi, t);
                            MarketId m = market(w, mk);
                            int ds = w.state().config().settlement().decimals();
                            I256 margin = I256.of(units).times(I256.pow10(ds));
                            I256 im = w.state()
                                    .config()
                                    .markets()
                                    .get(m)
                                    .get()
                                    .initialMargin()
                                    .raw();
                            I256 notional = FixedPoint.mulDivFloor(margin, FixedPoint.WAD, im);
                            I256 size = size(w, m, notional, pm, buy);
                            I256 price = price(w, m, offset);
                            int du = decimals(
                                    w, w.state().config().markets().get(m).get().underlying());
                            return new Pending(
                                    new Tx.OpenIsolated(t, m, maker, size, price, margin.toU256()),
                                    t,
                                    t + " opens an isolated " + (buy ? "long " : "short ") + show(size.abs(), du) + " "
                                            + m + " with " + units + " "
                                            + w.state().config().settlementAsset()
                                            + " margin against " + maker);
                        }));
        return independent(a);
    }

    Action.Independent<CampaignWorld> modifyIsolated() {
        Arbitrary<Transformer<CampaignWorld>> a = Combinators.combine(
                        pick(),
                        rarely(),
                        index(),
                        index(),
                        index(),
                        Arbitraries.integers().between(-1500, 1000).filter(x -> x != 0),
                        Arbitraries.integers().between(-150, 150))
                .as((pick, any, ti, mk, mi, pm, offset) -> step("modify isolated #" + pick + " by " + pm + "‰", w -> {
                    Tuple2<AccountId, MarketId> b = bucket(w, pick, any, ti, mk);
                    IsolatedPosition ip =
                            w.state().accountOrEmpty(b._1).isolated().get(b._2).getOrNull();
                    I256 current = ip == null || ip.position().isFlat()
                            ? I256.pow10(6)
                            : ip.position().size();
                    I256 delta = current.times(I256.of(pm)).divide(I256.of(1000), Rounding.FLOOR);
                    if (delta.isZero()) {
                        delta = I256.ONE;
                    }
                    AccountId mk2 = other(w, mi, b._1);
                    return new Pending(
                            new Tx.ModifyIsolated(b._1, b._2, mk2, delta, price(w, b._2, offset)),
                            b._1,
                            b._1 + " changes its isolated " + b._2 + " by " + delta + " against " + mk2);
                }));
        return independent(a);
    }

    Action.Independent<CampaignWorld> closeIsolated() {
        Arbitrary<Transformer<CampaignWorld>> a = Combinators.combine(
                        pick(),
                        rarely(),
                        index(),
                        index(),
                        index(),
                        Arbitraries.integers().between(-150, 150))
                .as((pick, any, ti, mk, mi, offset) -> step("close isolated #" + pick, w -> {
                    Tuple2<AccountId, MarketId> b = bucket(w, pick, any, ti, mk);
                    AccountId maker = other(w, mi, b._1);
                    return new Pending(
                            new Tx.CloseIsolated(b._1, b._2, maker, price(w, b._2, offset)),
                            b._1,
                            b._1 + " closes its isolated " + b._2 + " against " + maker);
                }));
        return independent(a);
    }

    Action.Independent<CampaignWorld> addIsolatedMargin() {
        Arbitrary<Transformer<CampaignWorld>> a = Combinators.combine(
                        pick(), rarely(), index(), index(), Arbitraries.longs().between(1, 2_000))
                .as((pick, any, ti, mk, n) -> step("add margin to isolated #" + pick, w -> {
                    Tuple2<AccountId, MarketId> b = bucket(w, pick, any, ti, mk);
                    int ds = w.state().config().settlement().decimals();
                    return new Pending(
                            new Tx.AddIsolatedMargin(
                                    b._1, b._2, I256.of(n).times(I256.pow10(ds)).toU256()),
                            b._1,
                            b._1 + " adds " + n + " " + w.state().config().settlementAsset() + " to its isolated "
                                    + b._2);
                }));
        return independent(a);
    }

    Action.Independent<CampaignWorld> removeIsolatedMargin() {
        Arbitrary<Transformer<CampaignWorld>> a = Combinators.combine(pick(), rarely(), index(), index(), perMille())
                .as((pick, any, ti, mk, pm) -> step("remove " + pm + "‰ of the margin of isolated #" + pick, w -> {
                    Tuple2<AccountId, MarketId> b = bucket(w, pick, any, ti, mk);
                    IsolatedPosition ip =
                            w.state().accountOrEmpty(b._1).isolated().get(b._2).getOrNull();
                    I256 margin = ip == null || !ip.margin().isPositive() ? I256.pow10(6) : ip.margin();
                    I256 amount = margin.times(I256.of(pm)).divide(I256.of(1000), Rounding.CEIL);
                    int ds = w.state().config().settlement().decimals();
                    return new Pending(
                            new Tx.RemoveIsolatedMargin(b._1, b._2, amount.toU256()),
                            b._1,
                            b._1 + " removes " + show(amount, ds) + " "
                                    + w.state().config().settlementAsset() + " from its isolated " + b._2);
                }));
        return independent(a);
    }

    Action.Independent<CampaignWorld> settleFunding() {
        Arbitrary<Transformer<CampaignWorld>> a = index().map(ti -> step("settle the funding of trader " + ti, w -> {
            AccountId k = w.setup().keeper();
            AccountId t = trader(w, ti);
            return new Pending(new Tx.SettleFunding(t), k, k + " settles the funding of " + t);
        }));
        return independent(a);
    }

    Action.Independent<CampaignWorld> liquidate() {
        Arbitrary<Transformer<CampaignWorld>> a = Combinators.combine(pick(), rarely(), index())
                .as((pick, any, fallback) -> step("liquidate an unhealthy account #" + pick, w -> {
                    AccountId k = w.setup().keeper();
                    // unhealthy accounts, and accounts flagged for liquidation whatever their health now
                    Vector<AccountId> unhealthy = w.setup()
                            .traders()
                            .filter(t -> w.state().isFlagged(t)
                                    || w.state()
                                            .account(t)
                                            .flatMap(acct -> MarginLogic.cross(w.state(), acct, w.blockFor(k))
                                                    .toOption())
                                            .exists(MarginLogic.AccountData::isLiquidatable));
                    AccountId t =
                            unhealthy.isEmpty() || any ? trader(w, fallback) : unhealthy.get(pick % unhealthy.size());
                    return new Pending(new Tx.Liquidate(t), k, "liquidate " + t);
                }));
        return independent(a);
    }

    Action.Independent<CampaignWorld> liquidateIsolated() {
        Arbitrary<Transformer<CampaignWorld>> a = Combinators.combine(pick(), rarely(), index(), index())
                .as((pick, any, ti, mk) -> step("liquidate an unhealthy isolated position #" + pick, w -> {
                    AccountId k = w.setup().keeper();
                    Vector<Tuple2<AccountId, MarketId>> unhealthy = buckets(w)
                            .filter(b -> w.state()
                                    .account(b._1)
                                    .flatMap(acct -> acct.isolated().get(b._2))
                                    .flatMap(ip -> MarginLogic.isolated(w.state(), b._2, ip, w.blockFor(k))
                                            .toOption())
                                    .exists(MarginLogic.AccountData::isLiquidatable));
                    Tuple2<AccountId, MarketId> b = unhealthy.isEmpty() || any
                            ? bucket(w, pick, false, ti, mk)
                            : unhealthy.get(pick % unhealthy.size());
                    return new Pending(
                            new Tx.LiquidateIsolated(b._1, b._2), k, "liquidate the isolated " + b._2 + " of " + b._1);
                }));
        return independent(a);
    }

    static Action.Independent<CampaignWorld> movePrices(Arbitrary<PricePath.Move> moves) {
        Arbitrary<Transformer<CampaignWorld>> a = moves.map(m -> Transformer.transform("prices " + m, x -> x.move(m)));
        return independent(a);
    }

    // ---- mechanism moves

    /** {@return a running auction picked by {@code pick}, or an id that names none} */
    private static long auction(CampaignWorld w, int pick) {
        Vector<Long> ids = w.state().auctions().keySet().toVector();
        return ids.isEmpty() ? w.state().nextAuctionId() : ids.get(pick % ids.size());
    }

    /** {@return an auction's price now, or one unit when it does not run} */
    private static I256 auctionPrice(CampaignWorld w, long id) {
        if (!(w.state().config().liquidation() instanceof LiquidationPolicy.DutchAuction d)) {
            return I256.ONE;
        }
        return w.state()
                .auctions()
                .get(id)
                .map(a -> AuctionLogic.price(d.curve(), a.top(), w.time() - a.tic()))
                .getOrElse(I256.ONE);
    }

    /** The keeper takes part or all of a running auction's lot at its price now, sometimes asking for less. */
    Action.Independent<CampaignWorld> take() {
        Arbitrary<Transformer<CampaignWorld>> a = Combinators.combine(pick(), perMille(), rarely())
                .as((pick, pm, cheap) -> step("take " + pm + "‰ of auction #" + pick, w -> {
                    AccountId k = w.setup().keeper();
                    long id = auction(w, pick);
                    I256 lot = w.state().auctions().get(id).map(x -> x.lot()).getOrElse(I256.ONE);
                    I256 amount = lot.times(I256.of(pm))
                            .divide(I256.of(1000), Rounding.CEIL)
                            .max(I256.ONE);
                    I256 price = auctionPrice(w, id);
                    I256 max = cheap ? price.minus(I256.ONE).max(I256.ZERO) : price;
                    return new Pending(
                            new Tx.Take(id, amount.toU256(), max), k, k + " takes " + amount + " of auction " + id);
                }));
        return independent(a);
    }

    /** The keeper resets an auction, which reverts unless it is due. */
    Action.Independent<CampaignWorld> redo() {
        Arbitrary<Transformer<CampaignWorld>> a = pick().map(pick -> step("redo auction #" + pick, w -> {
            AccountId k = w.setup().keeper();
            long id = auction(w, pick);
            return new Pending(new Tx.Redo(id), k, k + " resets auction " + id);
        }));
        return independent(a);
    }

    /** The keeper buys absorbed collateral for some USDC, with no minimum. */
    Action.Independent<CampaignWorld> buyCollateral() {
        Arbitrary<Transformer<CampaignWorld>> a = Combinators.combine(
                        index(), Arbitraries.longs().between(1, 3_000))
                .as((ai, n) -> step("buy absorbed collateral " + ai + " for " + n, w -> {
                    AccountId k = w.setup().keeper();
                    Vector<AssetId> held = w.state()
                            .collateralReserves()
                            .filter(e -> e._2.isPositive())
                            .keySet()
                            .toVector();
                    AssetId asset = held.isEmpty() ? asset(w, 1) : held.get(ai % held.size());
                    int ds = w.state().config().settlement().decimals();
                    I256 base = I256.of(n).times(I256.pow10(ds));
                    return new Pending(
                            new Tx.BuyCollateral(k, asset, dev.solvent.model.math.U256.ZERO, base.toU256()),
                            k,
                            k + " buys " + asset + " for " + n + " "
                                    + w.state().config().settlementAsset());
                }));
        return independent(a);
    }
}
