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
     * @param exclude accounts that never bear the loss (the liquidated account itself)
     * @param liquidated the sizes just liquidated per market, whose opposite side deleveraging draws on
     */
    static void absorb(
            Step st,
            AccountId account,
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

    /** {@return {@code value * share / 1e18} rounded down: the keeper's share of a penalty never rounds up} */
    static I256 shareOf(I256 value, I256 shareWad) {
        return FixedPoint.mulDiv(value, shareWad, FixedPoint.WAD, Rounding.FLOOR);
    }
}
