package dev.solvent.properties.invariant;

import dev.solvent.model.config.AssetConfig;
import dev.solvent.model.config.MarketConfig;
import dev.solvent.model.config.ProtocolConfig;
import dev.solvent.model.id.AccountId;
import dev.solvent.model.id.AssetId;
import dev.solvent.model.id.MarketId;
import dev.solvent.model.logic.AuctionLogic;
import dev.solvent.model.logic.MarginLogic;
import dev.solvent.model.logic.MarginLogic.AccountData;
import dev.solvent.model.math.FixedPoint;
import dev.solvent.model.math.I256;
import dev.solvent.model.policy.LiquidationPolicy;
import dev.solvent.model.policy.PositionReceiver;
import dev.solvent.model.state.Auction;
import dev.solvent.model.state.LiquidationRecord;
import dev.solvent.model.tx.Event;
import dev.solvent.model.tx.OracleAnswer;
import io.vavr.collection.TreeMap;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.math.BigInteger;

/**
 * The mechanism family of the catalogue: Maker's auctions, Comet's absorption, Hyperliquid's vault, Synthetix's windows
 * and dYdX's fillable price.
 */
final class MechanismInvariants {

    private MechanismInvariants() {}

    /** INV-VAULT-1: a vault takeover never loses the vault value: negative equity is booked as a shortfall. */
    static final Invariant VAULT_TAKEOVER = Invariant.ofTransition(
            "INV-VAULT-1",
            "vault takeover",
            "a backstop vault that takes an account over never loses value by it (its exact claim falls by at most a"
                    + " rounding unit per position and balance moved): the account's negative equity is the takeover's"
                    + " shortfall, borne by the insurance fund and the shortfall policy, never absorbed silently",
            MechanismInvariants::vaultTakeover);

    /** INV-AUCT-1: an auction never sells more than its lot. */
    static final Invariant AUCTION_LOT = Invariant.ofTransition(
            "INV-AUCT-1",
            "auctions sell at most their lot",
            "a take never sells more than what is left of the auction's lot, the lot shrinks by exactly what was"
                    + " sold, and a running auction always has something left to sell",
            MechanismInvariants::auctionLot);

    /** INV-AUCT-2: an auction's price never increases with time until it is reset. */
    static final Invariant AUCTION_PRICE = Invariant.ofTransition(
            "INV-AUCT-2",
            "auction prices only fall",
            "between resets an auction keeps its start price and start time, its price now is at most its price a"
                    + " second earlier and at most its start price, and a take pays at most the start price",
            MechanismInvariants::auctionPrice);

    /** INV-AUCT-3: the owner gets every leftover when an auction ends. */
    static final Invariant AUCTION_LEFTOVERS = Invariant.ofTransition(
            "INV-AUCT-3",
            "leftovers go to the owner",
            "when an auction ends, what is left of its lot is exactly what it had less what the ending take sold,"
                    + " and the owner's balance of the asset grows by exactly that",
            MechanismInvariants::auctionLeftovers);

    /** INV-ABSORB-1: an absorption conserves value with the protocol's reserves. */
    static final Invariant ABSORPTION = Invariant.ofTransition(
            "INV-ABSORB-1",
            "absorption conserves value with reserves",
            "an absorption moves each absorbed balance whole into the collateral reserves, credits the account no more"
                    + " than its exact value times the liquidation factor, and pays every credit and the debt it covers"
                    + " out of the reserves, exactly",
            MechanismInvariants::absorption);

    /** INV-WIN-1: the size a window-capped liquidation closes never exceeds what its market's window allows. */
    static final Invariant WINDOW_CAP = Invariant.ofTransition(
            "INV-WIN-1",
            "liquidation per window within the cap",
            "under window caps a liquidation closes in each market at most the cap less what was liquidated within"
                    + " the window (a whole cap more only in the skew exception, everything only for the endorsed"
                    + " liquidator or a market without a cap)",
            MechanismInvariants::windowCap);

    /** INV-FILL-1: a fillable-price liquidation fills within the spread and charges at most the capped fee. */
    static final Invariant FILLABLE_PRICE = Invariant.ofTransition(
            "INV-FILL-1",
            "fill within the spread, fee within the cap",
            "a fillable-price liquidation fills between the oracle value and the oracle value less SMMR times the"
                    + " position's maintenance requirement, pays the insurance fund at most the fee cap of the fill and"
                    + " never more than the fill brings above the bankruptcy value, and below it records exactly the"
                    + " shortfall",
            MechanismInvariants::fillablePrice);

