package dev.solvent.model.logic;

import dev.solvent.model.config.MarketConfig;
import dev.solvent.model.config.ProtocolConfig;
import dev.solvent.model.id.AccountId;
import dev.solvent.model.id.MarketId;
import dev.solvent.model.math.I256;
import dev.solvent.model.math.Wad;
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
import io.vavr.control.Either;

/**
 * Fills between two accounts. A fill is zero-sum: the maker's size and quote change by exactly the negation of the
 * taker's, so open interest stays equal on both sides. Each side pays its trading fee into the fee pool, and each side
 * whose risk grows (a larger position, or a flip) must meet initial margin afterwards; a fill that only reduces a
 * position is always allowed.
 */
public final class TradeLogic {

    private TradeLogic() {}

    /** Executes a fill between two cross accounts. */
    public static Either<Revert, Receipt> execute(ProtocolState state, Tx.Trade tx, BlockContext block) {
        Either<Revert, MarketConfig> market = ValidationLogic.market(state, tx.market());
        if (market.isLeft()) {
            return Either.left(market.getLeft());
        }
        if (tx.size().isZero()) {
            return Either.left(new Revert.InvalidAmount("size", tx.size()));
        }
        if (tx.taker().equals(tx.maker())) {
            return Either.left(new Revert.SelfTrade(tx.taker()));
        }
        Either<Revert, Quote> quote = ValidationLogic.account(state, tx.taker())
                .flatMap(a -> ValidationLogic.account(state, tx.maker()))
                .flatMap(a -> MarginLogic.marketPrice(state.config(), tx.market(), block))
                .flatMap(q -> ValidationLogic.withinBand(market.get(), tx.price(), q));
        if (quote.isLeft()) {
            return Either.left(quote.getLeft());
        }
        Step st = new Step(FundingLogic.accrue(state, tx.market(), quote.get(), block.timestamp()));
        FundingLogic.settleCross(st, tx.taker(), tx.market());
        FundingLogic.settleCross(st, tx.maker(), tx.market());
        I256 cost = cost(state.config(), market.get(), tx.size(), tx.price(), quote.get());
        boolean takerRisk = fill(
                st,
                tx.taker(),
                tx.market(),
                false,
                tx.size(),
                cost,
                tx.price(),
                quote.get(),
                market.get().takerFee());
        boolean makerRisk = fill(
                st,
                tx.maker(),
                tx.market(),
                false,
                tx.size().negate(),
                cost.negate(),
                tx.price(),
                quote.get(),
                market.get().makerFee());
        return finish(state, st, market.get(), tx.price(), block)
                .flatMap(x -> takerRisk ? crossInitial(st.state, tx.taker(), block) : Either.right(x))
                .flatMap(x -> makerRisk ? crossInitial(st.state, tx.maker(), block) : Either.right(x))
                .map(x -> st.receipt(state.config().gas().trade()));
    }

    /** {@return what the taker of {@code size} at {@code price} pays} */
    static I256 cost(ProtocolConfig config, MarketConfig market, I256 size, I256 price, Quote oracle) {
        int du = config.assets().get(market.underlying()).get().decimals();
        return MarginLogic.fillCost(
                size, price, du, oracle.decimals(), config.settlement().decimals());
    }

    /** Records the trade price and enforces the open-interest cap. */
    static Either<Revert, Boolean> finish(
            ProtocolState before, Step st, MarketConfig market, I256 price, BlockContext block) {
        MarketState after = st.market(market.id());
        st.put(market.id(), after.withLastTradePrice(price));
        I256 cap = market.maxOpenInterest().toI256();
        I256 oi = after.longOpenInterest();
        if (oi.gt(before.market(market.id()).longOpenInterest()) && oi.gt(cap)) {
            return Either.left(new Revert.OpenInterestCapExceeded(market.id(), oi, cap));
        }
        return Either.right(true);
    }

    static Either<Revert, Boolean> crossInitial(ProtocolState state, AccountId id, BlockContext block) {
        return MarginLogic.cross(state, state.accountOrEmpty(id), block)
                .flatMap(d -> ValidationLogic.meetsInitial(id, d))
                .map(d -> true);
    }

    /**
     * Applies one side of a fill: size changes by {@code delta}, quote by {@code -cost}, the fee leaves the settlement
     * balance (or the isolated margin), open interest follows; a cross position that goes flat realizes its quote into
     * the settlement balance. The market must be accrued and the position's funding settled.
     *
     * @return whether the fill increased the side's risk
     */
    static boolean fill(
            Step st,
            AccountId id,
            MarketId market,
            boolean isolated,
            I256 delta,
            I256 cost,
            I256 price,
            Quote oracle,
            Wad feeRate) {
        ProtocolConfig config = st.state.config();
        MarketConfig m = config.markets().get(market).get();
        int du = config.assets().get(m.underlying()).get().decimals();
        int ds = config.settlement().decimals();
        I256 notional = MarginLogic.notional(delta, du, new Quote(oracle.key(), price, oracle.decimals()), ds);
        I256 fee = MarginLogic.penaltyOwed(notional, feeRate);
        Account a = st.account(id);
        MarketState ms = st.market(market);
        Position before = isolated
                ? a.isolated().get(market).get().position()
                : a.position(market).getOrElse(() -> Position.empty(ms.fundingIndex()));
        Position after = before.with(before.size().plus(delta), before.quote().minus(cost));
        st.put(market, ms.withPositionChange(before.size(), after.size()));
        if (!fee.isZero()) {
            st.state = st.state.withFeePool(st.state.feePool().plus(fee));
        }
        if (isolated) {
            IsolatedPosition ip = a.isolated().get(market).get();
            I256 margin = ip.margin().minus(fee);
            Position kept = after;
            if (after.isFlat()) {
                margin = margin.plus(after.quote());
                kept = after.withQuote(I256.ZERO);
            }
            st.put(a.withIsolated(market, new IsolatedPosition(kept, margin)));
        } else {
            Account next = a.plusBalance(config.settlementAsset(), fee.negate());
            if (after.isFlat()) {
                next = next.plusBalance(config.settlementAsset(), after.quote()).withoutPosition(market);
            } else {
                next = next.withPosition(market, after);
            }
            st.put(next);
        }
        st.emit(new Event.PositionModified(id, market, isolated, delta, price, after.size(), cost.negate(), fee));
        return increasesRisk(before.size(), after.size());
    }

    /** {@return whether going from {@code before} to {@code after} grows the position or flips its side} */
    static boolean increasesRisk(I256 before, I256 after) {
        if (after.isZero()) {
            return false;
        }
        return before.signum() != after.signum() || after.abs().gt(before.abs());
    }
}
