package dev.solvent.model.logic;

import dev.solvent.model.id.AccountId;
import dev.solvent.model.id.MarketId;
import dev.solvent.model.math.FixedPoint;
import dev.solvent.model.math.I256;
import dev.solvent.model.math.Rounding;
import dev.solvent.model.state.Account;
import dev.solvent.model.state.Position;
import dev.solvent.model.tx.BlockContext;
import dev.solvent.model.tx.Event;
import io.vavr.Tuple;
import io.vavr.Tuple2;
import io.vavr.Tuple3;
import io.vavr.collection.Set;
import io.vavr.collection.TreeMap;
import io.vavr.collection.Vector;

/**
 * Absorbs a shortfall, in order: the insurance fund pays what it can (never going negative), then the configured
 * {@link dev.solvent.model.policy.ShortfallPolicy} takes the rest from other accounts, and whatever is left becomes bad
 * debt. The four amounts always add up to the shortfall exactly; each is booked in the ledger and announced by an
 * event.
 */
final class ShortfallLogic {

    private ShortfallLogic() {}

    /**
     * Absorbs {@code shortfall} settlement units lost by {@code account}; the caller credits the shortfall back to the
     * bucket that lost it.
     *
     * @param receiver who took over the liquidated positions, the counterparty of auto-deleveraging
     * @param exclude accounts that never bear the loss (the liquidated account itself)
     * @param liquidated the sizes just liquidated per market, whose opposite side deleveraging draws on
     */
    static void absorb(
            Step st,
            AccountId account,
            AccountId receiver,
            I256 shortfall,
            Set<AccountId> exclude,
            TreeMap<MarketId, I256> liquidated,
            BlockContext block) {
        I256 cover = shortfall.min(st.state.insuranceFund());
        if (cover.isPositive()) {
            st.state = st.state.withInsuranceFund(st.state.insuranceFund().minus(cover));
            st.emit(new Event.ShortfallCovered(account, cover));
        }
        I256 rest = shortfall.minus(cover);
        I256 socialized = I256.ZERO;
        I256 deleveraged = I256.ZERO;
        if (rest.isPositive()) {
            switch (st.state.config().shortfall()) {
                case dev.solvent.model.policy.ShortfallPolicy.InsuranceThenSocialize s ->
                    socialized = socialize(st, rest, exclude);
                case dev.solvent.model.policy.ShortfallPolicy.InsuranceThenAdl a ->
                    deleveraged = deleverage(st, rest, exclude, liquidated, block);
                case dev.solvent.model.policy.ShortfallPolicy.InsuranceThenDeleverage d ->
                    deleveraged = autoDeleverage(st, rest, receiver, exclude, liquidated, block);
                case dev.solvent.model.policy.ShortfallPolicy.InsuranceThenBadDebt b -> {}
            }
        }
        I256 bad = rest.minus(socialized).minus(deleveraged);
        if (bad.isPositive()) {
            st.emit(new Event.BadDebtRecorded(account, bad));
        }
        st.state = st.state.withLedger(st.state.ledger().plusShortfall(cover, socialized, deleveraged, bad));
    }

    /**
     * Charges {@code loss} to every other account pro rata to its positive settlement balance: each pays the floor of
     * its exact share, and the few units that flooring leaves are charged one each to the accounts with the largest
     * remainders (ties by account id), so the charges add up to the loss exactly and no one pays a unit more than one
     * above its exact share.
     *
     * @return the amount socialized, at most the sum of the balances
     */
    static I256 socialize(Step st, I256 loss, Set<AccountId> exclude) {
        var settlement = st.state.config().settlementAsset();
        Vector<Tuple2<AccountId, I256>> base = st.state
                .accounts()
                .values()
                .filter(a -> !exclude.contains(a.id()) && a.balance(settlement).isPositive())
                .map(a -> Tuple.of(a.id(), a.balance(settlement)))
                .toVector();
        I256 total = base.foldLeft(I256.ZERO, (s, t) -> s.plus(t._2));
        if (total.isZero()) {
            return I256.ZERO;
        }
        I256 charged = loss.min(total);
        Vector<Tuple3<AccountId, I256, I256>> shares = base.map(t -> {
            I256 exact = t._2.times(charged);
            I256 floor = exact.divide(total, Rounding.FLOOR);
            return Tuple.of(t._1, floor, exact.minus(floor.times(total)));
        });
        I256 floored = shares.foldLeft(I256.ZERO, (s, t) -> s.plus(t._2));
        long leftover = charged.minus(floored).longValueExact();
        Set<AccountId> extra = shares.sortBy(
                        (x, y) -> {
                            int byRemainder = y._3.compareTo(x._3);
                            return byRemainder != 0 ? byRemainder : x._1.compareTo(y._1);
                        },
                        t -> t)
                .take((int) leftover)
                .map(t -> t._1)
                .toSet();
        for (Tuple3<AccountId, I256, I256> s : shares) {
            I256 share = extra.contains(s._1) ? s._2.plus(I256.ONE) : s._2;
            if (share.isPositive()) {
                st.plusSettlement(s._1, share.negate());
                st.emit(new Event.LossSocialized(s._1, share));
            }
        }
        return charged;
    }