    private static Vector<Violation> auctionLot(Transition t) {
        Vector<Violation> out = Vector.empty();
        for (var e : t.after().auctions()) {
            if (!e._2.lot().isPositive()) {
                out = out.append(Violation.of("INV-AUCT-1", "auction " + e._1 + " runs with nothing left to sell")
                        .account(e._2.owner())
                        .amount("lot", e._2.lot()));
            }
        }
        for (Event.AuctionTaken e : t.events(Event.AuctionTaken.class)) {
            Option<Auction> before = t.before().auctions().get(e.auction());
            if (before.isEmpty()) {
                continue;
            }
            I256 lot = before.get().lot();
            if (e.slice().isNegative() || e.slice().gt(lot)) {
                out = out.append(Violation.of("INV-AUCT-1", "a take sold more than the auction's lot")
                        .account(e.keeper())
                        .amount("slice", e.slice())
                        .amount("lot", lot));
            }
            I256 left = t.after().auctions().get(e.auction()).map(Auction::lot).getOrElse(I256.ZERO);
            boolean ended = t.events(Event.AuctionEnded.class).exists(x -> x.auction() == e.auction());
            if (!ended && !left.equals(lot.minus(e.slice()))) {
                out = out.append(Violation.of("INV-AUCT-1", "the lot did not shrink by exactly what was sold")
                        .amount("lotBefore", lot)
                        .amount("slice", e.slice())
                        .amount("lotAfter", left));
            }
        }
        return out;
    }

    private static Vector<Violation> auctionPrice(Transition t) {
        if (!(t.after().config().liquidation() instanceof LiquidationPolicy.DutchAuction d)) {
            return Vector.empty();
        }
        Vector<Violation> out = Vector.empty();
        long now = t.block().timestamp();
        for (var e : t.after().auctions()) {
            Auction a = e._2;
            Option<Auction> before = t.before().auctions().get(e._1);
            boolean reset = t.events(Event.AuctionKicked.class).exists(k -> k.auction() == e._1 && k.reset());
            if (before.isDefined()
                    && !reset
                    && (!before.get().top().equals(a.top()) || before.get().tic() != a.tic())) {
                out = out.append(Violation.of(
                                "INV-AUCT-2", "auction " + e._1 + " changed its start price or time without a reset")
                        .account(a.owner())
                        .amount("topBefore", before.get().top())
                        .amount("topAfter", a.top()));
            }
            long dur = now - a.tic();
            if (dur >= 1) {
                I256 price = AuctionLogic.price(d.curve(), a.top(), dur);
                I256 earlier = AuctionLogic.price(d.curve(), a.top(), dur - 1);
                if (price.gt(earlier) || price.gt(a.top())) {
                    out = out.append(Violation.of("INV-AUCT-2", "auction " + e._1 + "'s price rose with time")
                            .amount("price", price)
                            .amount("secondEarlier", earlier)
                            .amount("top", a.top()));
                }
            }
        }
        for (Event.AuctionTaken e : t.events(Event.AuctionTaken.class)) {
            Option<Auction> before = t.before().auctions().get(e.auction());
            if (before.isDefined() && e.price().gt(before.get().top())) {
                out = out.append(Violation.of("INV-AUCT-2", "a take paid more than the auction's start price")
                        .account(e.keeper())
                        .amount("price", e.price())
                        .amount("top", before.get().top()));
            }
        }
        return out;
    }

    private static Vector<Violation> auctionLeftovers(Transition t) {
        Vector<Violation> out = Vector.empty();
        for (Event.AuctionEnded e : t.events(Event.AuctionEnded.class)) {
            Option<Auction> before = t.before().auctions().get(e.auction());
            if (before.isEmpty()) {
                continue;
            }
            Auction a = before.get();
            I256 sold = t.events(Event.AuctionTaken.class)
                    .filter(x -> x.auction() == e.auction())
                    .foldLeft(I256.ZERO, (sum, x) -> sum.plus(x.slice()));
            I256 left = a.lot().minus(sold);
            if (!e.returned().equals(left)) {
                out = out.append(Violation.of("INV-AUCT-3", "an ending auction returned other than what was left")
                        .account(a.owner())
                        .amount("returned", e.returned())
                        .amount("left", left));
            }
            I256 got = t.after()
                    .accountOrEmpty(a.owner())
                    .balance(a.asset())
                    .minus(t.before().accountOrEmpty(a.owner()).balance(a.asset()));
            I256 expected = a.owner().equals(t.block().sender()) ? left.plus(sold) : left;
            if (!got.equals(expected)) {
                out = out.append(Violation.of("INV-AUCT-3", "the owner did not get the leftover of its auction")
                        .account(a.owner())
                        .amount("received", got)
                        .amount("leftover", left));
            }
        }
        return out;
    }

