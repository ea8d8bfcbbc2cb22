package dev.solvent.model.logic;

import dev.solvent.model.config.MarketConfig;
import dev.solvent.model.id.AccountId;
import dev.solvent.model.id.MarketId;
import dev.solvent.model.math.I256;
import dev.solvent.model.math.U256;
import dev.solvent.model.state.Account;
import dev.solvent.model.state.IsolatedPosition;
import dev.solvent.model.state.Position;
import dev.solvent.model.state.ProtocolState;
import dev.solvent.model.tx.BlockContext;
import dev.solvent.model.tx.Event;
import dev.solvent.model.tx.Receipt;
import dev.solvent.model.tx.Revert;
import dev.solvent.model.tx.Tx;
import io.vavr.control.Either;

/**
 * Isolated positions: each has its own margin, moved in from and back out to the owner's settlement balance, and is
 * filled against a maker's cross account. An isolated position must meet initial margin on its own whenever its risk
 * grows or margin leaves it; one whose margin no longer covers its losses can only be liquidated, not closed.
 */
public final class IsolatedLogic {

    private IsolatedLogic() {}

    /** Opens an isolated position funded with {@code margin} from the settlement balance. */
    public static Either<Revert, Receipt> open(ProtocolState state, Tx.OpenIsolated tx, BlockContext block) {
        Either<Revert, Quote> pre = ValidationLogic.market(state, tx.market())
                .flatMap(m -> ValidationLogic.nonZero("size", tx.size()))
                .flatMap(s -> ValidationLogic.positive("margin", tx.margin()))
                .flatMap(x -> tx.account().equals(tx.maker())
                        ? Either.left(new Revert.SelfTrade(tx.account()))
                        : ValidationLogic.ownAccount(state, tx.account(), block))
                .flatMap(a -> a.isolated().containsKey(tx.market())
                        ? Either.left(new Revert.IsolatedPositionExists(tx.account(), tx.market()))
                        : moveOut(state, a, tx.margin()))
                .flatMap(a -> ValidationLogic.account(state, tx.maker()))
                .flatMap(a -> quote(state, tx.market(), tx.price(), block));
        if (pre.isLeft()) {
            return Either.left(pre.getLeft());
        }
        I256 margin = tx.margin().toI256();
        Step st = new Step(FundingLogic.accrue(state, tx.market(), pre.get(), block.timestamp()));
        Account a = st.account(tx.account()).plusBalance(state.config().settlementAsset(), margin.negate());
        st.put(a.withIsolated(
                tx.market(),
                new IsolatedPosition(Position.empty(st.market(tx.market()).fundingIndex()), margin)));
        st.emit(new Event.IsolatedMarginChanged(tx.account(), tx.market(), margin, margin));
        return fillAndCheck(state, st, tx.account(), tx.market(), tx.maker(), tx.size(), tx.price(), pre.get(), block)
                .flatMap(r ->
                        TradeLogic.crossInitial(st.state, tx.account(), block).map(x -> r));
    }

    /** Changes an isolated position's size. */
    public static Either<Revert, Receipt> modify(ProtocolState state, Tx.ModifyIsolated tx, BlockContext block) {
        Either<Revert, Quote> pre = ValidationLogic.market(state, tx.market())
                .flatMap(m -> ValidationLogic.nonZero("sizeDelta", tx.sizeDelta()))
                .flatMap(x -> tx.account().equals(tx.maker())
                        ? Either.left(new Revert.SelfTrade(tx.account()))
                        : existing(state, tx.account(), tx.market(), block))
                .flatMap(a -> ValidationLogic.account(state, tx.maker()))
                .flatMap(a -> quote(state, tx.market(), tx.price(), block));
        if (pre.isLeft()) {
            return Either.left(pre.getLeft());
        }
        Step st = new Step(FundingLogic.accrue(state, tx.market(), pre.get(), block.timestamp()));
        return fillAndCheck(
                state, st, tx.account(), tx.market(), tx.maker(), tx.sizeDelta(), tx.price(), pre.get(), block);
    }

    /** Closes an isolated position and returns its margin, with its PnL, to the settlement balance. */
    public static Either<Revert, Receipt> close(ProtocolState state, Tx.CloseIsolated tx, BlockContext block) {
        Either<Revert, Account> owner = ValidationLogic.market(state, tx.market())
                .flatMap(m -> existing(state, tx.account(), tx.market(), block));
        if (owner.isLeft()) {
            return Either.left(owner.getLeft());
        }
        I256 size = owner.get().isolated().get(tx.market()).get().position().size();
        Step st = new Step(state);
        if (!size.isZero()) {
            Either<Revert, Quote> q = (tx.account().equals(tx.maker())
                            ? Either.<Revert, Account>left(new Revert.SelfTrade(tx.account()))
                            : ValidationLogic.account(state, tx.maker()))
                    .flatMap(a -> quote(state, tx.market(), tx.price(), block));
            if (q.isLeft()) {
                return Either.left(q.getLeft());
            }
            st.state = FundingLogic.accrue(state, tx.market(), q.get(), block.timestamp());
            Either<Revert, Receipt> filled = fillAndCheck(
                    state, st, tx.account(), tx.market(), tx.maker(), size.negate(), tx.price(), q.get(), block);
            if (filled.isLeft()) {
                return filled;
            }
        }
        Account a = st.account(tx.account());
        I256 margin = a.isolated().get(tx.market()).get().margin();
        if (margin.isNegative()) {
            return Either.left(new Revert.InsufficientMargin(tx.account(), I256.ZERO, margin));
        }
        st.put(a.withoutIsolated(tx.market()).plusBalance(state.config().settlementAsset(), margin));
        st.emit(new Event.IsolatedMarginChanged(tx.account(), tx.market(), margin.negate(), I256.ZERO));
        return Either.right(st.receipt(state.config().gas().trade()));
    }