    /**
     * Takes {@code loss} from the unrealized profit of cross positions opposite to the liquidated ones, most
     * profitable first (ties by account id, then market), each giving at most its profit.
     *
     * @return the amount taken
     */
    static I256 deleverage(
            Step st, I256 loss, Set<AccountId> exclude, TreeMap<MarketId, I256> liquidated, BlockContext block) {
        Vector<Tuple3<AccountId, MarketId, I256>> candidates = Vector.empty();
        for (Account a : st.state.accounts().values()) {
            if (exclude.contains(a.id())) {
                continue;
            }
            for (var entry : a.positions()) {
                I256 side = liquidated.get(entry._1).getOrElse(I256.ZERO);
                if (side.isZero() || side.signum() == entry._2.size().signum()) {
                    continue;
                }
                I256 pnl = MarginLogic.position(st.state, entry._1, entry._2, block)
                        .map(MarginLogic.PositionData::pnl)
                        .getOrElse(I256.ZERO);
                if (pnl.isPositive()) {
                    candidates = candidates.append(Tuple.of(a.id(), entry._1, pnl));
                }
            }
        }
        candidates = candidates.sorted((x, y) -> {
            int c = y._3.compareTo(x._3);
            if (c != 0) {
                return c;
            }
            c = x._1.compareTo(y._1);
            return c != 0 ? c : x._2.compareTo(y._2);
        });
        I256 remaining = loss;
        for (Tuple3<AccountId, MarketId, I256> c : candidates) {
            if (!remaining.isPositive()) {
                break;
            }
            I256 take = remaining.min(c._3);
            Account a = st.account(c._1);
            Position p = a.position(c._2).get();
            st.put(a.withPosition(c._2, p.withQuote(p.quote().minus(take))));
            st.emit(new Event.PositionDeleveraged(c._1, c._2, take));
            remaining = remaining.minus(take);
        }
        return loss.minus(remaining);
    }

    /** A deleveraging candidate: an opposite position in profit, with what its rank is computed from. */
    private record Candidate(
            AccountId account, MarketId market, I256 size, I256 pnl, I256 cost, I256 notional, I256 equity) {

        boolean ranked() {
            return cost.isPositive() && equity.isPositive();
        }

        /** Higher PnL% times leverage first: pnl / cost * notional / equity, compared without division. */
        int compareRank(Candidate o) {
            if (ranked() != o.ranked()) {
                return ranked() ? -1 : 1;
            }
            int c = ranked()
                    ? o.pnl.times(o.notional)
                            .times(cost)
                            .times(equity)
                            .compareTo(pnl.times(notional).times(o.cost).times(o.equity))
                    : o.pnl.compareTo(pnl);
            if (c != 0) {
                return c;
            }
            c = account.compareTo(o.account);
            return c != 0 ? c : market.compareTo(o.market);
        }
    }

    /**
     * Closes the receiver's newly taken positions against the most highly ranked opposite positions at the bankruptcy
     * price. The loss is split over the liquidated markets by their share of the closed notional (the last market
     * takes the remainder), and within a market charged per unit closed, rounded down, the last unit the remainder,
     * so the charges add up exactly.
     *
     * @return the amount covered
     */
    static I256 autoDeleverage(
            Step st,
            I256 loss,
            AccountId receiver,
            Set<AccountId> exclude,
            TreeMap<MarketId, I256> liquidated,
            BlockContext block) {
        var config = st.state.config();
        int ds = config.settlement().decimals();
        TreeMap<MarketId, I256> notionals = liquidated
                .filterValues(s -> !s.isZero())
                .map((m, s) -> {
                    var mc = config.markets().get(m).get();
                    int du = config.assets().get(mc.underlying()).get().decimals();
                    Quote q = MarginLogic.marketPrice(config, m, block).get();
                    return io.vavr.Tuple.of(m, MarginLogic.notional(s, du, q, ds));
                });
        I256 total = notionals.values().foldLeft(I256.ZERO, I256::plus);
        if (total.isZero()) {
            return I256.ZERO;
        }
        I256 covered = I256.ZERO;
        I256 allotted = I256.ZERO;
        int index = 0;
        for (var entry : notionals) {
            index++;
            MarketId m = entry._1;
            I256 share = index == notionals.size()
                    ? loss.minus(allotted)
                    : FixedPoint.mulDiv(loss, entry._2, total, Rounding.FLOOR);
            allotted = allotted.plus(share);
            covered = covered.plus(deleverageMarket(
                    st, share, receiver, exclude, m, liquidated.get(m).get(), block));
        }
        return covered;
    }