    private static Vector<Violation> absorption(Transition t) {
        if (!(t.before().config().liquidation() instanceof LiquidationPolicy.Absorb policy)) {
            return Vector.empty();
        }
        Vector<Event.AccountAbsorbed> absorbed = t.events(Event.AccountAbsorbed.class);
        if (absorbed.isEmpty()) {
            return Vector.empty();
        }
        ProtocolConfig config = t.before().config();
        Vector<Violation> out = Vector.empty();
        I256 paid = absorbed.foldLeft(I256.ZERO, (sum, a) -> sum.plus(a.debtAbsorbed()));
        TreeMap<AssetId, I256> moved = TreeMap.empty();
        for (Event.CollateralAbsorbed c : t.events(Event.CollateralAbsorbed.class)) {
            paid = paid.plus(c.value());
            moved = moved.put(
                    c.asset(), moved.get(c.asset()).getOrElse(I256.ZERO).plus(c.amount()));
            if (!t.after().accountOrEmpty(c.account()).balance(c.asset()).isZero()) {
                out = out.append(Violation.of("INV-ABSORB-1", "an absorbed balance of " + c.asset() + " was left")
                        .account(c.account()));
            }
            AssetConfig asset = config.assets().get(c.asset()).get();
            Option<OracleAnswer> answer = Exact.answer(asset, t.block());
            if (answer.isEmpty()) {
                continue;
            }
            BigInteger exact = Exact.value(config, c.amount(), asset.decimals(), answer.get());
            BigInteger limit = c.amount().isPositive()
                    ? exact.multiply(policy.liquidationFactor(c.asset()).raw().toBigInteger())
                            .divide(FixedPoint.WAD.toBigInteger())
                    : exact;
            if (Exact.units(c.value()).compareTo(limit) > 0) {
                out = out.append(Violation.of(
                                "INV-ABSORB-1",
                                "absorbed " + c.asset() + " was credited above its value times the liquidation factor")
                        .account(c.account())
                        .amount("credited", c.value())
                        .amount("amount", c.amount()));
            }
        }
        for (var m : moved) {
            I256 delta = t.after().collateralReserve(m._1).minus(t.before().collateralReserve(m._1));
            if (!delta.equals(m._2)) {
                out = out.append(Violation.of(
                                "INV-ABSORB-1",
                                "the collateral reserve of " + m._1 + " moved by other than the absorbed")
                        .amount("reserveDelta", delta)
                        .amount("absorbed", m._2));
            }
        }
        I256 reserves = t.after().reserves().minus(t.before().reserves());
        if (!reserves.equals(paid.negate())) {
            out = out.append(Violation.of("INV-ABSORB-1", "the reserves did not pay exactly the credits and the debt")
                    .amount("reservesDelta", reserves)
                    .amount("credited", paid));
        }
        return out;
    }

    private static Vector<Violation> windowCap(Transition t) {
        if (!(t.before().config().liquidation() instanceof LiquidationPolicy.WindowCapped w)) {
            return Vector.empty();
        }
        Vector<Violation> out = Vector.empty();
        for (Event.WindowLiquidation e : t.events(Event.WindowLiquidation.class)) {
            for (Event.ClosedPosition c : e.closed()) {
                Option<I256> allowed = windowAllowance(t, w, c.market(), e.receiver());
                if (allowed.isDefined() && c.size().abs().gt(allowed.get())) {
                    out = out.append(
                            Violation.of("INV-WIN-1", c.market() + ": a liquidation closed more than its window allows")
                                    .account(e.account())
                                    .amount("closed", c.size().abs())
                                    .amount("allowed", allowed.get()));
                }
            }
        }
        return out;
    }

