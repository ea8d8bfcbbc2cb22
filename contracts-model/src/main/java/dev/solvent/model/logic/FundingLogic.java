package dev.solvent.model.logic;

import dev.solvent.model.config.MarketConfig;
import dev.solvent.model.config.ProtocolConfig;
import dev.solvent.model.id.AccountId;
import dev.solvent.model.id.MarketId;
import dev.solvent.model.math.FixedPoint;
import dev.solvent.model.math.I256;
import dev.solvent.model.math.Rounding;
import dev.solvent.model.math.Units;
import dev.solvent.model.state.Account;
import dev.solvent.model.state.IsolatedPosition;
import dev.solvent.model.state.MarketState;
import dev.solvent.model.state.Position;
import dev.solvent.model.state.ProtocolState;
import dev.solvent.model.tx.BlockContext;
import dev.solvent.model.tx.Event;
import dev.solvent.model.tx.Receipt;
import dev.solvent.model.tx.Revert;
import dev.solvent.model.tx.Tx;
import io.vavr.collection.Vector;
import io.vavr.control.Either;

/**
 * Funding, accrued per second through a cumulative index (as Synthetix and dYdX do). The daily rate is the premium of
 * the market's last trade price over the oracle price, {@code (last - oracle) / oracle}, clamped to
 * {@code ±maxFundingRatePerDay}; a positive rate makes longs pay shorts. The index is in settlement base units per
 * whole unit of the underlying, scaled by 1e18, and moves by {@code rate * oraclePrice * seconds / 86400} (rounded
 * down). A position settles {@code size * indexDelta} (rounded up, see {@link MarginLogic#fundingOwed}) into or out of
 * the market's funding pool.
 */
public final class FundingLogic {

    private static final I256 SECONDS_PER_DAY = I256.of(86_400);

    private FundingLogic() {}

    /** {@return the daily funding rate (WAD) implied by the market's last trade price at the oracle quote} */
    public static I256 ratePerDay(ProtocolState state, MarketId market, Quote q) {
        MarketConfig m = state.config().markets().get(market).get();
        MarketState ms = state.market(market);
        if (ms.lastTradePrice().isEmpty()) {
            return I256.ZERO;
        }
        I256 premium = FixedPoint.mulDivFloor(ms.lastTradePrice().get().minus(q.price()), FixedPoint.WAD, q.price());
        I256 cap = m.maxFundingRatePerDay().raw();
        return premium.min(cap).max(cap.negate());
    }

    /** {@return the market's funding index at {@code timestamp}, accrued from its last update without storing it} */
    public static I256 currentIndex(ProtocolState state, MarketId market, Quote q, long timestamp) {
        MarketState ms = state.market(market);
        long elapsed = timestamp - ms.lastFundingTime();
        if (elapsed <= 0) {
            return ms.fundingIndex();
        }
        ProtocolConfig config = state.config();
        I256 rate = ratePerDay(state, market, q);
        if (rate.isZero()) {
            return ms.fundingIndex();
        }
        int ds = config.settlement().decimals();
        // rate * dt * price * 10^ds / (10^priceDecimals * 86400), one rounding (down) for the shared index
        I256 delta = FixedPoint.mulDiv(
                rate.times(I256.of(elapsed)),
                q.price().times(Units.pow10(ds)),
                Units.pow10(q.decimals()).times(SECONDS_PER_DAY),
                Rounding.FLOOR);
        return ms.fundingIndex().plus(delta);
    }

    /** {@return the state with the market's index accrued to the block} */
    static ProtocolState accrue(ProtocolState state, MarketId market, Quote q, long timestamp) {
        MarketState ms = state.market(market);
        if (timestamp <= ms.lastFundingTime()) {
            return state;
        }
        return state.withMarket(market, ms.withFunding(currentIndex(state, market, q, timestamp), timestamp));
    }

    /** Settles the funding of one cross position into the pool; the market must be accrued already. */
    static void settleCross(Step st, AccountId id, MarketId market) {
        Account a = st.account(id);
        Position p = a.position(market).getOrNull();
        if (p == null) {
            return;
        }
        Position settled = settle(st, id, market, p, false);
        st.put(st.account(id).withPosition(market, settled));
    }

    /** Settles the funding of one isolated position into the pool; the market must be accrued already. */
    static void settleIsolated(Step st, AccountId id, MarketId market) {
        IsolatedPosition ip = st.account(id).isolated().get(market).getOrNull();
        if (ip == null) {
            return;
        }
        Position settled = settle(st, id, market, ip.position(), true);
        st.put(st.account(id).withIsolated(market, ip.withPosition(settled)));
    }

    private static Position settle(Step st, AccountId id, MarketId market, Position p, boolean isolated) {
        MarketState ms = st.market(market);
        if (p.fundingIndex().equals(ms.fundingIndex())) {
            return p;
        }
        int du = st.state
                .config()
                .assets()
                .get(st.state.config().markets().get(market).get().underlying())
                .get()
                .decimals();
        I256 owed = MarginLogic.fundingOwed(p.size(), ms.fundingIndex().minus(p.fundingIndex()), du);
        if (!owed.isZero()) {
            st.put(market, ms.plusFundingPool(owed));
            st.emit(new Event.FundingSettled(id, market, isolated, owed));
        }
        return new Position(p.size(), p.quote().minus(owed), ms.fundingIndex());
    }

    /** Accrues and settles funding on every position of an account. */
    public static Either<Revert, Receipt> execute(ProtocolState state, Tx.SettleFunding tx, BlockContext block) {
        Account a = state.account(tx.account()).getOrNull();
        if (a == null) {
            return Either.left(new Revert.UnknownAccount(tx.account()));
        }
        Vector<MarketId> markets = a.positions()
                .keySet()
                .toVector()
                .appendAll(a.isolated().keySet())
                .distinct()
                .sorted();
        return MarginLogic.marketQuotes(state, markets, block).map(quotes -> {
            Step st = new Step(state);
            quotes.forEach((m, q) -> st.state = accrue(st.state, m, q, block.timestamp()));
            a.positions().keySet().forEach(m -> settleCross(st, tx.account(), m));
            a.isolated().keySet().forEach(m -> settleIsolated(st, tx.account(), m));
            return st.receipt(state.config().gas().settleFunding());
        });
    }
}
