package dev.solvent.properties.invariant;

import dev.solvent.model.config.AssetConfig;
import dev.solvent.model.config.MarketConfig;
import dev.solvent.model.config.ProtocolConfig;
import dev.solvent.model.math.FixedPoint;
import dev.solvent.model.math.I256;
import dev.solvent.model.policy.LiquidationPolicy;
import dev.solvent.model.state.MarketState;
import dev.solvent.model.tx.Event;
import dev.solvent.model.tx.OracleAnswer;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.math.BigInteger;

/** The rounding family of the catalogue: funding moves no faster than its cap, and every rounding is in the protocol's favour. */
final class RoundingInvariants {

    private RoundingInvariants() {}

    /** INV-FUNDING-1: the funding index moves no faster than the capped rate allows. */
    static final Invariant FUNDING_RATE = Invariant.ofTransition(
            "INV-FUNDING-1",
            "funding rate cap",
            "a market's funding index moves by at most the capped daily rate times the oracle price times the elapsed"
                    + " time (plus the one unit its rounding down may add), and only forward in time",
            RoundingInvariants::fundingRate);

    /** INV-ROUND-1: rounding is in the protocol's favour. */
    static final Invariant ROUNDING = Invariant.ofTransition(
            "INV-ROUND-1",
            "rounding in the protocol's favour",
            "a taker never pays less (nor receives more) than size times price exactly, a fee is never less than its"
                    + " exact rate, and seized collateral is never credited above its exact haircut value nor a debt"
                    + " below its exact value",
            RoundingInvariants::rounding);

    private static Vector<Violation> fundingRate(Transition t) {
        Vector<Violation> out = Vector.empty();
        ProtocolConfig config = t.before().config();
        int ds = config.settlement().decimals();
        for (var e : t.after().markets()) {
            MarketState b = t.before().market(e._1);
            MarketState a = e._2;
            if (a.fundingIndex().equals(b.fundingIndex()) && a.lastFundingTime() == b.lastFundingTime()) {
                continue;
            }
            long elapsed = a.lastFundingTime() - b.lastFundingTime();
            Option<OracleAnswer> answer = Exact.answer(config, e._1, t.block());
            if (elapsed < 0) {
                out = out.append(Violation.of("INV-FUNDING-1", e._1 + ": the funding clock went back")
                        .amount("elapsed", I256.of(elapsed)));
                continue;
            }
            if (answer.isEmpty()) {
                continue;
            }
            MarketConfig m = config.markets().get(e._1).get();
            // the index moves by rate * elapsed * price * 10^ds / (10^dp * 86400), the rate a WAD: compare without
            // dividing
            // the index rounds down, so a falling index may move one unit past the exact bound
            BigInteger delta = a.fundingIndex()
                    .minus(b.fundingIndex())
                    .toBigInteger()
                    .abs()
                    .subtract(BigInteger.ONE)
                    .max(BigInteger.ZERO);
            BigInteger lhs =
                    delta.multiply(Exact.pow10(answer.get().decimals())).multiply(BigInteger.valueOf(86_400));
            BigInteger rhs = m.maxFundingRatePerDay()
                    .raw()
                    .toBigInteger()
                    .multiply(BigInteger.valueOf(elapsed))
                    .multiply(answer.get().answer().toBigInteger().abs())
                    .multiply(Exact.pow10(ds));
            if (lhs.compareTo(rhs) > 0) {
                out = out.append(Violation.of("INV-FUNDING-1", e._1 + ": the funding index moved faster than the cap")
                        .amount("indexDelta", a.fundingIndex().minus(b.fundingIndex()))
                        .amount("elapsed", I256.of(elapsed)));
            }
        }
        return out;
    }

    private static Vector<Violation> rounding(Transition t) {
        if (!t.succeeded()) {
            return Vector.empty();
        }
        Vector<Violation> out = Vector.empty();
        boolean takerSide = true;
        for (Event e : t.events()) {
            if (e instanceof Event.PositionModified p) {
                // fills come in pairs, taker first; the maker receives exactly what the taker pays
                out = out.appendAll(fill(t, p, takerSide));
                takerSide = !takerSide;
            } else if (e instanceof Event.CollateralSeized c) {
                out = out.appendAll(seized(t, c));
            }
        }
        return out;
    }

    /** {@return what a fill's quote or fee rounded in the user's favour} */
    private static Vector<Violation> fill(Transition t, Event.PositionModified p, boolean taker) {
        ProtocolConfig config = t.before().config();
        int ds = config.settlement().decimals();
        Vector<Violation> out = Vector.empty();
        MarketConfig m = config.markets().get(p.market()).get();
        AssetConfig u = config.assets().get(m.underlying()).get();
        int dp = Exact.answer(u, t.block()).map(OracleAnswer::decimals).getOrElse(8);
        int shift = u.decimals() + dp - ds;
        BigInteger exact =
                Exact.scaled(p.sizeDelta().toBigInteger().multiply(p.price().toBigInteger()), shift);
        BigInteger paid = Exact.units(p.quoteDelta().negate());
        if (taker && paid.compareTo(exact) < 0) {
            out = out.append(Violation.of("INV-ROUND-1", "a taker paid less than size times price exactly")
                    .account(p.account())
                    .amount("paid", p.quoteDelta().negate())
                    .amount("exactFloor", Exact.toUnits(exact)));
        }
        BigInteger feeExact = Exact.scaled(
                p.sizeDelta()
                        .abs()
                        .toBigInteger()
                        .multiply(p.price().toBigInteger())
                        .multiply((taker ? m.takerFee() : m.makerFee()).raw().toBigInteger()),
                shift + 18);
        if (Exact.units(p.fee()).compareTo(feeExact) < 0) {
            out = out.append(Violation.of("INV-ROUND-1", "a fee was charged below its exact rate")
                    .account(p.account())
                    .amount("fee", p.fee()));
        }
        return out;
    }

    /** {@return a violation if seized collateral was credited above its exact haircut value or a debt below its value} */
    private static Vector<Violation> seized(Transition t, Event.CollateralSeized c) {
        ProtocolConfig config = t.before().config();
        AssetConfig asset = config.assets().get(c.asset()).get();
        Option<OracleAnswer> answer = Exact.answer(asset, t.block());
        if (answer.isEmpty()) {
            return Vector.empty();
        }
        BigInteger exact = Exact.value(config, c.amount(), asset.decimals(), answer.get());
        // under a close factor the account sells collateral to the keeper at the full oracle price (Aave)
        boolean sale = config.liquidation() instanceof LiquidationPolicy.CloseFactor;
        BigInteger limit = c.amount().isPositive() && !sale
                ? exact.multiply(asset.collateralWeight().raw().toBigInteger()).divide(FixedPoint.WAD.toBigInteger())
                : exact;
        if (Exact.units(c.value()).compareTo(limit) <= 0) {
            return Vector.empty();
        }
        return Vector.of(Violation.of(
                        "INV-ROUND-1",
                        "seized " + c.asset() + " was credited above its exact "
                                + (c.amount().isPositive() ? "haircut value" : "debt value"))
                .account(c.account())
                .amount("credited", c.value())
                .amount("amount", c.amount()));
    }
}