    /** {@return what a market's window lets a liquidation close now, none when nothing caps it} */
    private static Option<I256> windowAllowance(
            Transition t, LiquidationPolicy.WindowCapped w, MarketId m, AccountId receiver) {
        var p = w.market(m);
        if (p.endorsedLiquidator().contains(t.block().sender())) {
            return Option.none();
        }
        MarketConfig mc = t.before().config().markets().get(m).get();
        I256 perSecond = FixedPoint.wadMulFloor(
                FixedPoint.wadMulFloor(
                        mc.makerFee().raw().plus(mc.takerFee().raw()),
                        p.skewScale().toI256()),
                p.maxLiquidationLimitAccumulationMultiplier().raw());
        I256 cap = perSecond.times(I256.of(p.maxSecondsInLiquidationWindow()));
        if (cap.isZero()) {
            return Option.none();
        }
        long now = t.block().timestamp();
        Vector<LiquidationRecord> records = t.before().liquidations(m);
        I256 used = records.filter(r -> r.timestamp() > now - p.maxSecondsInLiquidationWindow())
                .foldLeft(I256.ZERO, (sum, r) -> sum.plus(r.amount()));
        I256 capacity = cap.minus(used).max(I256.ZERO);
        if (capacity.isPositive()) {
            return Option.some(capacity);
        }
        boolean exception = p.maxLiquidationPd().isPositive()
                && (records.isEmpty() || records.last().timestamp() != now)
                && t.before().config().receiver() instanceof PositionReceiver.Backstop
                && FixedPoint.mulDivFloor(
                                MarginInvariants.crossSize(t.before(), receiver, m)
                                        .abs(),
                                FixedPoint.WAD,
                                p.skewScale().toI256())
                        .lt(p.maxLiquidationPd().raw());
        return Option.some(exception ? cap : I256.ZERO);
    }

    /**
     * {@return what is wrong with each vault takeover of the transition} The vault's exact claim (equity without
     * haircuts, pending funding included) is measured before and after at the block's prices with {@link Exact}, not
     * with the model's helpers: a vault that took negative equity shows as a fall of its claim. Each position it took
     * over or handed back by deleveraging, and each balance it took, may round by one unit.
     */
    private static Vector<Violation> vaultTakeover(Transition t) {
        if (!(t.before().config().liquidation() instanceof LiquidationPolicy.BackstopVault v) || !t.succeeded()) {
            return Vector.empty();
        }
        Vector<Event.AccountBackstopped> taken = t.events(Event.AccountBackstopped.class);
        if (taken.isEmpty()) {
            return Vector.empty();
        }
        Vector<Violation> out = Vector.empty();
        long roundings = 1;
        for (Event.AccountBackstopped e : taken) {
            if (!e.shortfall().equals(e.equity().negate().max(I256.ZERO))) {
                out = out.append(Violation.of(
                                "INV-VAULT-1", "a takeover's shortfall is not the negative equity the vault took over")
                        .account(e.account())
                        .amount("equity", e.equity())
                        .amount("shortfall", e.shortfall()));
            }
            roundings += e.closed().size()
                    + t.before().accountOrEmpty(e.account()).balances().size();
        }
        roundings += t.events(Event.PositionAutoDeleveraged.class).size();
        Option<BigInteger> before = Exact.claim(t.before(), t.before().accountOrEmpty(v.vault()), t.block());
        Option<BigInteger> after = Exact.claim(t.after(), t.after().accountOrEmpty(v.vault()), t.block());
        // what the shortfall path itself charged the vault (a socialized share, deleveraged profit) is booked, not
        // silent
        BigInteger booked = BigInteger.ZERO;
        for (Event e : t.events()) {
            if (e instanceof Event.LossSocialized s && s.account().equals(v.vault())) {
                booked = booked.add(Exact.units(s.amount()));
            } else if (e instanceof Event.PositionDeleveraged d && d.account().equals(v.vault())) {
                booked = booked.add(Exact.units(d.amount()));
            }
        }
        if (before.isDefined() && after.isDefined()) {
            BigInteger change = after.get().subtract(before.get()).add(booked);
            if (change.add(Exact.units(I256.of(roundings))).signum() < 0) {
                out = out.append(
                        Violation.of("INV-VAULT-1", "the vault lost value in a takeover instead of booking a shortfall")
                                .account(v.vault())
                                .amount("vaultClaimChange", Exact.toUnits(change))
                                .amount("roundingAllowance", I256.of(roundings)));
            }
        }
        return out;
    }