    private static I256 deleverageMarket(
            Step st, I256 loss, AccountId receiver, Set<AccountId> exclude, MarketId m, I256 side, BlockContext block) {
        var config = st.state.config();
        int ds = config.settlement().decimals();
        var mc = config.markets().get(m).get();
        int du = config.assets().get(mc.underlying()).get().decimals();
        Quote q = MarginLogic.marketPrice(config, m, block).get();
        // what the receiver can hand back: its position on the liquidated side, at most what it took over
        I256 held = st.account(receiver).position(m).map(Position::size).getOrElse(I256.ZERO);
        I256 units = held.signum() == side.signum() ? held.abs().min(side.abs()) : I256.ZERO;
        if (units.isZero() || !loss.isPositive()) {
            return I256.ZERO;
        }
        Vector<Candidate> candidates = Vector.empty();
        for (Account a : st.state.accounts().values()) {
            if (exclude.contains(a.id()) || a.id().equals(receiver)) {
                continue;
            }
            for (Position p : a.position(m)) {
                if (p.size().signum() != -side.signum()) {
                    continue;
                }
                var data = MarginLogic.position(st.state, m, p, block).get();
                if (!data.pnl().isPositive()) {
                    continue;
                }
                I256 equity = MarginLogic.cross(st.state, a, block)
                        .map(MarginLogic.AccountData::marginEquity)
                        .getOrElse(I256.ZERO);
                candidates = candidates.append(
                        new Candidate(a.id(), m, p.size(), data.pnl(), p.quote().abs(), data.notional(), equity));
            }
        }
        candidates = candidates.sorted(Candidate::compareRank);
        I256 remainingUnits = units;
        I256 remainingLoss = loss;
        for (Candidate c : candidates) {
            if (remainingUnits.isZero()) {
                break;
            }
            I256 q0 = c.size().abs().min(remainingUnits);
            // the charge per unit is the loss per unit of what is left to close, rounded down; the last unit pays the
            // rest
            I256 charge = q0.equals(remainingUnits)
                    ? remainingLoss
                    : FixedPoint.mulDiv(remainingLoss, q0, remainingUnits, Rounding.FLOOR);
            I256 delta = side.isPositive() ? q0 : q0.negate();
            I256 value = MarginLogic.positionValue(delta, du, q, ds);
            FundingLogic.settleCross(st, c.account(), m);
            FundingLogic.settleCross(st, receiver, m);
            move(st, receiver, m, delta.negate(), value.negate());
            move(st, c.account(), m, delta, value.plus(charge));
            st.emit(new Event.PositionAutoDeleveraged(c.account(), receiver, m, delta, q.price(), charge));
            remainingUnits = remainingUnits.minus(q0);
            remainingLoss = remainingLoss.minus(charge);
        }
        return loss.minus(remainingLoss);
    }

    /** Changes a cross position by {@code delta} for {@code cost} settlement units, realizing it if it goes flat. */
    private static void move(Step st, AccountId id, MarketId m, I256 delta, I256 cost) {
        Account a = st.account(id);
        var ms = st.market(m);
        Position before = a.position(m).getOrElse(() -> Position.empty(ms.fundingIndex()));
        Position after = before.with(before.size().plus(delta), before.quote().minus(cost));
        st.put(m, ms.withPositionChange(before.size(), after.size()));
        st.put(
                after.isFlat()
                        ? a.withoutPosition(m).plusBalance(st.state.config().settlementAsset(), after.quote())
                        : a.withPosition(m, after));
    }

    /** {@return {@code value * share / 1e18} rounded down: the keeper's share of a penalty never rounds up} */
    static I256 shareOf(I256 value, I256 shareWad) {
        return FixedPoint.mulDiv(value, shareWad, FixedPoint.WAD, Rounding.FLOOR);
    }
}
