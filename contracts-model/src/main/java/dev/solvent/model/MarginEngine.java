package dev.solvent.model;

import dev.solvent.model.logic.AuctionLogic;
import dev.solvent.model.logic.BuyCollateralLogic;
import dev.solvent.model.logic.DepositLogic;
import dev.solvent.model.logic.FundingLogic;
import dev.solvent.model.logic.IsolatedLogic;
import dev.solvent.model.logic.LiquidationLogic;
import dev.solvent.model.logic.TradeLogic;
import dev.solvent.model.logic.ValidationLogic;
import dev.solvent.model.logic.WithdrawLogic;
import dev.solvent.model.math.PanicException;
import dev.solvent.model.state.ProtocolState;
import dev.solvent.model.tx.BlockContext;
import dev.solvent.model.tx.Receipt;
import dev.solvent.model.tx.Revert;
import dev.solvent.model.tx.Tx;
import io.vavr.control.Either;

/**
 * The protocol as one pure function: a transaction against a state in a block yields either a revert (the state is
 * untouched, as on chain) or a receipt with the next state, the events and the gas used.
 *
 * {@snippet :
 * Either<Revert, Receipt> result = MarginEngine.execute(state, new Tx.Liquidate(AccountId.of("alice")), block);
 * ProtocolState next = result.map(Receipt::state).getOrElse(state);
 * }
 */
public final class MarginEngine {

    private MarginEngine() {}

    /** {@return the receipt of {@code tx} against {@code state} in {@code block}, or why it reverted} */
    public static Either<Revert, Receipt> execute(ProtocolState state, Tx tx, BlockContext block) {
        try {
            Either<Revert, Tx> allowed = ValidationLogic.notFlagged(state, tx);
            if (allowed.isLeft()) {
                return Either.left(allowed.getLeft());
            }
            return switch (tx) {
                case Tx.Deposit t -> DepositLogic.deposit(state, t, block);
                case Tx.Repay t -> DepositLogic.repay(state, t, block);
                case Tx.FundInsurance t -> DepositLogic.fundInsurance(state, t, block);
                case Tx.Withdraw t -> WithdrawLogic.withdraw(state, t, block);
                case Tx.Borrow t -> WithdrawLogic.borrow(state, t, block);
                case Tx.Trade t -> TradeLogic.execute(state, t, block);
                case Tx.OpenIsolated t -> IsolatedLogic.open(state, t, block);
                case Tx.ModifyIsolated t -> IsolatedLogic.modify(state, t, block);
                case Tx.CloseIsolated t -> IsolatedLogic.close(state, t, block);
                case Tx.AddIsolatedMargin t -> IsolatedLogic.addMargin(state, t, block);
                case Tx.RemoveIsolatedMargin t -> IsolatedLogic.removeMargin(state, t, block);
                case Tx.SettleFunding t -> FundingLogic.execute(state, t, block);
                case Tx.Liquidate t -> LiquidationLogic.liquidate(state, t, block);
                case Tx.LiquidateIsolated t -> LiquidationLogic.liquidateIsolated(state, t, block);
                case Tx.BuyCollateral t -> BuyCollateralLogic.buy(state, t, block);
                case Tx.Take t -> AuctionLogic.take(state, t, block);
                case Tx.Redo t -> AuctionLogic.redo(state, t, block);
            };
        } catch (PanicException e) {
            return Either.left(new Revert.Panic(e.code()));
        }
    }
}