    private static Vector<Violation> fillablePrice(Transition t) {
        if (!(t.before().config().liquidation() instanceof LiquidationPolicy.FillablePrice f)) {
            return Vector.empty();
        }
        return t.events(Event.FillableLiquidation.class).flatMap(e -> fillable(t, f, e));
    }

    /**
     * {@return what is wrong with one fillable-price liquidation} The oracle value, the position's maintenance
     * requirement, the spread and the fee cap are worked out here in {@link BigInteger}, with the rounding the model
     * documents (value down, notional and requirement up, spread and cap down), not with the model's helpers, so that
     * a rounding bug in those shows. The account's margin equity and requirement before it are dYdX's inputs to the
     * bankruptcy value, as the model measures them.
     */
    private static Vector<Violation> fillable(
            Transition t, LiquidationPolicy.FillablePrice f, Event.FillableLiquidation e) {
        ProtocolConfig config = t.before().config();
        Event.ClosedPosition c = e.closed();
        MarketConfig mc = config.markets().get(c.market()).get();
        AssetConfig u = config.assets().get(mc.underlying()).get();
        Option<OracleAnswer> answer = Exact.answer(u, t.block());
        Option<AccountData> before = t.before()
                .account(e.account())
                .flatMap(a -> MarginLogic.cross(t.before(), a, t.block()).toOption());
        if (answer.isEmpty() || before.isEmpty()) {
            return Vector.empty();
        }
        int shift = u.decimals() + answer.get().decimals() - config.settlement().decimals();
        BigInteger product = c.size().toBigInteger().multiply(c.price().toBigInteger());
        BigInteger wad = Exact.pow10(18);
        I256 oracle = I256.of(Exact.floorPow10(product, shift));
        BigInteger notional = Exact.ceilPow10(product.abs(), shift);
        BigInteger pmmr =
                Exact.ceilDiv(notional.multiply(mc.maintenanceMargin().raw().toBigInteger()), wad);
        I256 maxSpread = I256.of(Exact.floorDiv(
                pmmr.multiply(f.spreadToMaintenanceMarginRatio().raw().toBigInteger()), wad));
        I256 fill = c.value();
        Vector<Violation> out = Vector.empty();
        if (!e.oracleValue().equals(oracle) || !e.maxSpread().equals(maxSpread)) {
            out = out.append(Violation.of("INV-FILL-1", "the reported oracle value or spread is not the position's")
                    .account(e.account())
                    .amount("oracleValue", e.oracleValue())
                    .amount("expected", oracle)
                    .amount("maxSpread", e.maxSpread())
                    .amount("expectedSpread", maxSpread));
        }
        if (fill.gt(oracle) || fill.lt(oracle.minus(maxSpread))) {
            out = out.append(Violation.of("INV-FILL-1", "the fill is outside the oracle value less the spread")
                    .account(e.account())
                    .amount("fill", fill)
                    .amount("oracleValue", oracle)
                    .amount("maxSpread", maxSpread));
        }
        I256 bankruptcy = oracle.minus(I256.of(Exact.floorDiv(
                before.get().marginEquity().toBigInteger().multiply(pmmr),
                before.get().maintenanceRequirement().toBigInteger())));
        I256 cap = I256.of(Exact.floorDiv(
                fill.abs().toBigInteger().multiply(f.maxLiquidationFee().raw().toBigInteger()), wad));
        return out.appendAll(feeAndShortfall(e, fill.minus(bankruptcy), cap));
    }

    /** {@return a violation if the fee is above its cap or the room above bankruptcy, or the shortfall is not the gap} */
    private static Vector<Violation> feeAndShortfall(Event.FillableLiquidation e, I256 room, I256 cap) {
        Vector<Violation> out = Vector.empty();
        if (e.fee().isNegative() || e.fee().gt(cap) || e.fee().gt(room.max(I256.ZERO))) {
            out = out.append(
                    Violation.of("INV-FILL-1", "the liquidation fee is above its cap or the room above bankruptcy")
                            .account(e.account())
                            .amount("fee", e.fee())
                            .amount("cap", cap)
                            .amount("aboveBankruptcy", room));
        }
        if (!e.shortfall().equals(room.negate().max(I256.ZERO))) {
            out = out.append(Violation.of("INV-FILL-1", "the shortfall is not what the fill lacks of bankruptcy")
                    .account(e.account())
                    .amount("shortfall", e.shortfall())
                    .amount("belowBankruptcy", room.negate()));
        }
        return out;
    }
}