    /** Moves settlement units from the cross balance into an isolated position's margin. */
    public static Either<Revert, Receipt> addMargin(ProtocolState state, Tx.AddIsolatedMargin tx, BlockContext block) {
        Either<Revert, Account> pre = ValidationLogic.market(state, tx.market())
                .flatMap(m -> ValidationLogic.positive("amount", tx.amount()))
                .flatMap(x -> existing(state, tx.account(), tx.market(), block))
                .flatMap(a -> moveOut(state, a, tx.amount()));
        if (pre.isLeft()) {
            return Either.left(pre.getLeft());
        }
        I256 amount = tx.amount().toI256();
        IsolatedPosition ip = pre.get().isolated().get(tx.market()).get();
        Account after = pre.get()
                .plusBalance(state.config().settlementAsset(), amount.negate())
                .withIsolated(tx.market(), ip.withMargin(ip.margin().plus(amount)));
        ProtocolState next = state.withAccount(after);
        return TradeLogic.crossInitial(next, tx.account(), block)
                .map(x -> new Receipt(
                        next,
                        io.vavr.collection.Vector.of(new Event.IsolatedMarginChanged(
                                tx.account(), tx.market(), amount, ip.margin().plus(amount))),
                        state.config().gas().isolatedMargin()));
    }

    /** Moves margin back to the cross balance; the isolated position must still meet initial margin. */
    public static Either<Revert, Receipt> removeMargin(
            ProtocolState state, Tx.RemoveIsolatedMargin tx, BlockContext block) {
        Either<Revert, Account> pre = ValidationLogic.market(state, tx.market())
                .flatMap(m -> ValidationLogic.positive("amount", tx.amount()))
                .flatMap(x -> existing(state, tx.account(), tx.market(), block));
        if (pre.isLeft()) {
            return Either.left(pre.getLeft());
        }
        I256 amount = tx.amount().toI256();
        IsolatedPosition ip = pre.get().isolated().get(tx.market()).get();
        IsolatedPosition reduced = ip.withMargin(ip.margin().minus(amount));
        Account after =
                pre.get().plusBalance(state.config().settlementAsset(), amount).withIsolated(tx.market(), reduced);
        ProtocolState next = state.withAccount(after);
        return MarginLogic.isolated(next, tx.market(), reduced, block)
                .flatMap(d -> d.meetsInitial() && !reduced.margin().isNegative()
                        ? Either.right(d)
                        : Either.left(
                                new Revert.InsufficientMargin(tx.account(), d.initialRequirement(), d.marginEquity())))
                .map(d -> new Receipt(
                        next,
                        io.vavr.collection.Vector.of(new Event.IsolatedMarginChanged(
                                tx.account(), tx.market(), amount.negate(), reduced.margin())),
                        state.config().gas().isolatedMargin()));
    }

    private static Either<Revert, Account> existing(
            ProtocolState state, AccountId id, MarketId market, BlockContext block) {
        return ValidationLogic.ownAccount(state, id, block)
                .flatMap(a -> a.isolated().containsKey(market)
                        ? Either.right(a)
                        : Either.left(new Revert.NoIsolatedPosition(id, market)));
    }

    /** {@return the account if its settlement balance can fund {@code amount}} */
    private static Either<Revert, Account> moveOut(ProtocolState state, Account a, U256 amount) {
        var settlement = state.config().settlement();
        I256 balance = a.balance(settlement.id());
        I256 value = amount.toI256();
        if (balance.lt(value) && !settlement.borrowable()) {
            return Either.left(new Revert.InsufficientBalance(a.id(), settlement.id(), balance, value));
        }
        return Either.right(a);
    }

    private static Either<Revert, Quote> quote(ProtocolState state, MarketId market, I256 price, BlockContext block) {
        MarketConfig m = state.config().markets().get(market).get();
        return MarginLogic.marketPrice(state.config(), market, block)
                .flatMap(q -> ValidationLogic.withinBand(m, price, q));
    }

    private static Either<Revert, Receipt> fillAndCheck(
            ProtocolState before,
            Step st,
            AccountId account,
            MarketId market,
            AccountId maker,
            I256 size,
            I256 price,
            Quote q,
            BlockContext block) {
        MarketConfig m = before.config().markets().get(market).get();
        FundingLogic.settleIsolated(st, account, market);
        FundingLogic.settleCross(st, maker, market);
        I256 cost = TradeLogic.cost(before.config(), m, size, price, q);
        boolean ownRisk = TradeLogic.fill(st, account, market, true, size, cost, price, q, m.takerFee());
        boolean makerRisk =
                TradeLogic.fill(st, maker, market, false, size.negate(), cost.negate(), price, q, m.makerFee());
        IsolatedPosition ip = st.account(account).isolated().get(market).get();
        return TradeLogic.finish(before, st, m, price, block)
                .flatMap(x -> ownRisk
                        ? MarginLogic.isolated(st.state, market, ip, block)
                                .flatMap(d -> ValidationLogic.meetsInitial(account, d))
                                .map(d -> true)
                        : Either.right(x))
                .flatMap(x -> makerRisk ? TradeLogic.crossInitial(st.state, maker, block) : Either.right(x))
                .map(x -> st.receipt(before.config().gas().trade()));
    }
}
